package dev.awaitable.reliability.lincheck;

import dev.awaitable.CancellationTokenSource;
import dev.awaitable.internal.Backends;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CancellationTokenSource#cancelAfter} racing {@code close()}, {@code cancel()} and its own
 * timer, checked by Lincheck against the same source run sequentially. The timer is
 * {@link ManualTimerBackend}'s: "the timer fires" is the operation {@link #timerFires}, so the
 * model checker places it anywhere, including between {@code cancelAfter} scheduling it and
 * checking whether the source is closed.
 *
 * <p>Contracts: a timer fires at most once and cancels the source then, whether a later
 * {@code cancelAfter} is replacing it or {@code cancel()} races it; the one callback registered
 * up front runs exactly once if and only if the source ends cancelled. With {@code close()}
 * ({@link WithClose}): {@code cancelAfter} on a closed source fails and changes nothing, so a
 * source whose every {@code cancelAfter} failed, and that nobody cancelled, is never cancelled.
 */
@Tag("lincheck")
@ExtendWith(QuietUnobservedFaults.class)
public class CancelAfterLincheckTest {

    final CancellationTokenSource cts = new CancellationTokenSource();
    private final AtomicInteger callbackRuns = new AtomicInteger();

    public CancelAfterLincheckTest() {
        ManualTimerBackend.INSTANCE.reset();
        cts.token().register(new Counter(callbackRuns));
    }

    @BeforeAll
    static void useManualTimer() {
        Backends.use(ManualTimerBackend.INSTANCE);
    }

    @AfterAll
    static void restoreBackend() {
        Backends.use((dev.awaitable.spi.AsyncBackend) null);
    }

    /** Schedules cancellation (far away: only {@link #timerFires} fires it); the failure's class if it fails. */
    @Operation
    public String cancelAfter() {
        try {
            cts.cancelAfter(Duration.ofHours(1));
            return "scheduled";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /**
     * The timer thread: fires whatever is due (everything scheduled and not cancelled). How many
     * fired is no result: a timer that cancelAfter is about to replace may still fire, and
     * cancels just as the new one would.
     */
    @Operation
    public void timerFires() {
        ManualTimerBackend.INSTANCE.fireAll();
    }

    @Operation
    public void cancel() {
        cts.cancel();
    }

    @Operation
    public boolean isCancellationRequested() {
        return cts.isCancellationRequested();
    }

    /** A named class, not a lambda: Lincheck cannot read the fields of a lambda's hidden class. */
    private static final class Counter implements Runnable {
        private final AtomicInteger runs;

        Counter(AtomicInteger runs) {
            this.runs = runs;
        }

        @Override
        public void run() {
            runs.incrementAndGet();
        }
    }

    @Validate
    public void theCallbackRanOnceIfAndOnlyIfCancelled() {
        int expected = cts.isCancellationRequested() ? 1 : 0;
        if (callbackRuns.get() != expected) {
            throw new AssertionError("the callback ran " + callbackRuns.get() + " times, expected " + expected);
        }
    }

    /** The same operations and {@code close()}: see {@link #withCloseModelChecking}. */
    public static final class WithClose extends CancelAfterLincheckTest {
        @Operation
        public void close() {
            cts.close();
        }
    }

    /**
     * {@code close()} racing {@code cancelAfter()} and the timer. The model checker found two
     * schedules here before {@code cancelAfter} checked, under its lock and before scheduling,
     * whether the source is closed: a timer firing between {@code Backends.schedule} and that
     * check cancelled a closed source although {@code cancelAfter} threw; and an unlocked
     * "already cancelled?" check made a racing {@code cancelAfter} return where, run after the
     * close, it throws. Both must now be linearizable.
     */
    @Test
    void withCloseModelChecking() {
        LincheckRuns.modelChecking(
                        CancellationTokenSourceLincheckTest.MODEL_SCENARIOS,
                        CancellationTokenSourceLincheckTest.MODEL_INVOCATIONS)
                .check(WithClose.class);
    }

    @Test
    void withCloseStress() {
        LincheckRuns.stress().check(WithClose.class);
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelChecking(
                        CancellationTokenSourceLincheckTest.MODEL_SCENARIOS,
                        CancellationTokenSourceLincheckTest.MODEL_INVOCATIONS)
                .check(getClass());
    }

    @Test
    void stress() {
        LincheckRuns.stress().check(getClass());
    }
}
