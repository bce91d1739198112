package dev.awaitable.workloads.fanout;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.CfLoop;
import dev.awaitable.workloads.support.Completer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code fan-out}: {@code children} I/O-like operations, each completed by another thread with
 * {@code 2i + 1}, awaited either one after the other ({@code style=serial}: an await in a loop,
 * one suspension per child) or all started first and awaited once ({@code style=whenall}).
 *
 * <p>Seed claim (refactor pattern 3, trap E): "batch instead of serial await: fewer suspension
 * points, fewer continuations, better parallelism". Serial pays a round trip to the other thread
 * per child; whenall pays one suspension for the batch plus the combinator's bookkeeping.
 * Peers: a {@link CfLoop} versus {@code allOf}; blocking {@code get()} per child, either right
 * after starting it or after starting all.
 *
 * <p>Checksum: {@code sum(2i + 1) = children^2}.
 */
public final class FanOutWorkload extends AbstractWorkload {

    public FanOutWorkload() {
        super(
                "fan-out",
                "children completed by another thread, awaited serially or with one whenAll",
                "batch instead of serial await: one suspension for the batch (seeds: refactor pattern 3, trap E)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "children",
                        "operations started per run",
                        1,
                        10_000,
                        List.of(100L),
                        List.of(1L, 10L, 100L, 1000L, 10_000L)),
                ParamSpec.choice(
                        "style",
                        "await each child in a loop, or all of them with one whenAll",
                        List.of("serial", "whenall"),
                        List.of("serial", "whenall"),
                        List.of("serial", "whenall")));
    }

    /** What child {@code i} completes with. */
    static Long value(int i) {
        return 2L * i + 1;
    }

    /** Base: the parameters and the thread that completes the children. */
    private abstract static class Run implements WorkloadRun {
        final int children;
        final boolean whenAll;
        final Completer io = new Completer("fan-out-io");

        Run(Params p) {
            this.children = p.getInt("children");
            this.whenAll = p.get("style").equals("whenall");
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
                            long sum = 0;
                            if (whenAll) {
                                List<Awaitable<Long>> started = new ArrayList<>(children);
                                for (int i = 0; i < children; i++) {
                                    started.add(io.awaitable(value(i)));
                                }
                                for (long v : Async.await(Awaitables.whenAll(started))) {
                                    sum += v;
                                }
                            } else {
                                for (int i = 0; i < children; i++) {
                                    sum += Async.await(io.awaitable(value(i)));
                                }
                            }
                            return sum;
                        })
                        .join();
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return FanOutMachine.start(children, whenAll, io).join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                if (!whenAll) {
                    return CfLoop.sum(children, i -> io.future(value(i))).join();
                }
                @SuppressWarnings("unchecked")
                CompletableFuture<Long>[] started = (CompletableFuture<Long>[]) new CompletableFuture<?>[children];
                for (int i = 0; i < children; i++) {
                    started[i] = io.future(value(i));
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
            final ExecutorService pool = Executors.newFixedThreadPool(1, Threads.daemon("fan-out-blocking"));

            @Override
            public long run() throws Exception {
                return pool.submit(() -> {
                            long sum = 0;
                            if (whenAll) {
                                List<CompletableFuture<Long>> started = new ArrayList<>(children);
                                for (int i = 0; i < children; i++) {
                                    started.add(io.future(value(i)));
                                }
                                for (CompletableFuture<Long> f : started) {
                                    sum += f.get();
                                }
                            } else {
                                for (int i = 0; i < children; i++) {
                                    sum += io.future(value(i)).get();
                                }
                            }
                            return sum;
                        })
                        .get();
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
                super.close();
            }
        };
    }
}
