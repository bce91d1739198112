package dev.awaitable.workloads.hoistedlocals;

import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.SuspendedTasks;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.Completer;
import dev.awaitable.workloads.support.Suspended;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code hoisted-locals}: async tasks that each fill a buffer of {@code buffer-kb} KiB and await
 * a gate, either still holding the buffer, because they use it after the await
 * ({@code style=held}), or having digested and dropped it before ({@code style=released}). The
 * work is the same; what differs is what a suspended task keeps reachable.
 *
 * <p>Seed claim (trap B, optimization 2): "any local used after an await is hoisted into the
 * state machine: its lifetime extends from stack lifetime to heap lifetime"; "does the method
 * hold large objects across awaits? That extends their lifetime unnecessarily". Statemachine: a
 * hoisted field ({@link BufferMachine}); loom: a live local of the parked frame versus one that
 * only a helper's frame ever had; CompletableFuture: a continuation closure capturing the buffer
 * versus the digest; blocking: a local on a blocked platform thread's stack ({@link Batch}).
 *
 * <p>Memory-shaped: {@link #suspend} leaves {@code count} tasks at the gate, so the heap per
 * suspended task shows the retained buffer (held) or its absence (released); the caller must
 * size {@code count * buffer-kb} to fit the heap. The blocking peer needs a thread per task and
 * refuses more than {@value #MAX_BLOCKING_THREADS}. {@code run()} starts {@value #TASKS} tasks,
 * has another thread open the gate, and waits for them.
 *
 * <p>Checksum: the sum over tasks {@code i} of {@code sum_j ((j + i) mod 256) + GATE}, the digest
 * of each task's buffer plus the gate's value.
 */
public final class HoistedLocalsWorkload extends AbstractWorkload {

    /** Tasks per {@code run()}. */
    public static final int TASKS = 16;
    /** The most tasks the blocking peer runs: a platform thread each. */
    public static final int MAX_BLOCKING_THREADS = 20_000;
    /** The gate's value. */
    static final long GATE = 1L;

    public HoistedLocalsWorkload() {
        super(
                "hoisted-locals",
                "suspended tasks holding a large buffer across an await, or releasing it before",
                "a local used after an await is hoisted: the suspended task keeps it reachable (seeds: trap B, optimization 2)",
                Shape.MEMORY,
                ParamSpec.ints(
                        "buffer-kb",
                        "size of each task's buffer, KiB",
                        1,
                        1024,
                        List.of(16L),
                        List.of(1L, 16L, 256L, 1024L)),
                ParamSpec.choice(
                        "style",
                        "use the buffer after the await, or digest it and let go before",
                        List.of("held", "released"),
                        List.of("held", "released"),
                        List.of("held", "released")));
    }

    static int size(Params p) {
        return p.getInt("buffer-kb") * 1024;
    }

    static boolean held(Params p) {
        return p.get("style").equals("held");
    }

    /** {@code run()} for every implementation: a fresh batch of {@link #TASKS}, the gate opened by another thread. */
    private static final class GateRun implements WorkloadRun {
        private final Supplier<Batch> batches;
        private final ExecutorService pool;
        private final Completer opener = new Completer("hoisted-locals-opener");

        GateRun(Supplier<Batch> batches, ExecutorService pool) {
            this.batches = batches;
            this.pool = pool;
        }

        @Override
        public long run() throws Exception {
            Batch batch = batches.get();
            batch.start(TASKS);
            opener.execute(batch::openGate);
            return batch.join();
        }

        @Override
        public void close() {
            opener.close();
            Threads.shutdown(pool);
        }
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new GateRun(() -> new Batch.Loom(size(params), held(params)), null);
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new GateRun(() -> new Batch.Statemachine(size(params), held(params)), null);
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new GateRun(() -> new Batch.Futures(size(params), held(params)), null);
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        ExecutorService pool = blockingPool(TASKS);
        return new GateRun(() -> new Batch.Blocking(size(params), held(params), pool), pool);
    }

    static ExecutorService blockingPool(int threads) {
        if (threads > MAX_BLOCKING_THREADS) {
            throw new IllegalArgumentException("hoisted-locals: the blocking peer needs a platform thread per task and "
                    + "refuses more than " + MAX_BLOCKING_THREADS + " (asked for " + threads + ")");
        }
        return Executors.newFixedThreadPool(Math.max(1, threads), Threads.daemon("hoisted-locals-blocking"));
    }

    @Override
    public SuspendedTasks suspend(Implementation impl, Params params, int count) throws Exception {
        int size = size(params);
        boolean held = held(params);
        ExecutorService pool = impl == Implementation.BLOCKING ? blockingPool(count) : null;
        Batch batch = switch (impl) {
            case LOOM -> new Batch.Loom(size, held);
            case STATEMACHINE -> new Batch.Statemachine(size, held);
            case COMPLETABLE_FUTURE -> new Batch.Futures(size, held);
            case BLOCKING -> new Batch.Blocking(size, held, pool);
            case VIRTUAL_THREADS -> throw new UnsupportedOperationException("TEMPORARY");
        };
        Object representative;
        try {
            representative = batch.start(count);
        } catch (Exception | Error e) {
            batch.openGate();
            Threads.shutdown(pool);
            throw e;
        }
        return new Suspended(count, representative, batch::openGate, batch::join, () -> Threads.shutdown(pool));
    }
}
