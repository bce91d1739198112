package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.spi.ScheduledAction;
import dev.awaitable.testkit.Gc;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The timing wheel: never early, cancellation frees memory, many timers at once. */
class TimerWheelTest {

    private final StatemachineBackend backend = (StatemachineBackend) Async.backend();

    /** A timer never fires before its delay. */
    @Test
    void neverFiresEarly() throws Exception {
        for (int delayMs : new int[] {0, 1, 3, 15, 40}) {
            CountDownLatch fired = new CountDownLatch(1);
            long start = System.nanoTime();
            long[] at = new long[1];
            backend.schedule(
                    () -> {
                        at[0] = System.nanoTime();
                        fired.countDown();
                    },
                    TimeUnit.MILLISECONDS.toNanos(delayMs));
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(at[0] - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(delayMs));
        }
    }

    /** A cancelled timer never runs, and what it held becomes unreachable. */
    @Test
    void cancelledTimerReleasesItsTask() {
        Object payload = new Object();
        WeakReference<Object> ref = new WeakReference<>(payload);
        AtomicInteger ran = new AtomicInteger();
        ScheduledAction a = schedule(payload, ran);
        payload = null;
        assertThat(a.cancel()).isTrue();
        assertThat(a.cancel()).isFalse();
        assertThat(Gc.until(() -> ref.get() == null, Duration.ofSeconds(10))).isTrue();
        assertThat(ran).hasValue(0);
    }

    private ScheduledAction schedule(Object payload, AtomicInteger ran) {
        return backend.schedule(
                () -> {
                    if (payload != null) {
                        ran.incrementAndGet();
                    }
                },
                TimeUnit.HOURS.toNanos(1));
    }

    /** Cancelled delays leave the wheel: the pending count drops back. */
    @Test
    void cancelledDelaysLeaveTheWheel() {
        long before = StatemachineBackend.pendingTimers();
        CancellationTokenSource cts = new CancellationTokenSource();
        Awaitable<?>[] delays = new Awaitable<?>[10_000];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = Awaitables.delay(Duration.ofHours(1), cts.token());
        }
        assertThat(StatemachineBackend.pendingTimers() - before).isGreaterThanOrEqualTo(delays.length);
        cts.cancel();
        for (Awaitable<?> d : delays) {
            assertThat(d.isCancelled()).isTrue();
        }
        assertThat(Gc.until(() -> StatemachineBackend.pendingTimers() <= before, Duration.ofSeconds(10)))
                .isTrue();
    }
}
