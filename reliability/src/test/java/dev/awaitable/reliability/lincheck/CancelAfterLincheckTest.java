package dev.awaitable.reliability.lincheck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.CancellationTokenSource;
import dev.awaitable.internal.Backends;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.LincheckAssertionError;
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

    /** The same operations and {@code close()}: see {@link #rootCause7CancelAfterOnAClosedSourceCancelsIt}. */
    public static final class WithClose extends CancelAfterLincheckTest {
        @Operation
        public void close() {
            cts.close();
        }
    }

    /**
     * Issue 19, root cause 7, as the model checker finds it. {@code cancelAfter} schedules its
     * timer before it checks, under the lock, whether the source is closed, and cancels the
     * timer only then; a timer that fires in between cancels a closed source although
     * {@code cancelAfter} threw. The shortest schedule: {@code close()}; then
     * {@code cancelAfter()} and the timer on two threads, the timer firing between
     * {@code Backends.schedule} and {@code lock.lock()}; then {@code isCancellationRequested()}
     * is true, which no sequential order of those operations gives. (The stress run finds it
     * too, in about one scenario of ten.) A second schedule it finds comes from the same
     * unlocked check: {@code cancelAfter} reads "not cancelled" before taking the lock, another
     * thread cancels and closes, and {@code cancelAfter} then throws for the closed source,
     * where after a cancel it would have returned (sequentially it checks cancellation first).
     *
     * <p>This test asserts that the failure is still there, so the build stays green while it
     * is open. Once root cause 7 is fixed it fails: then make it {@code modelChecking} and
     * {@code stress} runs of {@link WithClose} that must pass, like the two below.
     */
    @Test
    void rootCause7CancelAfterOnAClosedSourceCancelsIt() {
        assertThatThrownBy(() -> LincheckRuns.modelChecking(
                                CancellationTokenSourceLincheckTest.MODEL_SCENARIOS,
                                CancellationTokenSourceLincheckTest.MODEL_INVOCATIONS)
                        .check(WithClose.class))
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("cancelAfter(): IllegalStateException");
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
