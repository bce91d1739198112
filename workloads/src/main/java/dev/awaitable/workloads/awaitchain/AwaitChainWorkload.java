package dev.awaitable.workloads.awaitchain;

import dev.awaitable.Async;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.Completer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code await-chain}: nested async calls {@code depth} deep, each awaiting the next; the
 * innermost awaits a value another thread provides. One operation is one chain: every level
 * suspends once and resumes once.
 *
 * <p>Measures what a suspended call stack costs in each model, which is where the two differ
 * most. Statemachine: each level is an async method, so a chain is {@code depth} machines plus
 * builders on the heap, resumed one after the other ({@link LevelMachine}). Loom: the levels are
 * ordinary method calls on one virtual thread, and only the innermost await parks it, with
 * {@code depth} frames on its stack (copied to the heap while parked). Seed claim: "an async
 * method is a tiny object that stores its own progress" versus a parked stack; also "async
 * overhead is compositional: small costs stack quickly". Peers: one {@code thenApply} stage per
 * level; blocking recursion on a pool thread.
 *
 * <p>Checksum: {@code LEAF + depth} (each level adds one).
 */
public final class AwaitChainWorkload extends AbstractWorkload {

    /** The value the innermost level awaits. */
    static final long LEAF = 1_000_000L;

    public AwaitChainWorkload() {
        super(
                "await-chain",
                "async calls nested depth deep, each awaiting the next; the innermost awaits another thread",
                "a suspended chain is depth heap objects (statemachine) or depth frames on a parked stack (loom); "
                        + "costs compose (seeds: state machines, trap E)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "depth", "nested async calls", 1, 1000, List.of(1L, 10L, 100L), List.of(1L, 10L, 100L, 1000L)));
    }

    /** Base: the depth and the thread that provides the leaf value. */
    private abstract static class Run implements WorkloadRun {
        final int depth;
        final Completer io = new Completer("await-chain-io");

        Run(Params p) {
            this.depth = p.getInt("depth");
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
                return Async.run(() -> level(depth)).join();
            }

            /* A plain call: direct style needs no async object per level. */
            long level(int d) {
                long inner = d == 1 ? Async.await(io.awaitable(LEAF)) : level(d - 1);
                return inner + 1;
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return LevelMachine.start(depth, io).join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return level(depth).join();
            }

            CompletableFuture<Long> level(int d) {
                CompletableFuture<Long> inner = d == 1 ? io.future(LEAF) : level(d - 1);
                return inner.thenApply(v -> v + 1);
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new Run(params) {
            final ExecutorService pool = Executors.newFixedThreadPool(1, Threads.daemon("await-chain-blocking"));

            @Override
            public long run() throws Exception {
                return pool.submit(() -> level(depth)).get();
            }

            long level(int d) throws Exception {
                long inner = d == 1 ? io.future(LEAF).get() : level(d - 1);
                return inner + 1;
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
                super.close();
            }
        };
    }
}
