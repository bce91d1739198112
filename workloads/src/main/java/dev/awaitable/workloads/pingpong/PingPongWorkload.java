package dev.awaitable.workloads.pingpong;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.channels.Channel;
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
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code ping-pong}: two tasks exchange {@code messages} round trips through a pair of
 * {@link Channel}s: ping writes {@code i}, pong reads it and writes back {@code i + 1}, ping
 * reads the answer. Each side suspends in a read whenever the other has not answered yet.
 *
 * <p>Measures the cost of a hand-off between two async tasks. On statemachine a write completes
 * the waiting read and runs the reader's continuation inline, so the whole exchange can run on
 * one thread without a context switch; on loom each side is a virtual thread and a hand-off
 * wakes the other one (a dispatch to a carrier). Seed claim: "most async cost isn't threading,
 * it's continuation management"; and "no threads are created by await". Peers: two
 * {@link CfLoop}s over a {@link CfMailbox} pair; two platform threads over two
 * {@link SynchronousQueue}s.
 *
 * <p>Checksum: the sum of the answers, {@code messages * (messages + 1) / 2}.
 */
public final class PingPongWorkload extends AbstractWorkload {

    public PingPongWorkload() {
        super(
                "ping-pong",
                "two tasks exchanging messages through a pair of channels",
                "a hand-off between two async tasks is continuation management, not a thread switch "
                        + "(seeds: continuations, where threads are used)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "messages", "round trips per run", 1, 1_000_000, List.of(100L), List.of(100L, 1000L, 10_000L)));
    }

    /** Base: the number of round trips. */
    private abstract static class Run implements WorkloadRun {
        final int messages;

        Run(Params p) {
            this.messages = p.getInt("messages");
        }

        @Override
        public void close() {}
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                Channel<Long> toPong = Channel.unbounded();
                Channel<Long> toPing = Channel.unbounded();
                Awaitable<Long> pong = Async.run(() -> {
                    for (int i = 0; i < messages; i++) {
                        long v = Async.await(toPong.reader().readAsync());
                        Async.await(toPing.writer().writeAsync(v + 1));
                    }
                    return (long) messages;
                });
                Awaitable<Long> ping = Async.run(() -> {
                    long sum = 0;
                    for (long i = 0; i < messages; i++) {
                        Async.await(toPong.writer().writeAsync(i));
                        sum += Async.await(toPing.reader().readAsync());
                    }
                    return sum;
                });
                pong.join();
                return ping.join();
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                Channel<Long> toPong = Channel.unbounded();
                Channel<Long> toPing = Channel.unbounded();
                Awaitable<Long> pong = PongMachine.start(messages, toPong, toPing);
                Awaitable<Long> ping = PingMachine.start(messages, toPong, toPing);
                pong.join();
                return ping.join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                CfMailbox<Long> toPong = new CfMailbox<>();
                CfMailbox<Long> toPing = new CfMailbox<>();
                CompletableFuture<Long> pong = CfLoop.sum(
                        messages,
                        i -> toPong.read().thenApply(v -> {
                            toPing.write(v + 1);
                            return 1;
                        }));
                CompletableFuture<Long> ping = CfLoop.sum(messages, i -> {
                    toPong.write((long) i);
                    return toPing.read();
                });
                pong.join();
                return ping.join();
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new Run(params) {
            final ExecutorService pool = Executors.newFixedThreadPool(2, Threads.daemon("ping-pong-blocking"));

            @Override
            public long run() throws Exception {
                SynchronousQueue<Long> toPong = new SynchronousQueue<>();
                SynchronousQueue<Long> toPing = new SynchronousQueue<>();
                Future<Long> pong = pool.submit(() -> {
                    for (int i = 0; i < messages; i++) {
                        toPing.put(toPong.take() + 1);
                    }
                    return (long) messages;
                });
                Future<Long> ping = pool.submit(() -> {
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
                Threads.shutdown(pool);
            }
        };
    }
}
