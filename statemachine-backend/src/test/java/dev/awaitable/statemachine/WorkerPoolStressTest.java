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

    /**
     * Contract: a task submitted from outside the pool runs, however its submission interleaves
     * with a worker going to sleep. One worker that parks as soon as it finds nothing (no search
     * spins), and a submitter that hands it the next task the moment the last one ran, so every
     * round races the enqueue and {@code signal()} against the worker's {@code parked = true},
     * re-check and park.
     *
     * <p>Regression: {@code signal()} read {@code searching} and {@code parked} right after the
     * queue's release store; a release store followed by a load is not ordered (store-load), so
     * the submitter could read "nobody parked" while the worker, having re-checked an empty
     * queue, parked: the task sat in the queue with every worker asleep. It lost about 330 tasks
     * per million rounds here, the first within a few thousand; with the fence in
     * {@code signal()}, none in 2 million.
     */
    @Test
    void noLostWakeUpWhenSubmitRacesPark() {
        WorkerPool pool = new WorkerPool("submit-vs-park", 1, 0);
        int rounds = 300_000 * SCALE;
        AtomicLong ran = new AtomicLong();
        Runnable task = ran::incrementAndGet;
        for (int i = 0; i < rounds; i++) {
            pool.execute(task);
            awaitCount(ran, i + 1, i);
        }
    }

    /** Spins (then yields) until {@code counter} reaches {@code expected}; fails after 10 s. */
    private static void awaitCount(AtomicLong counter, long expected, int round) {
        long deadline = 0L;
        for (int spins = 0; counter.get() < expected; spins++) {
            if (spins < 1_000) {
                Thread.onSpinWait();
                continue;
            }
            Thread.yield();
            long now = System.nanoTime();
            if (deadline == 0L) {
                deadline = now + TimeUnit.SECONDS.toNanos(10);
            } else if (now > deadline) {
                throw new AssertionError("round " + round + ": the task was not run within 10 s (a lost wake-up: "
                        + "it is queued and the worker parked)");
            }
        }
    }
}
