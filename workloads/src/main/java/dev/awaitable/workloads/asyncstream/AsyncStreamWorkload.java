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
import dev.awaitable.workloads.support.RunLoop;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code async-stream}: a producer hands {@code items} values to a consumer through an
 * unbuffered stream, each hand-off waiting for the consumer to ask for the next one. One
 * operation is the whole stream: {@code items} values (1000 in the quick matrix), handed over one
 * by one ({@code style=per-item}, a hand-off and a suspension per value) or in lists of
 * {@code batch} ({@code style=batched}, {@code batch} times fewer). Same-thread: producer and
 * consumer run on the run's {@link RunLoop} (the blocking peers on their threads).
 *
 * <p>Statemachine: a {@link ProducerMachine} emitting into an {@code AsyncStream.generate} stream
 * and a {@link ConsumerMachine} iterating it; each emit completes the consumer's
 * {@code moveNext} and the producer's continuation runs inline on the consumer's next
 * {@code moveNext}. Loom: the same producer and consumer as {@code Async.run} bodies, both bound
 * to the loop, so each hand-off unparks the other body and the loop carries it. Virtual
 * threads: a producer and a consumer virtual thread over a {@link SynchronousQueue} (an
 * unbuffered hand-off, as the generator's), sharing the scheduler's one carrier. CompletableFuture:
 * {@link CfHandOff}, the same unbuffered hand-off over futures, with {@link CfLoop} as the
 * producer. Blocking: the virtual threads' code on two platform threads: every hand-off is an
 * OS wake-up.
 *
 * <p>Seed claim (refactor pattern 5): "per-item async in streams can create a suspension for
 * every item; buffer items, process in batches, await once per batch".
 *
 * <p>Checksum: the sum of the values, {@code items * (items - 1) / 2}. In both styles the values
 * travel boxed (a {@code Long} each), so the styles differ in hand-offs, not in boxing.
 */
public final class AsyncStreamWorkload extends AbstractWorkload {

    /** What the blocking producers put last. */
    private static final Object END = new Object();

    public AsyncStreamWorkload() {
        super(
                "async-stream",
                "a producer hands values to a consumer through an AsyncStream, one by one or in batches",
                "per-item awaits in a stream suspend per item; batching awaits once per batch (seeds: refactor pattern 5)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "items",
                        "values produced per operation",
                        1,
                        1_000_000,
                        List.of(10_000L),
                        List.of(1000L, 10_000L)),
                ParamSpec.choice(
                        "style",
                        "emit each value, or lists of batch values",
                        List.of("per-item", "batched"),
                        List.of("per-item"),
                        List.of("per-item", "batched")),
                ParamSpec.ints("batch", "values per list with style=batched", 1, 10_000, List.of(100L), List.of(100L)));
    }

    private static Items items(Params p) {
        return new Items(p.getInt("items"), p.getInt("batch"), p.get("style").equals("batched"));
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        Items items = items(params);
        AsyncStream<Object> stream = AsyncStream.generate((out, token) -> Async.run(() -> {
            for (int step = 0; step < items.steps(); step++) {
                Async.await(out.emit(items.item(step)));
            }
        }));
        RunLoop loop = new RunLoop("async-stream");
        return () -> loop.drive(() -> Async.run(() -> {
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
        }));
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        Items items = items(params);
        AsyncStream<Object> stream = AsyncStream.generate((out, token) -> ProducerMachine.start(items, out));
        RunLoop loop = new RunLoop("async-stream");
        return () -> loop.drive(() -> ConsumerMachine.start(stream));
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        return new BlockingRun(items(params), Executors.newVirtualThreadPerTaskExecutor());
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        Items items = items(params);
        RunLoop loop = new RunLoop("async-stream");
        return () -> loop.driveFuture(() -> new CfHandOff<Object>(
                        s -> CfLoop.sum(items.steps(), step -> s.emit(items.item(step))))
                .sum(Items::total));
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new BlockingRun(items(params), Executors.newFixedThreadPool(2, Threads.daemon("async-stream-blocking")));
    }

    /** The blocking peers: a producer and a consumer on two threads of {@code threads}, over a rendezvous queue. */
    private record BlockingRun(Items items, ExecutorService threads) implements WorkloadRun {
        @Override
        public long run() throws Exception {
            SynchronousQueue<Object> queue = new SynchronousQueue<>();
            Future<?> producer = threads.submit(() -> {
                for (int step = 0; step < items.steps(); step++) {
                    queue.put(items.item(step));
                }
                queue.put(END);
                return null;
            });
            Future<Long> consumer = threads.submit(() -> {
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
            Threads.shutdown(threads);
        }
    }
}
