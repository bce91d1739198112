package dev.awaitable.workloads.pingpong;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.channels.Channel;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.Delivery;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.CfLoop;
import dev.awaitable.workloads.support.RunLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * {@code ping-pong}: two tasks make {@code messages} round trips through a pair of channels:
 * ping writes {@code i}, pong reads it and writes back {@code i + 1}, ping reads the answer. One
 * operation is the whole exchange, {@code messages} round trips (1000 in the quick matrix), each
 * side suspending in a read whenever the other has not answered yet.
 *
 * <p>Delivery ({@code delivery}): {@code same-thread}, both tasks on the run's {@link RunLoop},
 * so a hand-off between them is no thread switch; {@code cross-thread}, each task on a thread of
 * its own, so every hand-off wakes the other thread.
 *
 * <p>Statemachine: a {@link PongMachine} and a {@link PingMachine} over two unbounded
 * {@link Channel}s; a write completes the waiting read and runs the reader's continuation inline
 * on the loop (same-thread), or posts it to the reader's {@link SingleThreadContext}
 * (cross-thread: pong and ping each start on a loop thread of their own). Loom: the same two
 * loops as {@code Async.run} bodies, bound to the run's loop (a hand-off unparks the other body,
 * which the loop then carries) or each to its own {@link SingleThreadContext}. Virtual threads:
 * two virtual threads over two {@link SynchronousQueue}s; same-thread, the scheduler's one
 * carrier runs both; cross-thread, the JDK's default scheduler places them. CompletableFuture:
 * two {@link CfLoop}s over a pair of {@link CfMailbox}es, continuing inline (same-thread), or
 * each side with {@code thenApplyAsync} on a single-thread executor of its own (cross-thread).
 * Blocking: the virtual threads' code on two platform threads, in both deliveries: every
 * hand-off is an OS wake-up.
 *
 * <p>Seed claims: "most async cost isn't threading, it's continuation management"; "no threads
 * are created by await".
 *
 * <p>Checksum: the sum of ping's answers, {@code messages * (messages + 1) / 2}.
 */
public final class PingPongWorkload extends AbstractWorkload {

    public PingPongWorkload() {
        super(
                "ping-pong",
                "two tasks exchange messages through a pair of channels, on one thread or on two",
                "a hand-off between two async tasks is continuation management, not a thread switch "
                        + "(seeds: continuations, where threads are used)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "messages", "round trips per operation", 1, 1_000_000, List.of(1000L), List.of(1000L, 10_000L)),
                ParamSpec.choice(
                        "delivery",
                        "both tasks on the run's loop, or each on a thread of its own",
                        List.of("same-thread", "cross-thread"),
                        List.of("same-thread"),
                        List.of("same-thread", "cross-thread")));
    }

    @Override
    public Delivery delivery(Params params) {
        return Delivery.byId(params.get("delivery"));
    }

    /** The channels of one exchange. */
    private record Channels(Channel<Long> toPong, Channel<Long> toPing) {
        static Channels open() {
            return new Channels(Channel.unbounded(), Channel.unbounded());
        }
    }

