package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A million concurrently pending delays all complete. Scaled by {@code -Dawaitable.stress}.
 * Prints the heap they occupied (a measurement, not an assertion beyond a sanity bound).
 */
class DelayStressTest {

    private static final int DELAYS = 1_000_000 * Integer.getInteger("awaitable.stress", 1);

    /** Every one of a million pending delays completes, and the wheel is empty afterwards. */
    @Test
    void millionConcurrentDelaysComplete() throws Exception {
        System.gc();
        long before = usedHeap();
        CountDownLatch done = new CountDownLatch(DELAYS);
        Runnable countDown = done::countDown;
        Awaitable<?>[] keep = new Awaitable<?>[DELAYS];
        for (int i = 0; i < DELAYS; i++) {
            Awaitable<Void> d = Awaitables.delay(Duration.ofMillis(1500 + (i & 255)));
            d.unsafeOnCompleted(countDown);
            keep[i] = d;
        }
        long pendingHeap = usedHeap() - before;
        assertThat(StatemachineBackend.pendingTimers()).isGreaterThanOrEqualTo(DELAYS / 2);
        assertThat(done.await(2, TimeUnit.MINUTES)).isTrue();
        for (Awaitable<?> d : keep) {
            assertThat(d.isCompletedSuccessfully()).isTrue();
        }
        System.out.printf(
                "statemachine: %,d pending delays used about %,d bytes of heap (%,d bytes each)%n",
                DELAYS, pendingHeap, pendingHeap / DELAYS);
        assertThat(pendingHeap / DELAYS).isLessThan(1024);
        assertThat(StatemachineBackend.pendingTimers()).isZero();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
