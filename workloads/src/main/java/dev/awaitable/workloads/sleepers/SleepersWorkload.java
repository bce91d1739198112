package dev.awaitable.workloads.sleepers;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.SuspendedTasks;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.Suspended;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code sleepers}: {@code tasks} async tasks, each awaiting a delay, all pending at once.
 * {@code run()} starts them (each sleeps {@code delay-ms}) and waits for all; {@link #suspend}
 * leaves {@code count} of them sleeping so the caller can measure the heap per sleeper.
 *
 * <p>Seed claims: "no threads are created by this mechanism; it's purely cooperative suspension"
 * and "timer (for delays/timeouts)" among what a suspension allocates. Statemachine: a machine
 * awaiting {@code Awaitables.delay} ({@link SleeperMachine}); loom: a body parked in
 * {@code Async.await(delay)}; CompletableFuture: a future completed by a timer the run owns (one
 * {@link ScheduledThreadPoolExecutor} thread), plus its dependent stage; blocking: a platform
 * thread in {@code Thread.sleep}.
 *
 * <p>The blocking peer needs a thread per sleeper, so it refuses more than
 * {@value #MAX_BLOCKING_THREADS} ({@link IllegalArgumentException} from {@code open} and
 * {@code suspend}); its {@code run()} keeps a pool of {@code tasks} threads started at open.
 *
 * <p>{@code suspend()} sleeps for an hour, on a cancellable delay, and {@code resumeAll()} wakes
 * every sleeper early: it cancels the token (statemachine, loom), completes the futures and drops
 * the timer's entries (CompletableFuture), or interrupts the threads (blocking). So the memory
 * measured per sleeper includes the token registration of its delay; the timer itself is the
 * real one, not a gate.
 *
 * <p>Checksum: each sleeper returns its index: {@code tasks * (tasks - 1) / 2}.
 */
public final class SleepersWorkload extends AbstractWorkload {

    /** The most sleepers the blocking peer runs: a platform thread each. */
    public static final int MAX_BLOCKING_THREADS = 20_000;

    /** How long suspended sleepers sleep unless woken. */
    static final Duration HOLD = Duration.ofHours(1);

    public SleepersWorkload() {
        super(
                "sleepers",
                "N concurrently pending delays; memory per sleeping task",
                "suspension holds no thread: a sleeper is a small heap object (statemachine) or a parked stack (loom), "
                        + "a platform thread for blocking code (seeds: Task vs Thread, allocation of timers)",
                Shape.MEMORY,
                ParamSpec.ints(
                        "tasks",
                        "sleepers started at once (blocking peer: at most " + MAX_BLOCKING_THREADS + ")",
                        1,
                        1_000_000,
                        List.of(1000L, 10_000L),
                        List.of(1000L, 10_000L, 100_000L, 1_000_000L)),
                ParamSpec.ints(
                        "delay-ms",
                        "how long each sleeper sleeps in run()",
                        1,
                        1000,
                        List.of(10L),
                        List.of(10L, 100L)));
    }

    /** Base: the parameters. */
    private abstract static class Run implements WorkloadRun {
        final int tasks;
        final Duration delay;

        Run(Params p) {
            this.tasks = p.getInt("tasks");
            this.delay = Duration.ofMillis(p.getLong("delay-ms"));
        }

        @Override
        public void close() {}
    }

    /* ---------------- The sleepers, one form per implementation ---------------- */

    static Awaitable<Long> loomSleeper(long index, Duration delay, CancellationToken token) {
        return loomSleeper(index, delay, token, null);
    }

    /** @param self receives the body's virtual thread (a memory probe sizes its stack), or null */
    static Awaitable<Long> loomSleeper(long index, Duration delay, CancellationToken token, Thread[] self) {
        return Async.run(() -> {
            if (self != null) {
                self[0] = Thread.currentThread();
            }
            try {
                Async.await(Awaitables.delay(delay, token));
            } catch (CancellationException woken) {
                // woken early by the token: finish normally
            }
            return index;
        });
    }

    /** A future the timer completes after {@code delay}; the sleeper is its dependent stage. */
    static CompletableFuture<Void> cfSleep(ScheduledThreadPoolExecutor timer, Duration delay) {
        CompletableFuture<Void> sleep = new CompletableFuture<>();
        timer.schedule(() -> sleep.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        return sleep;
    }

    static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Threads.daemon("sleepers-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** @param started counted down once the thread runs the sleeper, or null */
    static long blockingSleeper(long index, Duration delay, CountDownLatch started) {
        if (started != null) {
            started.countDown();
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException woken) {
            // woken early by resumeAll (or close): finish normally
        }
        return index;
    }

    static void checkBlocking(int count) {
        if (count > MAX_BLOCKING_THREADS) {
            throw new IllegalArgumentException("sleepers: the blocking peer needs a platform thread per sleeper and "
                    + "refuses more than " + MAX_BLOCKING_THREADS + " (asked for " + count + ")");
        }
    }

    /* ---------------- run() ---------------- */

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                @SuppressWarnings("unchecked")
                Awaitable<Long>[] all = (Awaitable<Long>[]) new Awaitable<?>[tasks];
                for (int i = 0; i < tasks; i++) {
                    all[i] = loomSleeper(i, delay, CancellationToken.NONE);
                }
                return Suspended.joinAll(all);
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                @SuppressWarnings("unchecked")
                Awaitable<Long>[] all = (Awaitable<Long>[]) new Awaitable<?>[tasks];
                for (int i = 0; i < tasks; i++) {
                    all[i] = SleeperMachine.start(i, delay, CancellationToken.NONE);
                }
                return Suspended.joinAll(all);
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            final ScheduledThreadPoolExecutor timer = timer();

            @Override
            public long run() {
                @SuppressWarnings("unchecked")
                CompletableFuture<Long>[] all = (CompletableFuture<Long>[]) new CompletableFuture<?>[tasks];
                for (int i = 0; i < tasks; i++) {
                    long index = i;
                    all[i] = cfSleep(timer, delay).thenApply(v -> index);
                }
                return CompletableFuture.allOf(all)
                        .thenApply(done -> Suspended.joinAll(all))
                        .join();
            }

            @Override
            public void close() {
                Threads.shutdown(timer);
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        checkBlocking(params.getInt("tasks"));
        return new Run(params) {
            final ThreadPoolExecutor pool =
                    (ThreadPoolExecutor) Executors.newFixedThreadPool(tasks, Threads.daemon("sleepers-blocking"));

            {
                pool.prestartAllCoreThreads();
            }

            @Override
            public long run() throws Exception {
                @SuppressWarnings("unchecked")
                Future<Long>[] all = (Future<Long>[]) new Future<?>[tasks];
                for (int i = 0; i < tasks; i++) {
                    long index = i;
                    all[i] = pool.submit(() -> blockingSleeper(index, delay, null));
                }
                return Suspended.getAll(all);
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
            }
        };
    }

    /* ---------------- suspend() ---------------- */

    @Override
    public SuspendedTasks suspend(Implementation impl, Params params, int count) throws Exception {
        return switch (impl) {
            case VIRTUAL_THREADS -> throw new UnsupportedOperationException("TEMPORARY");
            case LOOM -> {
                CancellationTokenSource cts = new CancellationTokenSource();
                Thread[] first = new Thread[1];
                @SuppressWarnings("unchecked")
                Awaitable<Long>[] all = (Awaitable<Long>[]) new Awaitable<?>[count];
                for (int i = 0; i < count; i++) {
                    all[i] = loomSleeper(i, HOLD, cts.token(), i == 0 ? first : null);
                }
                yield new Suspended(count, first[0], cts::cancel, () -> Suspended.joinAll(all), cts::close);
            }
            case STATEMACHINE -> {
                CancellationTokenSource cts = new CancellationTokenSource();
                SleeperMachine first = null;
                @SuppressWarnings("unchecked")
                Awaitable<Long>[] all = (Awaitable<Long>[]) new Awaitable<?>[count];
                for (int i = 0; i < count; i++) {
                    SleeperMachine m = SleeperMachine.started(i, HOLD, cts.token());
                    first = i == 0 ? m : first;
                    all[i] = m.builder.awaitable();
                }
                yield new Suspended(count, first, cts::cancel, () -> Suspended.joinAll(all), cts::close);
            }
            case COMPLETABLE_FUTURE -> {
                ScheduledThreadPoolExecutor timer = timer();
                @SuppressWarnings("unchecked")
                CompletableFuture<Void>[] sleeps = (CompletableFuture<Void>[]) new CompletableFuture<?>[count];
                @SuppressWarnings("unchecked")
                CompletableFuture<Long>[] all = (CompletableFuture<Long>[]) new CompletableFuture<?>[count];
                for (int i = 0; i < count; i++) {
                    long index = i;
                    sleeps[i] = cfSleep(timer, HOLD);
                    all[i] = sleeps[i].thenApply(v -> index);
                }
                Runnable wake = () -> {
                    timer.shutdownNow(); // drops the pending timer entries
                    for (CompletableFuture<Void> s : sleeps) {
                        s.complete(null);
                    }
                };
                yield new Suspended(
                        count,
                        count == 0 ? null : all[0],
                        wake,
                        () -> Suspended.joinAll(all),
                        () -> Threads.shutdown(timer));
            }
            case BLOCKING -> {
                checkBlocking(count);
                ExecutorService pool = Executors.newFixedThreadPool(count, Threads.daemon("sleepers-blocking"));
                CountDownLatch started = new CountDownLatch(count);
                @SuppressWarnings("unchecked")
                Future<Long>[] all = (Future<Long>[]) new Future<?>[count];
                for (int i = 0; i < count; i++) {
                    long index = i;
                    all[i] = pool.submit(() -> blockingSleeper(index, HOLD, started));
                }
                started.await();
                // representative: none; a sleeping platform thread's state is its native stack, not heap
                yield new Suspended(
                        count, null, pool::shutdownNow, () -> Suspended.getAll(all), () -> Threads.shutdown(pool));
            }
        };
    }
}
