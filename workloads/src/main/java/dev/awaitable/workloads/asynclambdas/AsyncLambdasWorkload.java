package dev.awaitable.workloads.asynclambdas;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.Completer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * {@code async-lambdas}: {@code elements} calls of an async method {@code process(i)} (it awaits
 * a value another thread provides, then computes {@code 2v + 1}), all started, then awaited with
 * one {@code whenAll}; each element is mapped either through the method itself
 * ({@code style=method-ref}: {@code whenAll(items.map(this::process))}) or through an async
 * lambda wrapping it ({@code style=lambda}: {@code whenAll(items.map(async i -> await process(i)))}).
 *
 * <p>Seed claim (trap C, refactor pattern 4): "the first version creates an async lambda state
 * machine per element; the second reuses an existing method group and avoids those allocations
 * entirely"; "each iteration can allocate: closure object, state machine, task". Statemachine:
 * the lambda is a {@link LambdaMachine} per element (machine, builder, one more suspension)
 * around the {@link ProcessMachine}; loom: an {@code Async.run} body per element around the
 * body of {@code process}; CompletableFuture: a dependent stage per element around
 * {@code process}'s future. Blocking code has no async lambdas: its lambda style wraps each
 * element's {@code Callable} in one more capturing lambda, run on a pool of
 * {@value #BLOCKING_THREADS} threads.
 *
 * <p>Checksum: {@code sum(2i + 1) = elements^2}.
 */
public final class AsyncLambdasWorkload extends AbstractWorkload {

    /** Threads of the blocking peer's pool. */
    static final int BLOCKING_THREADS = 8;

    public AsyncLambdasWorkload() {
        super(
                "async-lambdas",
                "a whenAll over an async method per element, mapped by method reference or by an async lambda",
                "an async lambda per element adds a closure, a state machine and a task per element "
                        + "(seeds: trap C, refactor pattern 4)",
                Shape.THROUGHPUT,
                ParamSpec.choice(
                        "style",
                        "map each element with an async lambda, or with the method itself",
                        List.of("lambda", "method-ref"),
                        List.of("lambda", "method-ref"),
                        List.of("lambda", "method-ref")),
                ParamSpec.ints(
                        "elements", "elements mapped per run", 1, 100_000, List.of(100L), List.of(100L, 10_000L)));
    }

    /** The work after the await of element {@code i}'s value. */
    static long process(long value) {
        return 2 * value + 1;
    }

    /** Base: the parameters and the thread that provides the values. */
    private abstract static class Run implements WorkloadRun {
        final boolean lambda;
        final int elements;
        final Completer io = new Completer("async-lambdas-io");

        Run(Params p) {
            this.lambda = p.get("style").equals("lambda");
            this.elements = p.getInt("elements");
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
                IntFunction<Awaitable<Long>> select =
                        lambda ? i -> Async.run(() -> Async.await(process(i))) : this::process;
                return Async.run(() -> {
                            List<Awaitable<Long>> started = new ArrayList<>(elements);
                            for (int i = 0; i < elements; i++) {
                                started.add(select.apply(i));
                            }
                            long sum = 0;
                            for (long v : Async.await(Awaitables.whenAll(started))) {
                                sum += v;
                            }
                            return sum;
                        })
                        .join();
            }

            Awaitable<Long> process(int i) {
                return Async.run(() -> AsyncLambdasWorkload.process(Async.await(io.awaitable((long) i))));
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                IntFunction<Awaitable<Long>> select =
                        lambda ? i -> LambdaMachine.start(i, io) : i -> ProcessMachine.start(i, io);
                return SelectMachine.start(elements, select).join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                IntFunction<CompletableFuture<Long>> select =
                        lambda ? i -> process(i).thenApply(Function.identity()) : this::process;
                @SuppressWarnings("unchecked")
                CompletableFuture<Long>[] started = (CompletableFuture<Long>[]) new CompletableFuture<?>[elements];
                for (int i = 0; i < elements; i++) {
                    started[i] = select.apply(i);
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

            CompletableFuture<Long> process(int i) {
                return io.future((long) i).thenApply(AsyncLambdasWorkload::process);
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new Run(params) {
            final ExecutorService pool =
                    Executors.newFixedThreadPool(BLOCKING_THREADS, Threads.daemon("async-lambdas-blocking"));

            @Override
            public long run() throws Exception {
                List<Future<Long>> started = new ArrayList<>(elements);
                for (int i = 0; i < elements; i++) {
                    int element = i;
                    Callable<Long> task = () -> process(element);
                    started.add(pool.submit(lambda ? () -> task.call() : task));
                }
                long sum = 0;
                for (Future<Long> f : started) {
                    sum += f.get();
                }
                return sum;
            }

            long process(int i) throws Exception {
                return AsyncLambdasWorkload.process(io.future((long) i).get());
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
                super.close();
            }
        };
    }
}
