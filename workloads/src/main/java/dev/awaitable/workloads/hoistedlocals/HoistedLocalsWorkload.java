package dev.awaitable.workloads.hoistedlocals;

import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ExternalImplementations;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.SuspendedTasks;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.RunLoop;
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
 * <p>Memory-shaped: {@link #suspend} leaves {@code count} tasks at the gate, so the heap per
 * suspended task shows the retained buffer (held) or its absence (released); the caller must
 * size {@code count * buffer-kb} to fit the heap. One operation of {@code run()} is a batch of
 * {@value #TASKS} tasks: start them all, open the gate once every one waits at it, wait for all.
 * {@link dev.awaitable.workloads.Delivery#SAME_THREAD Same-thread}: the gate is opened by the
 * run's event loop ({@link RunLoop}), or by the batch's own thread for the blocking peers.
 *
 * <p>Seed claim (trap B, optimization 2): "any local used after an await is hoisted into the
 * state machine: its lifetime extends from stack lifetime to heap lifetime"; "does the method
 * hold large objects across awaits? That extends their lifetime unnecessarily". The
 * implementations ({@link Batch}):
 * <ul>
 *   <li>loom: an {@code Async.run} body per task, bound to the loop; the buffer is a live local
 *       of the parked frame (held) or only ever a local of a helper's frame (released).</li>
 *   <li>statemachine: a {@link BufferMachine} per task, bound to the loop as well; held, the buffer
 *       is a hoisted field; released, only the digest is.</li>
 *   <li>virtual threads: a virtual thread per task blocked in {@code Future.get} of the gate,
 *       the buffer a local of its parked frame; a virtual thread of the batch starts them, waits
 *       on a {@code CountDownLatch} until all have filled their buffer, opens the gate and joins
 *       them (on the one-carrier scheduler of its measuring fork, all on one OS thread).</li>
 *   <li>CompletableFuture: a {@code thenApply} stage per task on the gate's future, its closure
 *       capturing the buffer (held) or the digest (released).</li>
 *   <li>blocking: the virtual-thread code on a pool of {@value #TASKS} + 1 platform threads the run
 *       owns: opening the gate wakes every task's OS thread. The blocking peer needs a thread per
 *       task and refuses more than {@value #MAX_BLOCKING_THREADS} in {@code suspend()}.</li>
 * </ul>
 *
 * <p>Checksum: the sum over tasks {@code i} of {@code sum_j ((j + i) mod 256) + GATE}, the digest
 * of each task's buffer plus the gate's value.
 */
public final class HoistedLocalsWorkload extends AbstractWorkload {

    /** Tasks per {@code run()}. */
    public static final int TASKS = 100;
    /** The most tasks the blocking peer runs: a platform thread each. */
    public static final int MAX_BLOCKING_THREADS = 20_000;
    /** The gate's value. */
    static final long GATE = 1L;

    public HoistedLocalsWorkload() {
        super(
                "hoisted-locals",
                "a batch of suspended tasks holding a large buffer across an await, or releasing it before",
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
                        List.of("held"),
                        List.of("held", "released")));
    }

    static int size(Params p) {
        return p.getInt("buffer-kb") * 1024;
    }

    static boolean held(Params p) {
        return p.get("style").equals("held");
    }

    /* ---------------- run() ---------------- */

    @Override
    protected WorkloadRun openLoom(Params params) {
        return onLoop(() -> new Batch.Loom(size(params), held(params)));
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return onLoop(() -> new Batch.Statemachine(size(params), held(params)));
    }

    /** A batch started on the run's loop, which opens the gate after every task reached it. */
    private static WorkloadRun onLoop(Supplier<Batch.OfAwaitables> batches) {
        RunLoop loop = new RunLoop("hoisted-locals");
        return () -> loop.drive(() -> {
            Batch.OfAwaitables batch = batches.get();
            batch.start(TASKS);
            loop.post(batch::openGate);
            return batch.all();
        });
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        RunLoop loop = new RunLoop("hoisted-locals");
        return () -> loop.driveFuture(() -> {
            Batch.Futures batch = new Batch.Futures(size(params), held(params));
            batch.start(TASKS);
            loop.post(batch::openGate);
            return batch.all();
        });
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        return new BlockingRun(size(params), held(params), Executors.newVirtualThreadPerTaskExecutor());
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new BlockingRun(size(params), held(params), blockingPool(TASKS + 1));
    }

    /** The blocking peers: a thread of {@code threads} starts a batch on the others, opens the gate, joins them. */
    private record BlockingRun(int size, boolean held, ExecutorService threads) implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return threads.submit(() -> {
                        Batch batch = new Batch.Blocking(size, held, threads);
                        batch.start(TASKS);
                        batch.openGate();
                        return batch.join();
                    })
                    .get();
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
        }
    }

    static ExecutorService blockingPool(int threads) {
        if (threads > MAX_BLOCKING_THREADS) {
            throw new IllegalArgumentException("hoisted-locals: the blocking peer needs a platform thread per task and "
                    + "refuses more than " + MAX_BLOCKING_THREADS + " (asked for " + threads + ")");
        }
        return Executors.newFixedThreadPool(Math.max(1, threads), Threads.daemon("hoisted-locals-blocking"));
    }

    /* ---------------- suspend() ---------------- */

    @Override
    public SuspendedTasks suspend(Implementation impl, Params params, int count) throws Exception {
        if (impl.external()) {
            return ExternalImplementations.suspend(this, impl, params, count);
        }
        int size = size(params);
        boolean held = held(params);
        ExecutorService threads = switch (impl) {
            case VIRTUAL_THREADS -> Executors.newVirtualThreadPerTaskExecutor();
            case BLOCKING -> blockingPool(count);
            default -> null;
        };
        Batch batch = switch (impl) {
            case LOOM, STATEMACHINE_WOVEN -> new Batch.Loom(size, held);
            case STATEMACHINE -> new Batch.Statemachine(size, held);
            case VIRTUAL_THREADS, BLOCKING -> new Batch.Blocking(size, held, threads);
            case COMPLETABLE_FUTURE -> new Batch.Futures(size, held);
            case KOTLIN_COROUTINES -> throw new IllegalStateException("external: " + impl.id());
        };
        Object representative;
        try {
            representative = batch.start(count);
            if (impl == Implementation.STATEMACHINE_WOVEN) {
                representative = null; // the loom source records a thread: here, the one that started the machines
            }
        } catch (Exception | Error e) {
            batch.openGate();
            Threads.shutdown(threads);
            throw e;
        }
        return new Suspended(count, representative, batch::openGate, batch::join, () -> Threads.shutdown(threads));
    }
}
