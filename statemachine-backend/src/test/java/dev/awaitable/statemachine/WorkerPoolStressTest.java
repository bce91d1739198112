package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The worker pool runs every task exactly once and never loses a wake-up. Scaled by {@code -Dawaitable.stress}. */
class WorkerPoolStressTest {

    private static final int SCALE = Integer.getInteger("awaitable.stress", 1);

    /** Tasks submitted from outside and from workers (local rings, stealing) each run exactly once. */
    @Test
    void everyTaskRunsExactlyOnce() throws Exception {
        WorkerPool pool = new WorkerPool("stress", 2);
        int tasks = 200_000 * SCALE;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks * 2);
        CountDownLatch done = new CountDownLatch(tasks * 2);
        Thread[] submitters = new Thread[2];
        for (int s = 0; s < submitters.length; s++) {
            int offset = s * tasks / 2;
            submitters[s] = new Thread(() -> {
                for (int i = 0; i < tasks / 2; i++) {
                    int id = offset + i;
                    pool.execute(() -> {
                        runs.incrementAndGet(id);
                        done.countDown();
                        int child = tasks + id; // a task submitted by a worker goes to its local ring
                        pool.execute(() -> {
                            runs.incrementAndGet(child);
                            done.countDown();
                        });
                    });
                }
            });
            submitters[s].start();
        }
        for (Thread t : submitters) {
            t.join();
        }
        assertThat(done.await(2, TimeUnit.MINUTES)).isTrue();
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
        }
    }

    /** Hand-offs separated by pauses long enough for workers to park all arrive: no lost wake-up. */
    @Test
    void noLostWakeUpAfterWorkersPark() throws Exception {
        WorkerPool pool = new WorkerPool("wakeups", 2);
        int handoffs = 200 * SCALE;
        AtomicLong ran = new AtomicLong();
        for (int i = 0; i < handoffs; i++) {
            CountDownLatch one = new CountDownLatch(1);
            pool.execute(() -> {
                ran.incrementAndGet();
                one.countDown();
            });
            assertThat(one.await(10, TimeUnit.SECONDS)).as("hand-off %d", i).isTrue();
            if (i % 20 == 0) {
                Thread.sleep(2); // let the workers give up searching and park
            }
        }
        assertThat(ran.get()).isEqualTo(handoffs);
    }
}
