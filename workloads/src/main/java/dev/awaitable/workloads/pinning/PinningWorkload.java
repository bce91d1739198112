package dev.awaitable.workloads.pinning;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.Completer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code pinning}: {@code tasks} concurrent async tasks, each holding its own lock
 * ({@code hold=monitor}: {@code synchronized}; {@code reentrant-lock}; or {@code none}) while
 * it awaits a value another thread provides.
 *
 * <p>Seed claim: "mixing synchronous locks with async can serialize execution unexpectedly";
 * C# does not even compile {@code await} inside {@code lock}. Here the models part ways:
 * <ul>
 *   <li>loom: the body really holds the lock while parked. A monitor pins the virtual thread to
 *       its carrier on JDK 21-23 (the carrier is blocked until the await completes, so at most
 *       one pinned task per carrier makes progress and the rest wait: the run serializes); on
 *       JDK 24+ (JEP 491) it unmounts like any other park. A {@code ReentrantLock} never pins.
 *       Every value comes from a platform thread that no pinned task occupies, so it completes
 *       (slowly) on JDK 21 and never hangs.</li>
 *   <li>statemachine: a machine cannot hold a lock across a suspension ({@link PinMachine} says
 *       why); the honest translation releases it at the await and takes it again after, so the
 *       lock does not cover the await at all.</li>
 *   <li>CompletableFuture: the same as the machine: the code before and the continuation after
 *       are separate critical sections.</li>
 *   <li>blocking: a platform thread holds the lock while blocked; the pool has one thread per
 *       core, the size of loom's carrier pool, so blocking behaves as fully pinned loom
 *       would.</li>
 * </ul>
 *
 * <p>Checksum: task {@code i} returns {@code 2i} (computed under the lock before the await) plus
 * the awaited {@code i}: {@code 3 * tasks * (tasks - 1) / 2}.
 */
public final class PinningWorkload extends AbstractWorkload {

    public PinningWorkload() {
        super(
                "pinning",
                "tasks awaiting while holding a monitor, a ReentrantLock, or nothing",
                "an await inside a lock: loom pins its carrier on JDK 21-23 (not 24+); a state machine must release "
                        + "the lock at the await (seeds: async + locks)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "tasks",
                        "concurrent tasks, each with its own lock",
                        1,
                        10_000,
                        List.of(100L),
                        List.of(100L, 1000L, 10_000L)),
                ParamSpec.choice(
                        "hold",
                        "what each task holds across its await",
                        List.of("monitor", "reentrant-lock", "none"),
                        List.of("monitor", "none"),
                        List.of("monitor", "reentrant-lock", "none")));
    }

    /** The part of task {@code i} before its await. */
    static long before(long i, long unused) {
        return 2 * i;
    }

    /** The part after: what came before plus the awaited value. */
    static long after(long pre, long value) {
        return pre + value;
    }

    /** Base: the parameters, one lock per task, and the thread that provides the values. */
    private abstract static class Run implements WorkloadRun {
        final int tasks;
        final Hold hold;
        final Object[] locks;
        final Completer io = new Completer("pinning-io");

        Run(Params p) {
            this.tasks = p.getInt("tasks");
            this.hold = Hold.of(p.get("hold"));
            this.locks = hold.locks(tasks);
        }

        @Override
        public void close() {
            io.close();
        }
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return Async.run(() -> {
                            @SuppressWarnings("unchecked")
                            Awaitable<Long>[] started = (Awaitable<Long>[]) new Awaitable<?>[tasks];
                            for (int i = 0; i < tasks; i++) {
                                started[i] = Async.run(task(i));
                            }
                            long sum = 0;
                            for (Awaitable<Long> t : started) {
                                sum += Async.await(t);
                            }
                            return sum;
                        })
                        .join();
            }

            /* The task body, holding its lock across the await. */
            AsyncBody<Long> task(int i) {
                Object lock = locks[i];
                return switch (hold) {
                    case MONITOR ->
                        () -> {
                            synchronized (lock) {
                                long pre = before(i, 0);
                                return after(pre, Async.await(io.awaitable((long) i)));
                            }
                        };
                    case REENTRANT_LOCK ->
                        () -> {
                            ReentrantLock l = (ReentrantLock) lock;
                            l.lock();
                            try {
                                long pre = before(i, 0);
                                return after(pre, Async.await(io.awaitable((long) i)));
                            } finally {
                                l.unlock();
                            }
                        };
                    case NONE ->
                        () -> {
                            long pre = before(i, 0);
                            return after(pre, Async.await(io.awaitable((long) i)));
                        };
                };
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                @SuppressWarnings("unchecked")
                Awaitable<Long>[] started = (Awaitable<Long>[]) new Awaitable<?>[tasks];
                for (int i = 0; i < tasks; i++) {
                    started[i] = PinMachine.start(i, hold, locks[i], io);
                }
                long sum = 0;
                for (Awaitable<Long> t : started) {
                    sum += t.join();
                }
                return sum;
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                @SuppressWarnings("unchecked")
                CompletableFuture<Long>[] started = (CompletableFuture<Long>[]) new CompletableFuture<?>[tasks];
                for (int i = 0; i < tasks; i++) {
                    Object lock = locks[i];
                    long pre = hold.locked(lock, i, 0, PinningWorkload::before);
                    started[i] = io.future((long) i).thenApply(v -> hold.locked(lock, pre, v, PinningWorkload::after));
                }
                return CompletableFuture.allOf(started)
                        .thenApply(done -> {
                            long sum = 0;
                            for (CompletableFuture<Long> f : started) {
                                sum += f.join(); // all done: join() returns at once
                            }
                            return sum;
                        })
                        .join();
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new Run(params) {
            final ExecutorService pool = Executors.newFixedThreadPool(
                    Runtime.getRuntime().availableProcessors(), Threads.daemon("pinning-blocking"));

            @Override
            public long run() throws Exception {
                @SuppressWarnings("unchecked")
                Future<Long>[] started = (Future<Long>[]) new Future<?>[tasks];
                for (int i = 0; i < tasks; i++) {
                    started[i] = pool.submit(task(i));
                }
                long sum = 0;
                for (Future<Long> f : started) {
                    sum += f.get();
                }
                return sum;
            }

            /* The task, holding its lock while its thread blocks. */
            Callable<Long> task(int i) {
                Object lock = locks[i];
                return switch (hold) {
                    case MONITOR ->
                        () -> {
                            synchronized (lock) {
                                long pre = before(i, 0);
                                return after(pre, io.future((long) i).get());
                            }
                        };
                    case REENTRANT_LOCK ->
                        () -> {
                            ReentrantLock l = (ReentrantLock) lock;
                            l.lock();
                            try {
                                long pre = before(i, 0);
                                return after(pre, io.future((long) i).get());
                            } finally {
                                l.unlock();
                            }
                        };
                    case NONE ->
                        () -> {
                            long pre = before(i, 0);
                            return after(pre, io.future((long) i).get());
                        };
                };
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
                super.close();
            }
        };
    }
}
