package dev.awaitable.workloads.sleepers;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Delivery;
import dev.awaitable.workloads.ExternalImplementations;
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
 * {@code sleepers}: one operation starts {@code tasks} async tasks that each sleep
 * {@code delay-ms} on a real timer, all pending at once, and waits for all of them: a batch of
 * {@code tasks} sleeps. Timers fire on a timer thread, so delivery is
 * {@link Delivery#CROSS_THREAD cross-thread} by nature; the time per operation is the delay
 * plus starting and waking {@code tasks} sleepers. What the workload is for is {@link #suspend}: it leaves {@code count} tasks sleeping so
 * the caller can measure the heap per sleeper.
 *
 * <p>Seed claims: "no threads are created by this mechanism; it's purely cooperative suspension"
 * and "timer (for delays/timeouts)" among what a suspension allocates. The implementations:
 * <ul>
 *   <li>loom: an {@code Async.run} body parked in {@code Async.await(Awaitables.delay(..))}.</li>
 *   <li>statemachine: a {@link SleeperMachine} awaiting {@code Awaitables.delay}.</li>
 *   <li>virtual threads: {@code Thread.sleep} on a virtual thread per sleeper (the JDK's own
 *       timer unparks it).</li>
 *   <li>CompletableFuture: a future completed by a timer the run owns (one
 *       {@link ScheduledThreadPoolExecutor} thread), plus its dependent stage.</li>
 *   <li>blocking: {@code Thread.sleep} on a platform thread per sleeper, from a pool of
 *       {@code tasks} threads started at open. It refuses more than
 *       {@value #MAX_BLOCKING_THREADS} ({@link IllegalArgumentException} from {@code open} and
 *       {@code suspend}).</li>
 * </ul>
 *
 * <p>{@code suspend()} sleeps for an hour, and {@code resumeAll()} wakes every sleeper early: it
 * cancels the token of their delays (statemachine, loom; so the memory measured per sleeper
 * includes the delay's token registration), completes the futures and drops the timer's entries
 * (CompletableFuture), or interrupts the threads (virtual threads, blocking). The timer itself is
 * the real one, not a gate.
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
                "a batch of concurrently pending delays, all started at once; memory per sleeping task",
                "suspension holds no thread: a sleeper is a small heap object (statemachine) or a parked stack "
                        + "(loom, virtual threads), a platform thread for blocking code "
                        + "(seeds: Task vs Thread, allocation of timers)",
                Shape.MEMORY,
                ParamSpec.ints(
                        "tasks",
                        "sleepers per operation, started at once (blocking peer: at most " + MAX_BLOCKING_THREADS + ")",
                        1,
                        1_000_000,
                        List.of(1000L),
                        List.of(1000L, 10_000L, 100_000L, 1_000_000L)),
                ParamSpec.ints(
                        "delay-ms",
                        "how long each sleeper sleeps in run()",
                        1,
                        1000,
                        List.of(10L),
                        List.of(10L, 100L)));
    }

    /** Timers fire on a thread of their own in every implementation. */
    @Override
    public Delivery delivery(Params params) {
        return Delivery.CROSS_THREAD;
    }

    /** Base: the parameters. */
    private abstract static class Run implements WorkloadRun {
        final int tasks;
        final Duration delay;

        Run(Params p) {
            this.tasks = p.getInt("tasks");
            this.delay = Duration.ofMillis(p.getLong("delay-ms"));
        }
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

    /** The sleeper of the two blocking peers. */
    static long threadSleeper(long index, Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException woken) {
            // woken early by resumeAll (or close): finish normally
        }
        return index;
    }

    /**
     * {@link #threadSleeper} for {@code suspend()}.
     *
     * @param self receives the sleeper's thread (a memory probe sizes a virtual thread's stack), or null
     * @param started counted down once the thread runs the sleeper
     */
    static long threadSleeper(long index, Duration delay, Thread[] self, CountDownLatch started) {
        if (self != null) {
            self[0] = Thread.currentThread();
        }
        started.countDown();
        return threadSleeper(index, delay);
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
    protected WorkloadRun openVirtualThreads(Params params) {
        return new ThreadsRun(params, Executors.newVirtualThreadPerTaskExecutor());
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        int tasks = params.getInt("tasks");
        checkBlocking(tasks);
        ThreadPoolExecutor pool =
                (ThreadPoolExecutor) Executors.newFixedThreadPool(tasks, Threads.daemon("sleepers-blocking"));
        pool.prestartAllCoreThreads();
        return new ThreadsRun(params, pool);
    }

    /** The blocking peers: a sleeper per thread of {@code threads}. */
    private static final class ThreadsRun extends Run {
        private final ExecutorService threads;

        ThreadsRun(Params p, ExecutorService threads) {
            super(p);
            this.threads = threads;
        }

        @Override
        public long run() throws Exception {
            @SuppressWarnings("unchecked")
            Future<Long>[] all = (Future<Long>[]) new Future<?>[tasks];
            for (int i = 0; i < tasks; i++) {
                long index = i;
                all[i] = threads.submit(() -> threadSleeper(index, delay));
            }
            return Suspended.getAll(all);
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
        }
    }

    /* ---------------- suspend() ---------------- */

    @Override
    public SuspendedTasks suspend(Implementation impl, Params params, int count) throws Exception {
        if (impl.external()) {
            return ExternalImplementations.suspend(this, impl, params, count);
        }
        return switch (impl) {
            case LOOM, STATEMACHINE_WOVEN -> {
                CancellationTokenSource cts = new CancellationTokenSource();
                Thread[] first = new Thread[1];
                @SuppressWarnings("unchecked")
                Awaitable<Long>[] all = (Awaitable<Long>[]) new Awaitable<?>[count];
                for (int i = 0; i < count; i++) {
                    all[i] = loomSleeper(i, HOLD, cts.token(), i == 0 ? first : null);
                }
                // Woven, the body records the thread that started its machine: nothing of the task's own.
                Object representative = impl == Implementation.LOOM ? first[0] : null;
                yield new Suspended(count, representative, cts::cancel, () -> Suspended.joinAll(all), cts::close);
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
            case VIRTUAL_THREADS -> suspendThreads(Executors.newVirtualThreadPerTaskExecutor(), count);
            case BLOCKING -> {
                checkBlocking(count);
                yield suspendThreads(Executors.newFixedThreadPool(count, Threads.daemon("sleepers-blocking")), count);
            }
            case KOTLIN_COROUTINES -> throw new IllegalStateException("external: " + impl.id());
        };
    }

    /**
     * {@code count} sleepers on threads of {@code threads}, all started; woken by interrupting
     * them. The representative is a virtual sleeper's thread (its parked stack is heap), none for
     * a platform thread (its stack is native memory).
     */
    private static SuspendedTasks suspendThreads(ExecutorService threads, int count) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        Thread[] first = new Thread[1];
        @SuppressWarnings("unchecked")
        Future<Long>[] all = (Future<Long>[]) new Future<?>[count];
        for (int i = 0; i < count; i++) {
            long index = i;
            Thread[] self = i == 0 ? first : null;
            all[i] = threads.submit(() -> threadSleeper(index, HOLD, self, started));
        }
        started.await(); // first[0] was written before its countDown
        Thread representative = first[0] != null && first[0].isVirtual() ? first[0] : null;
        return new Suspended(
                count,
                representative,
                threads::shutdownNow,
                () -> Suspended.getAll(all),
                () -> Threads.shutdown(threads));
    }
}
