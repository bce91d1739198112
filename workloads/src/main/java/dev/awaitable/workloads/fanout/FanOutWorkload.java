package dev.awaitable.workloads.fanout;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Delivery;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.BlockingLoop;
import dev.awaitable.workloads.support.CfLoop;
import dev.awaitable.workloads.support.Suspended;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code fan-out}: a fan-out reads {@code children} values, child {@code i}'s being
 * {@code 2i + 1}, and awaits them either one after the other ({@code style=serial}: an await in
 * a loop, one suspension per child) or all started first and awaited once
 * ({@code style=whenall}). One operation is {@code max(1, 1000 / children)} fan-outs
 * ({@link #rounds}) in sequence by one caller: about {@value #READS} children whatever the
 * fan-out's width.
 *
 * <p>Delivery ({@code delivery}): {@code same-thread}, the run's event loop delivers the children
 * and runs the operation (the virtual threads' I/O thread is a virtual thread on their one
 * carrier); {@code cross-thread}, "fan-out over workers", another thread completes every child
 * ({@link ChildIo}; for the blocking peers, a platform I/O thread).
 *
 * <p>Seed claim (refactor pattern 3, trap E): "batch instead of serial await: fewer suspension
 * points, fewer continuations, better parallelism". Serial pays a suspension (cross-thread: a
 * round trip to the other thread) per child; whenall pays one suspension per fan-out plus the
 * combinator's bookkeeping.
 *
 * <ul>
 *   <li>statemachine: one machine with both loops hoisted ({@link FanOutMachine}), whenall by
 *       {@code Awaitables.whenAll};
 *   <li>loom: one {@code Async.run} body, the same loops in direct style, whenall by
 *       {@code Awaitables.whenAll};
 *   <li>virtual threads: serial, a loop of blocking reads on one virtual thread; whenall, one
 *       virtual thread per child ({@code newVirtualThreadPerTaskExecutor().submit}) doing a
 *       blocking read, then {@code Future.get} of each;
 *   <li>CompletableFuture: serial, a {@link CfLoop} of read futures; whenall, {@code allOf} over
 *       them; the fan-outs in a {@link CfLoop};
 *   <li>blocking: the virtual threads' code on a pool of {@value #BLOCKING_THREADS} platform
 *       threads (the caller takes one, the children share the others), every read woken by the
 *       I/O thread, so both deliveries are the same for it.
 * </ul>
 *
 * <p>Checksum: {@code sum(2i + 1) = children^2} per fan-out, times {@link #rounds}.
 */
public final class FanOutWorkload extends AbstractWorkload {

    /** Children per operation, about: {@code children} times {@link #rounds}. */
    static final int READS = 1000;

    /** Threads of the blocking peer's pool. */
    static final int BLOCKING_THREADS = 8;

    public FanOutWorkload() {
        super(
                "fan-out",
                "children read serially or with one whenAll; " + READS + " / children fan-outs in sequence",
                "batch instead of serial await: one suspension for the batch (seeds: refactor pattern 3, trap E)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "children",
                        "reads per fan-out (an operation is " + READS + " / children fan-outs)",
                        1,
                        10_000,
                        List.of(100L),
                        List.of(1L, 10L, 100L, 1000L, 10_000L)),
                ParamSpec.choice(
                        "style",
                        "await each child in a loop, or all of them with one whenAll",
                        List.of("serial", "whenall"),
                        List.of("whenall"),
                        List.of("serial", "whenall")),
                ParamSpec.choice(
                        "delivery",
                        "children completed by the run's event loop, or by another thread",
                        List.of(Delivery.SAME_THREAD.id(), Delivery.CROSS_THREAD.id()),
                        List.of(Delivery.SAME_THREAD.id()),
                        List.of(Delivery.SAME_THREAD.id(), Delivery.CROSS_THREAD.id())));
    }

    @Override
    public Delivery delivery(Params params) {
        return Delivery.byId(params.get("delivery"));
    }

    /** What child {@code i} reads. */
    static Long value(int i) {
        return 2L * i + 1;
    }

    /** Fan-outs per operation of {@code children} children. */
    static int rounds(int children) {
        return Math.max(1, READS / children);
    }

    private static int children(Params params) {
        return params.getInt("children");
    }

    private static boolean whenAll(Params params) {
        return params.get("style").equals("whenall");
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        int children = children(params);
        int rounds = rounds(children);
        boolean whenAll = whenAll(params);
        ChildIo io = ChildIo.of(delivery(params));
        // The fan-outs are written in the body itself, not in helper methods it calls: the same
        // code on loom, and a body the weaver can make a machine of (statemachine-woven).
        return io.run(() -> Async.run(() -> {
            long sum = 0;
            for (int r = 0; r < rounds; r++) {
                if (whenAll) {
                    List<Awaitable<Long>> started = new ArrayList<>(children);
                    for (int i = 0; i < children; i++) {
                        started.add(io.read(i));
                    }
                    for (long v : Async.await(Awaitables.whenAll(started))) {
                        sum += v;
                    }
                } else {
                    for (int i = 0; i < children; i++) {
                        sum += Async.await(io.read(i));
                    }
                }
            }
            return sum;
        }));
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        int children = children(params);
        int rounds = rounds(children);
        boolean whenAll = whenAll(params);
        ChildIo io = ChildIo.of(delivery(params));
        return io.run(() -> FanOutMachine.start(rounds, children, whenAll, io));
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        int children = children(params);
        BlockingLoop io = delivery(params) == Delivery.SAME_THREAD
                ? BlockingLoop.virtual("fan-out-io")
                : BlockingLoop.platform("fan-out-io");
        return new BlockingRun(
                children, rounds(children), whenAll(params), Executors.newVirtualThreadPerTaskExecutor(), io);
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        int children = children(params);
        int rounds = rounds(children);
        boolean whenAll = whenAll(params);
        ChildIo io = ChildIo.of(delivery(params));
        return io.runFuture(() ->
                CfLoop.sum(rounds, r -> whenAll ? allOf(children, io) : CfLoop.sum(children, io::readFuture)));
    }

    /** A whenall fan-out as a future: {@code allOf} the children, then their sum. */
    private static CompletableFuture<Long> allOf(int children, ChildIo io) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] started = (CompletableFuture<Long>[]) new CompletableFuture<?>[children];
        for (int i = 0; i < children; i++) {
            started[i] = io.readFuture(i);
        }
        return CompletableFuture.allOf(started).thenApply(done -> {
            long sum = 0;
            for (CompletableFuture<Long> f : started) {
                sum += f.join(); // all done: join() returns at once
            }
            return sum;
        });
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        int children = children(params);
        return new BlockingRun(
                children,
                rounds(children),
                whenAll(params),
                Executors.newFixedThreadPool(BLOCKING_THREADS, Threads.daemon("fan-out-blocking")),
                BlockingLoop.platform("fan-out-io"));
    }

    /**
     * The blocking peers: the fan-outs on one thread of {@code threads}; a serial child is a
     * blocking read there, a whenall child a task of its own on {@code threads}.
     */
    private record BlockingRun(int children, int rounds, boolean whenAll, ExecutorService threads, BlockingLoop io)
            implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return threads.submit(() -> {
                        long sum = 0;
                        for (int r = 0; r < rounds; r++) {
                            sum += whenAll ? all() : serial();
                        }
                        return sum;
                    })
                    .get();
        }

        private long serial() {
            long sum = 0;
            for (int i = 0; i < children; i++) {
                sum += io.read(value(i));
            }
            return sum;
        }

        private long all() throws Exception {
            List<Future<Long>> started = new ArrayList<>(children);
            for (int i = 0; i < children; i++) {
                Long v = value(i);
                started.add(threads.submit(() -> io.read(v)));
            }
            return Suspended.getAll(started);
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
            io.close();
        }
    }
}
