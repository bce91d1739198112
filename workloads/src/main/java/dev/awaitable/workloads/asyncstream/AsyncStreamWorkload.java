package dev.awaitable.workloads.asyncstream;

import dev.awaitable.Async;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.CfLoop;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code async-stream}: a producer hands {@code items} values to a consumer through an
 * {@link AsyncStream} made with {@code AsyncStream.generate} (no buffer: each hand-off waits for
 * the consumer's next {@code moveNext}). {@code style=per-item} emits each value on its own;
 * {@code style=batched} emits lists of {@code batch} values, so there are {@code batch} times
 * fewer hand-offs, and fewer suspensions.
 *
 * <p>Seed claim (refactor pattern 5): "per-item async in streams can create a suspension for
 * every item; buffer items, process in batches, await once per batch". Statemachine: a
 * {@link ProducerMachine} and a {@link ConsumerMachine}; loom: a producer body and a consumer
 * body, so every hand-off wakes the other virtual thread. Peers: {@link CfHandOff}, the same
 * unbuffered hand-off over futures; two platform threads over a {@link SynchronousQueue}.
 *
 * <p>Checksum: the sum of the values, {@code items * (items - 1) / 2}. In both styles the values
 * travel boxed (a {@code Long} each), so the styles differ in hand-offs, not in boxing.
 */
public final class AsyncStreamWorkload extends AbstractWorkload {

    /** What the blocking producer puts last. */
    private static final Object END = new Object();

    public AsyncStreamWorkload() {
        super(
                "async-stream",
                "a producer hands values to a consumer through an AsyncStream, one by one or in batches",
                "per-item awaits in a stream suspend per item; batching awaits once per batch (seeds: refactor pattern 5)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "items", "values produced per run", 1, 1_000_000, List.of(1000L), List.of(1000L, 100_000L)),
                ParamSpec.choice(
                        "style",
                        "emit each value, or lists of batch values",
                        List.of("per-item", "batched"),
                        List.of("per-item", "batched"),
                        List.of("per-item", "batched")),
                ParamSpec.ints("batch", "values per list with style=batched", 1, 10_000, List.of(100L), List.of(100L)));
    }

    /** Base: what the producer emits. */
    private abstract static class Run implements WorkloadRun {
        final Items items;

        Run(Params p) {
            this.items = new Items(
                    p.getInt("items"), p.getInt("batch"), p.get("style").equals("batched"));
        }

        @Override
        public void close() {}
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                AsyncStream<Object> stream = AsyncStream.generate((out, token) -> Async.run(() -> {
                    for (int step = 0; step < items.steps(); step++) {
                        Async.await(out.emit(items.item(step)));
                    }
                }));
                return Async.run(() -> {
                            long sum = 0;
                            AsyncIterator<Object> it = stream.iterator();
                            try {
                                while (Async.await(it.moveNext())) {
                                    sum += Items.total(it.current());
                                }
                            } finally {
                                Async.await(it.closeAsync());
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
                AsyncStream<Object> stream = AsyncStream.generate((out, token) -> ProducerMachine.start(items, out));
                return ConsumerMachine.start(stream).join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                CfHandOff<Object> stream =
                        new CfHandOff<>(s -> CfLoop.sum(items.steps(), step -> s.emit(items.item(step))));
                return stream.sum(Items::total).join();
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new Run(params) {
            final ExecutorService pool = Executors.newFixedThreadPool(2, Threads.daemon("async-stream-blocking"));

            @Override
            public long run() throws Exception {
                SynchronousQueue<Object> queue = new SynchronousQueue<>();
                Future<?> producer = pool.submit(() -> {
                    for (int step = 0; step < items.steps(); step++) {
                        queue.put(items.item(step));
                    }
                    queue.put(END);
                    return null;
                });
                Future<Long> consumer = pool.submit(() -> {
                    long sum = 0;
                    for (Object item = queue.take(); item != END; item = queue.take()) {
                        sum += Items.total(item);
                    }
                    return sum;
                });
                producer.get();
                return consumer.get();
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
            }
        };
    }
}
