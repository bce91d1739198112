package dev.awaitable.workloads.awaitchain;

import dev.awaitable.Async;
import dev.awaitable.LoomOnly;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.BlockingLoop;
import dev.awaitable.workloads.support.CfLoop;
import dev.awaitable.workloads.support.RunLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code await-chain}: a chain is async calls nested {@code depth} deep, each awaiting the next;
 * the innermost awaits a read the run's event loop delivers later, so every level suspends once
 * and resumes once. One operation is {@code LEVELS / depth} chains ({@link #chains}), called one
 * after the other by one caller: about {@value #LEVELS} levels whatever the depth, on the loop
 * ({@link dev.awaitable.workloads.Delivery#SAME_THREAD}).
 *
 * <p>Seed claims: "an async method is a tiny object that stores its own progress" versus a parked
 * stack, and "async overhead is compositional: small costs stack quickly". What a suspended call
 * stack costs is where the models differ most:
 *
 * <ul>
 *   <li>statemachine: each level is an async method, so a chain is {@code depth} machines and
 *       builders on the heap, resumed one after the other ({@link LevelMachine}); the caller is
 *       a {@link ChainsMachine};
 *   <li>loom: one {@code Async.run} body on the loop; the levels are plain method calls, and
 *       only the leaf's await parks the body, with {@code depth} frames on its stack;
 *   <li>virtual threads: the same plain recursion with a blocking read at the leaf, on one
 *       virtual thread;
 *   <li>CompletableFuture: one {@code thenApply} stage per level over the leaf's read future;
 *       the chains in a {@link CfLoop};
 *   <li>blocking: the virtual threads' code on a platform thread, each leaf read woken by the
 *       I/O thread.
 * </ul>
 *
 * <p>Checksum: chain {@code c} reads {@code c} and each level adds one:
 * {@code sum(c + depth)} over the chains.
 */
public final class AwaitChainWorkload extends AbstractWorkload {

    /**
     * Levels per operation, about: {@code depth} times {@link #chains}. Large enough that the
     * one hand-off per operation into the plain virtual threads' executor and back (two OS
     * wake-ups, 20-35 us on a 2-core VM) is about 1% of that peer's operation: at 1,000 levels it
     * was most of it.
     */
    public static final int LEVELS = 100_000;

    /** The deepest chain: a chain is as many frames on a loom body's or a virtual thread's stack. */
    public static final int MAX_DEPTH = 1000;

    public AwaitChainWorkload() {
        super(
                "await-chain",
                "async calls nested depth deep, each awaiting the next, the innermost a read; " + LEVELS
                        + " / depth chains in sequence",
                "a suspended chain is depth heap objects (statemachine) or depth frames on a parked stack (loom); "
                        + "costs compose (seeds: state machines, trap E)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "depth",
                        "nested async calls per chain (an operation is " + LEVELS + " / depth chains)",
                        1,
                        MAX_DEPTH,
                        List.of(100L),
                        List.of(1L, 10L, 100L, 1000L)));
    }

    /** Chains per operation at {@code depth}. */
    static int chains(int depth) {
        return LEVELS / depth;
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        int depth = params.getInt("depth");
        int chains = chains(depth);
        RunLoop loop = new RunLoop("await-chain");
        return () -> loop.drive(() -> Async.run(() -> {
            long sum = 0;
            for (int c = 0; c < chains; c++) {
                sum += level(depth, c, loop);
            }
            return sum;
        }));
    }

    /**
     * A level in direct style: a plain call, no async object per level. Only loom can suspend
     * this whole stack of plain calls; made bodies, the levels would cost loom a body each.
     */
    @LoomOnly
    private static long level(int d, long chain, RunLoop io) {
        long inner = d == 1 ? Async.await(io.read(chain)) : level(d - 1, chain, io);
        return inner + 1;
    }

    @Override
    public String notImplemented(Implementation impl) {
        return impl == Implementation.STATEMACHINE_WOVEN
                ? "its loom source awaits in a recursive plain method (no body per level), which only loom can"
                        + " suspend; the weaver refuses it"
                : null;
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        int depth = params.getInt("depth");
        RunLoop loop = new RunLoop("await-chain");
        return () -> loop.drive(() -> ChainsMachine.start(depth, chains(depth), loop));
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        int depth = params.getInt("depth");
        return new BlockingRun(
                depth,
                chains(depth),
                Executors.newVirtualThreadPerTaskExecutor(),
                BlockingLoop.virtual("await-chain-io"));
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        int depth = params.getInt("depth");
        int chains = chains(depth);
        RunLoop loop = new RunLoop("await-chain");
        return () -> loop.driveFuture(() -> CfLoop.sum(chains, c -> levelFuture(depth, c, loop)));
    }

    /** A level as a future: the next level's (or the leaf read's), plus one in a dependent stage. */
    private static CompletableFuture<Long> levelFuture(int d, long chain, RunLoop io) {
        CompletableFuture<Long> inner = d == 1 ? io.readFuture(chain) : levelFuture(d - 1, chain, io);
        return inner.thenApply(v -> v + 1);
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        int depth = params.getInt("depth");
        return new BlockingRun(
                depth,
                chains(depth),
                Executors.newSingleThreadExecutor(Threads.daemon("await-chain-blocking")),
                BlockingLoop.platform("await-chain-io"));
    }

    /** The blocking peers: the chains as plain recursion on one thread of {@code threads}, the leaf a blocking read. */
    private record BlockingRun(int depth, int chains, ExecutorService threads, BlockingLoop io) implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return threads.submit(() -> {
                        long sum = 0;
                        for (int c = 0; c < chains; c++) {
                            sum += level(depth, c);
                        }
                        return sum;
                    })
                    .get();
        }

        private long level(int d, long chain) {
            long inner = d == 1 ? io.read(chain) : level(d - 1, chain);
            return inner + 1;
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
            io.close();
        }
    }
}