    /**
     * The Awaitable implementations: {@code pong} and {@code ping} started over fresh channels,
     * both on the run's loop or each on a loop thread of its own; the checksum is ping's.
     */
    private static WorkloadRun exchange(
            Params params, Function<Channels, Awaitable<Long>> pong, Function<Channels, Awaitable<Long>> ping) {
        if (Delivery.byId(params.get("delivery")) == Delivery.SAME_THREAD) {
            RunLoop loop = new RunLoop("ping-pong");
            return () -> loop.drive(() -> {
                Channels c = Channels.open();
                return Awaitables.whenAll(pong.apply(c), ping.apply(c)).map(both -> both.get(1));
            });
        }
        return new WorkloadRun() {
            final SingleThreadContext pongThread = SingleThreadContext.start("ping-pong-pong");
            final SingleThreadContext pingThread = SingleThreadContext.start("ping-pong-ping");

            @Override
            public long run() {
                Channels c = Channels.open();
                Awaitable<Awaitable<Long>> pongDone = pongThread.submit(() -> pong.apply(c));
                Awaitable<Awaitable<Long>> pingDone = pingThread.submit(() -> ping.apply(c));
                pongDone.join().join();
                return pingDone.join().join();
            }

            @Override
            public void close() {
                pingThread.close();
                pongThread.close();
            }
        };
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        int messages = params.getInt("messages");
        return exchange(
                params,
                c -> Async.run(() -> {
                    for (int i = 0; i < messages; i++) {
                        long v = Async.await(c.toPong().reader().readAsync());
                        Async.await(c.toPing().writer().writeAsync(v + 1));
                    }
                    return (long) messages;
                }),
                c -> Async.run(() -> {
                    long sum = 0;
                    for (long i = 0; i < messages; i++) {
                        Async.await(c.toPong().writer().writeAsync(i));
                        sum += Async.await(c.toPing().reader().readAsync());
                    }
                    return sum;
                }));
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        int messages = params.getInt("messages");
        return exchange(
                params,
                c -> PongMachine.start(messages, c.toPong(), c.toPing()),
                c -> PingMachine.start(messages, c.toPong(), c.toPing()));
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        return new BlockingRun(params.getInt("messages"), Executors.newVirtualThreadPerTaskExecutor());
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        int messages = params.getInt("messages");
        if (Delivery.byId(params.get("delivery")) == Delivery.SAME_THREAD) {
            RunLoop loop = new RunLoop("ping-pong");
            return () -> loop.driveFuture(() -> {
                CfMailbox<Long> toPong = new CfMailbox<>();
                CfMailbox<Long> toPing = new CfMailbox<>();
                IntFunction<CompletableFuture<Integer>> pongStep =
                        i -> toPong.read().thenApply(v -> answer(toPing, v));
                IntFunction<CompletableFuture<Long>> pingStep = i -> {
                    toPong.write((long) i);
                    return toPing.read();
                };
                return CfLoop.sum(messages, pongStep).thenCombine(CfLoop.sum(messages, pingStep), (done, sum) -> sum);
            });
        }
        return new WorkloadRun() {
            final ExecutorService pongThread = Executors.newSingleThreadExecutor(Threads.daemon("ping-pong-pong"));
            final ExecutorService pingThread = Executors.newSingleThreadExecutor(Threads.daemon("ping-pong-ping"));

            @Override
            public long run() {
                CfMailbox<Long> toPong = new CfMailbox<>();
                CfMailbox<Long> toPing = new CfMailbox<>();
                IntFunction<CompletableFuture<Integer>> pongStep =
                        i -> toPong.read().thenApplyAsync(v -> answer(toPing, v), pongThread);
                IntFunction<CompletableFuture<Long>> pingStep = i -> {
                    toPong.write((long) i);
                    return toPing.read().thenApplyAsync(v -> v, pingThread);
                };
                CompletableFuture<Long> pong = CompletableFuture.supplyAsync(
                                () -> CfLoop.sum(messages, pongStep), pongThread)
                        .thenCompose(Function.identity());
                CompletableFuture<Long> ping = CompletableFuture.supplyAsync(
                                () -> CfLoop.sum(messages, pingStep), pingThread)
                        .thenCompose(Function.identity());
                return pong.thenCombine(ping, (done, sum) -> sum).join();
            }

            @Override
            public void close() {
                Threads.shutdown(pingThread);
                Threads.shutdown(pongThread);
            }
        };
    }

    /** Pong's answer to {@code v}, written to ping; counts one round trip. */
    private static int answer(CfMailbox<Long> toPing, long v) {
        toPing.write(v + 1);
        return 1;
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new BlockingRun(
                params.getInt("messages"), Executors.newFixedThreadPool(2, Threads.daemon("ping-pong-blocking")));
    }

    /** The blocking peers: pong and ping on two threads of {@code threads}, over two rendezvous queues. */
    private record BlockingRun(int messages, ExecutorService threads) implements WorkloadRun {
        @Override
        public long run() throws Exception {
            SynchronousQueue<Long> toPong = new SynchronousQueue<>();
            SynchronousQueue<Long> toPing = new SynchronousQueue<>();
            Future<?> pong = threads.submit(() -> {
                for (int i = 0; i < messages; i++) {
                    toPing.put(toPong.take() + 1);
                }
                return null;
            });
            Future<Long> ping = threads.submit(() -> {
                long sum = 0;
                for (long i = 0; i < messages; i++) {
                    toPong.put(i);
                    sum += toPing.take();
                }
                return sum;
            });
            pong.get();
            return ping.get();
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
        }
    }
}
