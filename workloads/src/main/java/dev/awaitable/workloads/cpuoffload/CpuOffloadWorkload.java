package dev.awaitable.workloads.cpuoffload;

import dev.awaitable.Async;
import dev.awaitable.Awaitables;
import dev.awaitable.workloads.AbstractWorkload;
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
 * {@code cpu-offload}: an async method makes {@value #CALLS} calls of a deterministic CPU loop of
 * {@code work} iterations, either directly ({@code style=direct}) or each offloaded and awaited
 * ({@code style=offload}: {@code await Awaitables.run(() -> compute(...))}).
 *
 * <p>Seed claim (trap D, Task.Run layering): wrapping work in {@code Task.Run} "adds an outer
 * task, a delegate and a context switch; unless CPU-bound work truly needs offloading, this
 * pattern adds cost without benefit". The offloaded calls are sequential, so offloading buys no
 * parallelism here: what it costs is the whole difference. Where offloaded work runs: the
 * statemachine backend's worker pool; a new virtual thread per task on loom. Peers:
 * {@code CompletableFuture.supplyAsync} on a pool of one thread per core that the run owns;
 * blocking {@code submit(...).get()} to such a pool from a driver thread. Direct, every
 * implementation runs the same plain loop inside its async frame.
 *
 * <p>Checksum: the sum of {@link #compute}{@code (i, work)} over the calls.
 */
public final class CpuOffloadWorkload extends AbstractWorkload {

    /** Calls per operation. */
    public static final int CALLS = 100;

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
                        List.of("direct", "offload"),
                        List.of("direct", "offload")),
                ParamSpec.ints(
                        "work",
                        "iterations of the CPU loop per call",
                        1,
                        10_000_000,
                        List.of(1000L),
                        List.of(100L, 10_000L, 1_000_000L)));
    }

    /** The CPU-bound work of call {@code i}: {@code work} rounds of xorshift, deterministic. */
    public static long compute(int i, int work) {
        long x = i * 0x9E3779B97F4A7C15L + 1;
        for (int k = 0; k < work; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** Base: the parameters. */
    private abstract static class Run implements WorkloadRun {
        final boolean offload;
        final int work;

        Run(Params p) {
            this.offload = p.get("style").equals("offload");
            this.work = p.getInt("work");
        }

        long direct() {
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += compute(i, work);
            }
            return sum;
        }

        @Override
        public void close() {}
    }

    static ExecutorService workers(String name) {
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), Threads.daemon(name));
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return Async.run(() -> {
                            if (!offload) {
                                return direct();
                            }
                            long sum = 0;
                            for (int i = 0; i < CALLS; i++) {
                                int call = i;
                                sum += Async.await(Awaitables.run(() -> compute(call, work)));
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
                return OffloadMachine.start(offload, work).join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            final ExecutorService pool = workers("cpu-offload-cf");

            @Override
            public long run() {
                if (!offload) {
                    return CompletableFuture.completedFuture(direct()).join();
                }
                return CfLoop.sum(CALLS, i -> CompletableFuture.supplyAsync(() -> compute(i, work), pool))
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
        return new Run(params) {
            final ExecutorService driver = Executors.newFixedThreadPool(1, Threads.daemon("cpu-offload-driver"));
            final ExecutorService pool = workers("cpu-offload-blocking");

            @Override
            public long run() throws Exception {
                return driver.submit(() -> {
                            if (!offload) {
                                return direct();
                            }
                            long sum = 0;
                            for (int i = 0; i < CALLS; i++) {
                                int call = i;
                                sum += pool.submit(() -> compute(call, work)).get();
                            }
                            return sum;
                        })
                        .get();
            }

            @Override
            public void close() {
                Threads.shutdown(driver);
                Threads.shutdown(pool);
            }
        };
    }
}
