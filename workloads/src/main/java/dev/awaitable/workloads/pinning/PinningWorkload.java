package dev.awaitable.workloads.pinning;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.LoomOnly;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Delivery;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.BlockingLoop;
import dev.awaitable.workloads.support.Completer;
import dev.awaitable.workloads.support.Suspended;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code pinning}: one operation is a batch of {@code tasks} concurrent tasks, each holding its
 * own lock ({@code hold=monitor}: {@code synchronized}; {@code reentrant-lock}; or {@code none})
 * while it awaits one value that another thread delivers, and the wait for all of them.
 * {@link Delivery#CROSS_THREAD cross-thread} by nature: a loom body that pins its carrier
 * (a monitor on JDK 21-23) would, on a same-thread loop, park the very thread that must deliver
 * its value. Each task has its own lock, so tasks never contend: what is measured is what holding
 * a lock across a suspension costs each model, and what it does to the lock's meaning.
 *
 * <p>Seed claim: "mixing synchronous locks with async can serialize execution unexpectedly";
 * C# does not even compile {@code await} inside {@code lock}. The implementations:
 * <ul>
 *   <li>loom: an {@code Async.run} body per task, started by an outer body that awaits them all;
 *       each really holds its lock while parked in {@code Async.await} of a value from a
 *       {@link Completer}. A monitor pins the virtual thread to its carrier on JDK 21-23 (at most
 *       one pinned task per carrier makes progress: the batch serializes); on JDK 24+ (JEP 491)
 *       it unmounts like any other park. A {@code ReentrantLock} never pins.</li>
 *   <li>statemachine: a {@link PinMachine} per task on the same completer. A machine cannot hold
 *       a lock across a suspension ({@link PinMachine} says why): it releases it at the await and
 *       takes it again after, so the lock does not cover the await at all.</li>
 *   <li>virtual threads: plain blocking code on a virtual thread per task: {@code synchronized}
 *       or {@code lock()} around a blocking read that a {@link BlockingLoop#platform platform
 *       I/O thread} completes; the same pinning as loom on JDK 21-23, none on 24+.</li>
 *   <li>CompletableFuture: like the machine, the code before and the continuation after the
 *       completer's future are two separate critical sections.</li>
 *   <li>blocking: the same blocking code on a pool of one platform thread per core (the size of
 *       the virtual threads' carrier pool), each blocked thread holding its lock: what fully
 *       pinned virtual threads amount to.</li>
 * </ul>
 *
 * <p>Checksum: task {@code i} returns {@code 2i} (computed under the lock before the await) plus
 * the awaited {@code i}: {@code 3 * tasks * (tasks - 1) / 2}.
 */
public final class PinningWorkload extends AbstractWorkload {

    public PinningWorkload() {
        super(
                "pinning",
                "a batch of tasks, each awaiting a value from another thread while holding a monitor, a ReentrantLock, "
                        + "or nothing",
                "an await inside a lock: loom pins its carrier on JDK 21-23 (not 24+); a state machine must release "
                        + "the lock at the await (seeds: async + locks)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "tasks",
                        "concurrent tasks per operation, each with its own lock",
                        1,
                        10_000,
                        List.of(1000L),
                        List.of(100L, 1000L, 10_000L)),
                ParamSpec.choice(
                        "hold",
                        "what each task holds across its await",
                        List.of("monitor", "reentrant-lock", "none"),
                        List.of("monitor"),
                        List.of("monitor", "reentrant-lock", "none")));
    }

    /** Values come from another thread in every implementation: holding a lock across a real suspension. */
    @Override
    public Delivery delivery(Params params) {
        return Delivery.CROSS_THREAD;
    }

    /** The part of task {@code i} before its await. */
    static long before(long i, long unused) {
        return 2 * i;
    }

    /** The part after: what came before plus the awaited value. */
    static long after(long pre, long value) {
        return pre + value;
    }

    /** Base: the parameters and one lock per task. */
    private abstract static class Run implements WorkloadRun {
        final int tasks;
        final Hold hold;
        final Object[] locks;

        Run(Params p) {
            this.tasks = p.getInt("tasks");
            this.hold = Hold.of(p.get("hold"));
            this.locks = hold.locks(tasks);
        }
    }

    /** The Awaitable and CompletableFuture implementations: values from a completer thread. */
    private abstract static class CompleterRun extends Run {
        final Completer io = new Completer("pinning-io");

        CompleterRun(Params p) {
            super(p);
        }

        @Override
        public void close() {
            io.close();
        }
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new CompleterRun(params) {
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
            @LoomOnly // awaits inside synchronized: what pinning costs is the point
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
    public String notImplemented(Implementation impl) {
        return impl == Implementation.STATEMACHINE_WOVEN
                ? "its loom source awaits inside synchronized, which the weaver refuses (the monitor would be"
                        + " held across the suspension)"
                : null;
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new CompleterRun(params) {
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
        return new CompleterRun(params) {
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
    protected WorkloadRun openVirtualThreads(Params params) {
        return new ThreadsRun(params, Executors.newVirtualThreadPerTaskExecutor());
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new ThreadsRun(
                params,
                Executors.newFixedThreadPool(
                        Runtime.getRuntime().availableProcessors(), Threads.daemon("pinning-blocking")));
    }

    /** The blocking peers: a task per thread of {@code threads}, each value a blocking read from a platform I/O thread. */
    private static final class ThreadsRun extends Run {
        private final ExecutorService threads;
        private final BlockingLoop io = BlockingLoop.platform("pinning-io");

        ThreadsRun(Params p, ExecutorService threads) {
            super(p);
            this.threads = threads;
        }

        @Override
        public long run() throws Exception {
            @SuppressWarnings("unchecked")
            Future<Long>[] started = (Future<Long>[]) new Future<?>[tasks];
            for (int i = 0; i < tasks; i++) {
                started[i] = threads.submit(task(i));
            }
            return Suspended.getAll(started);
        }

        /* The task, holding its lock while its thread blocks in the read. */
        private Callable<Long> task(int i) {
            Object lock = locks[i];
            return switch (hold) {
                case MONITOR ->
                    () -> {
                        synchronized (lock) {
                            long pre = before(i, 0);
                            return after(pre, io.read((long) i));
                        }
                    };
                case REENTRANT_LOCK ->
                    () -> {
                        ReentrantLock l = (ReentrantLock) lock;
                        l.lock();
                        try {
                            long pre = before(i, 0);
                            return after(pre, io.read((long) i));
                        } finally {
                            l.unlock();
                        }
                    };
                case NONE ->
                    () -> {
                        long pre = before(i, 0);
                        return after(pre, io.read((long) i));
                    };
            };
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
            io.close();
        }
    }
}
