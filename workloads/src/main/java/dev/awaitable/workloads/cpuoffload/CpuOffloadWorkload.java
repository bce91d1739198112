package dev.awaitable.workloads.cpuoffload;

import dev.awaitable.Async;
import dev.awaitable.Awaitables;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Delivery;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.CfLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code cpu-offload}: an async method makes {@code calls} calls of a deterministic CPU loop of
 * {@code work} iterations ({@link #compute}), one after the other, either directly
 * ({@code style=direct}) or each offloaded to another thread and awaited at once
 * ({@code style=offload}). One operation is the whole method: {@code calls} calls (1000 in the
 * quick matrix). The offloaded calls are sequential, so offloading buys no parallelism here:
 * what it costs is the whole difference. Delivery: cross-thread when offloading (every call
 * goes to a worker thread and back), same-thread when calling directly (nothing is awaited;
 * the method runs on the driving thread, or on one virtual or platform thread for the
 * peers).
 *
 * <p>Offloaded, each implementation as its users write it. Statemachine: {@link OffloadMachine},
 * awaiting {@code Awaitables.run(() -> compute(i, work))}, which queues the call to the
 * backend's worker pool; the machine resumes inline on the worker that ran it. Loom: an
 * {@code Async.run} body awaiting the same {@code Awaitables.run}, a new virtual thread per call;
 * the body resumes on the backend's carriers. Virtual threads: the method on a virtual thread,
 * {@code submit(...).get()} of each call to a virtual-thread-per-task executor, a new virtual
 * thread per call, on the JDK's default scheduler. CompletableFuture: a {@link CfLoop} of
 * {@code supplyAsync(..., pool)} to a pool of one thread per core that the run owns. Blocking:
 * the method on a platform thread, {@code submit(...).get()} of each call to such a pool.
 *
 * <p>Seed claim (trap D, Task.Run layering): wrapping work in {@code Task.Run} "adds an outer
 * task, a delegate and a context switch; unless CPU-bound work truly needs offloading, this
 * pattern adds cost without benefit".
 *
 * <p>Checksum: the sum of {@link #compute}{@code (i, work)} over the calls {@code i}.
 */
public final class CpuOffloadWorkload extends AbstractWorkload {

    public CpuOffloadWorkload() {
        super(
                "cpu-offload",
                "CPU-bound calls made directly or each offloaded with Awaitables.run and awaited",
                "offloading with Task.Run adds a task, a delegate and a thread switch per call and buys nothing "
                        + "when awaited at once (seeds: trap D)",
                Shape.THROUGHPUT,
                ParamSpec.choice(
                        "style",
                        "call the work directly, or offload each call and await it",
                        List.of("direct", "offload"),
                        List.of("offload"),
                        List.of("direct", "offload")),
                ParamSpec.ints(
                        "work",
                        "iterations of the CPU loop per call",
                        1,
                        10_000_000,
                        List.of(100L),
                        List.of(100L, 1000L, 10_000L)),
                ParamSpec.ints(
                        "calls", "sequential calls per operation", 1, 1_000_000, List.of(1000L), List.of(1000L)));
    }

    /** Cross-thread when offloading, same-thread when calling directly. */
    @Override
    public Delivery delivery(Params params) {
        return offload(params) ? Delivery.CROSS_THREAD : Delivery.SAME_THREAD;
    }

    private static boolean offload(Params params) {
        return params.get("style").equals("offload");
    }

    /** The CPU-bound work of call {@code i}: {@code work} rounds of xorshift, deterministic. */
    static long compute(int i, int work) {
        long x = i * 0x9E3779B97F4A7C15L + 1;
        for (int k = 0; k < work; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** A pool of one platform thread per core, for the peers that offload to a pool. */
    private static ExecutorService workers(String name) {
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), Threads.daemon(name));
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        boolean offload = offload(params);
        int calls = params.getInt("calls");
        int work = params.getInt("work");
        return () -> Async.run(() -> {
                    long sum = 0;
                    for (int i = 0; i < calls; i++) {
                        int call = i;
                        sum += offload ? Async.await(Awaitables.run(() -> compute(call, work))) : compute(call, work);
                    }
                    return sum;
                })
                .join();
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        boolean offload = offload(params);
        int calls = params.getInt("calls");
        int work = params.getInt("work");
        return () -> OffloadMachine.start(offload, calls, work).join();
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        return new BlockingRun(offload(params), params.getInt("calls"), params.getInt("work"), threads, threads);
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        boolean offload = offload(params);
        int calls = params.getInt("calls");
        int work = params.getInt("work");
        ExecutorService pool = workers("cpu-offload-cf");
        return new WorkloadRun() {
            @Override
            public long run() {
                if (!offload) {
                    long sum = 0;
                    for (int i = 0; i < calls; i++) {
                        sum += compute(i, work);
                    }
                    return CompletableFuture.completedFuture(sum).join();
                }
                return CfLoop.sum(calls, i -> CompletableFuture.supplyAsync(() -> compute(i, work), pool))
                        .join();
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new BlockingRun(
                offload(params),
                params.getInt("calls"),
                params.getInt("work"),
                Executors.newSingleThreadExecutor(Threads.daemon("cpu-offload-method")),
                workers("cpu-offload-blocking"));
    }

    /**
     * The blocking peers: the method on a thread of {@code method}; offloaded, each call submitted
     * to {@code workers} and waited for.
     */
    private record BlockingRun(boolean offload, int calls, int work, ExecutorService method, ExecutorService workers)
            implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return method.submit(() -> {
                        long sum = 0;
                        for (int i = 0; i < calls; i++) {
                            int call = i;
                            sum += offload
                                    ? workers.submit(() -> compute(call, work)).get()
                                    : compute(call, work);
                        }
                        return sum;
                    })
                    .get();
        }

        @Override
        public void close() {
            Threads.shutdown(method);
            Threads.shutdown(workers);
        }
    }
}
