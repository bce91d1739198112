package dev.awaitable.workloads.asynclambdas;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.BlockingLoop;
import dev.awaitable.workloads.support.RunLoop;
import dev.awaitable.workloads.support.Suspended;
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
 * {@code async-lambdas}: one operation is {@code elements} calls of an async method
 * {@code process(i)} (it awaits a read of {@code i}, then computes {@code 2v + 1}), all started,
 * then awaited with one {@code whenAll}, on the run's event loop
 * ({@link dev.awaitable.workloads.Delivery#SAME_THREAD}). Each element is mapped either through
 * the method itself ({@code style=method-ref}: {@code whenAll(items.map(this::process))}) or
 * through an async lambda wrapping it ({@code style=lambda}:
 * {@code whenAll(items.map(async i -> await process(i)))}).
 *
 * <p>Seed claim (trap C, refactor pattern 4): "the first version creates an async lambda state
 * machine per element; the second reuses an existing method group and avoids those allocations
 * entirely"; "each iteration can allocate: closure object, state machine, task".
 *
 * <ul>
 *   <li>statemachine: {@code process} is a {@link ProcessMachine} per element; the lambda adds a
 *       {@link LambdaMachine} around it (machine, builder, one more suspension); the caller is a
 *       {@link SelectMachine};
 *   <li>loom: {@code process} is an {@code Async.run} body per element; the lambda adds a body
 *       around it; the caller is a body too;
 *   <li>virtual threads: no async lambdas: {@code process} is a plain method doing a blocking
 *       read, each element a {@code Callable} submitted to a virtual thread of its own
 *       ({@code newVirtualThreadPerTaskExecutor}), the lambda style wrapping that
 *       {@code Callable} in one more capturing lambda; then {@code Future.get} of each, on a
 *       virtual thread;
 *   <li>CompletableFuture: {@code process} is a read future with a {@code thenApply} stage; the
 *       lambda adds a dependent stage per element around it; {@code allOf} awaits them;
 *   <li>blocking: the virtual threads' code on a pool of {@value #BLOCKING_THREADS} platform
 *       threads (the caller takes one, the elements share the others), each read woken by the
 *       I/O thread.
 * </ul>
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
                        List.of("lambda"),
                        List.of("lambda", "method-ref")),
                ParamSpec.ints(
                        "elements",
                        "elements mapped per operation",
                        1,
                        100_000,
                        List.of(1000L),
                        List.of(1000L, 10_000L)));
    }

    /** The work after the await of element {@code i}'s value. */
    static long process(long value) {
        return 2 * value + 1;
    }

    private static boolean lambda(Params params) {
        return params.get("style").equals("lambda");
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        boolean lambda = lambda(params);
        int elements = params.getInt("elements");
        RunLoop loop = new RunLoop("async-lambdas");
        return () -> loop.drive(() -> {
            IntFunction<Awaitable<Long>> select =
                    lambda ? i -> Async.run(() -> Async.await(process(i, loop))) : i -> process(i, loop);
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
            });
        });
    }

    /** The loom {@code process}: a body awaiting the read of {@code i}. */
    private static Awaitable<Long> process(int i, RunLoop io) {
        return Async.run(() -> process(Async.await(io.read((long) i))));
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        boolean lambda = lambda(params);
        int elements = params.getInt("elements");
        RunLoop loop = new RunLoop("async-lambdas");
        return () -> loop.drive(() -> {
            IntFunction<Awaitable<Long>> select =
                    lambda ? i -> LambdaMachine.start(i, loop) : i -> ProcessMachine.start(i, loop);
            return SelectMachine.start(elements, select);
        });
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        return new BlockingRun(
                lambda(params),
                params.getInt("elements"),
                Executors.newVirtualThreadPerTaskExecutor(),
                BlockingLoop.virtual("async-lambdas-io"));
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        boolean lambda = lambda(params);
        int elements = params.getInt("elements");
        RunLoop loop = new RunLoop("async-lambdas");
        return () -> loop.driveFuture(() -> {
            IntFunction<CompletableFuture<Long>> select =
                    lambda ? i -> processFuture(i, loop).thenApply(Function.identity()) : i -> processFuture(i, loop);
            @SuppressWarnings("unchecked")
            CompletableFuture<Long>[] started = (CompletableFuture<Long>[]) new CompletableFuture<?>[elements];
            for (int i = 0; i < elements; i++) {
                started[i] = select.apply(i);
            }
            return CompletableFuture.allOf(started).thenApply(done -> {
                long sum = 0;
                for (CompletableFuture<Long> f : started) {
                    sum += f.join(); // all done: join() returns at once
                }
                return sum;
            });
        });
    }

    /** The CompletableFuture {@code process}: the read of {@code i}, then the work in a dependent stage. */
    private static CompletableFuture<Long> processFuture(int i, RunLoop io) {
        return io.readFuture((long) i).thenApply(AsyncLambdasWorkload::process);
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new BlockingRun(
                lambda(params),
                params.getInt("elements"),
                Executors.newFixedThreadPool(BLOCKING_THREADS, Threads.daemon("async-lambdas-blocking")),
                BlockingLoop.platform("async-lambdas-io"));
    }

    /** The blocking peers: the caller on one thread of {@code threads}, each element a task of its own there. */
    private record BlockingRun(boolean lambda, int elements, ExecutorService threads, BlockingLoop io)
            implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return threads.submit(() -> {
                        List<Future<Long>> started = new ArrayList<>(elements);
                        for (int i = 0; i < elements; i++) {
                            long element = i;
                            Callable<Long> task = () -> process(io.read(element));
                            started.add(threads.submit(lambda ? () -> task.call() : task));
                        }
                        return Suspended.getAll(started);
                    })
                    .get();
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
            io.close();
        }
    }
}
