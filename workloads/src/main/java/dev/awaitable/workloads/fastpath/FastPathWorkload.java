package dev.awaitable.workloads.fastpath;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.workloads.AbstractWorkload;
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
 * {@code fast-path}: a cache-like async method that usually completes synchronously. One
 * operation is {@value #CALLS} calls of it in sequence by one caller, on the run's event loop
 * ({@link dev.awaitable.workloads.Delivery#SAME_THREAD}). A hit ({@code hit-ratio} percent of
 * the keys, deterministically: {@link Cache}) returns at once; a miss awaits a read the loop
 * delivers later, so it really suspends.
 *
 * <p>Seed claims: "awaiting an already-completed task is extremely cheap", "ValueTask helps only
 * when suspension is rare" (optimizations 1 and 5). {@code returns=awaitable} hands out
 * {@code Awaitable.completed(v)} on a hit (an object per call), {@code returns=value} a
 * value-backed {@code ValueAwaitable} (an object the JIT can remove when the caller consumes it
 * at once).
 *
 * <p>Each implementation tests the cache in a plain front method and calls async code only on a
 * miss (the "check fast cache first, only await when cache miss occurs" strategy;
 * {@code ValueAsyncMethodBuilder}'s Javadoc recommends it because Java machines are objects, not
 * structs):
 *
 * <ul>
 *   <li>statemachine: the caller's loop is one machine ({@link CallLoop}); a miss is a
 *       {@link LoadMachine} ({@code awaitable}) or a {@link ValueLoadMachine} ({@code value});
 *   <li>loom: an {@code Async.run} body for the caller and one for each miss, on the loop.
 *       Direct style could await the read in a plain method instead of a body, cheaper still;
 *       the body keeps the API shape the same on both backends;
 *   <li>virtual threads: a plain method returning the cached {@code long} or doing a blocking
 *       read, called in a loop on one virtual thread. A blocking method has no wrapper to
 *       return, so {@code returns} changes nothing here;
 *   <li>CompletableFuture: {@code awaitable} returns a completed future on a hit and the
 *       caller's loop is a {@link CfLoop}; {@code value} takes a hit as the bare {@code long}
 *       and makes a future only for a miss ({@link ValueLoop}). A miss is a read future with a
 *       {@code thenApply} stage;
 *   <li>blocking: the virtual threads' code on a platform thread, each miss woken by the I/O
 *       thread.
 * </ul>
 *
 * <p>Checksum: the sum of the values of the keys called, {@code sum(7 * (i % 100) + 3)}: the same
 * for every hit ratio, since a hit and a miss yield the same value.
 */
public final class FastPathWorkload extends AbstractWorkload {

    /**
     * Calls per operation. Large enough that the one hand-off per operation into the plain
     * virtual threads' executor and back (two OS wake-ups, 20-35 us on a 2-core VM) is about 1%
     * of that peer's operation: at 1,000 calls it was a third of it.
     */
    public static final int CALLS = 50_000;

    public FastPathWorkload() {
        super(
                "fast-path",
                "a cache-like async method that usually completes synchronously, " + CALLS + " calls in sequence",
                "awaiting a completed result is cheap; ValueAwaitable pays off only when suspension is rare "
                        + "(seeds: fast path, optimizations 1 and 5)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "hit-ratio",
                        "percent of calls answered from the cache without suspending",
                        0,
                        100,
                        List.of(90L),
                        List.of(0L, 50L, 90L, 100L)),
                ParamSpec.choice(
                        "returns",
                        "Awaitable or ValueAwaitable (CompletableFuture: a completed future, or the bare value;"
                                + " the blocking peers return the bare value either way)",
                        List.of("awaitable", "value"),
                        List.of("value"),
                        List.of("awaitable", "value")));
    }

    private static Cache cache(Params params) {
        return new Cache(params.getInt("hit-ratio"));
    }

    private static boolean returnsValue(Params params) {
        return params.get("returns").equals("value");
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        Cache cache = cache(params);
        boolean value = returnsValue(params);
        RunLoop loop = new RunLoop("fast-path");
        return () -> loop.drive(() -> Async.run(() -> {
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                int key = Cache.key(i);
                sum += value ? Async.await(getValue(cache, loop, key)) : Async.await(get(cache, loop, key));
            }
            return sum;
        }));
    }

    /** The loom front method returning {@code Awaitable}. */
    private static Awaitable<Long> get(Cache cache, RunLoop io, int key) {
        if (cache.hit(key)) {
            return Awaitable.completed(cache.cached(key));
        }
        return Async.run(() -> Cache.finish(Async.await(io.read(Cache.raw(key)))));
    }

    /** The loom front method returning {@code ValueAwaitable}. */
    private static ValueAwaitable<Long> getValue(Cache cache, RunLoop io, int key) {
        if (cache.hit(key)) {
            return ValueAwaitable.of(cache.cached(key));
        }
        return ValueAwaitable.from(Async.run(() -> Cache.finish(Async.await(io.read(Cache.raw(key))))));
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        Cache cache = cache(params);
        boolean value = returnsValue(params);
        RunLoop loop = new RunLoop("fast-path");
        return () -> loop.drive(() -> CallLoop.start(cache, loop, value, CALLS));
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        return new BlockingRun(
                cache(params), Executors.newVirtualThreadPerTaskExecutor(), BlockingLoop.virtual("fast-path-io"));
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        Cache cache = cache(params);
        boolean value = returnsValue(params);
        RunLoop loop = new RunLoop("fast-path");
        return () -> loop.driveFuture(() ->
                value ? ValueLoop.start(cache, loop) : CfLoop.sum(CALLS, i -> getFuture(cache, loop, Cache.key(i))));
    }

    /** The CompletableFuture front method with {@code returns=awaitable}: a completed future on a hit. */
    private static CompletableFuture<Long> getFuture(Cache cache, RunLoop io, int key) {
        if (cache.hit(key)) {
            return CompletableFuture.completedFuture(cache.cached(key));
        }
        return loadFuture(io, key);
    }

    /** The CompletableFuture miss path: the read, finished in a dependent stage. */
    private static CompletableFuture<Long> loadFuture(RunLoop io, int key) {
        return io.<Long>readFuture(Cache.raw(key)).thenApply(Cache::finish);
    }

    /**
     * The CompletableFuture caller with {@code returns=value}: a hit is read as a bare value, and
     * only a miss makes a future, whose completion continues the loop.
     */
    private static final class ValueLoop {
        final Cache cache;
        final RunLoop io;
        final CompletableFuture<Long> result = new CompletableFuture<>();
        int i;
        long sum;

        private ValueLoop(Cache cache, RunLoop io) {
            this.cache = cache;
            this.io = io;
        }

        static CompletableFuture<Long> start(Cache cache, RunLoop io) {
            ValueLoop l = new ValueLoop(cache, io);
            l.loop();
            return l.result;
        }

        void loop() {
            while (i < CALLS) {
                int key = Cache.key(i);
                if (cache.hit(key)) {
                    sum += cache.cached(key);
                    i++;
                    continue;
                }
                loadFuture(io, key).whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                        return;
                    }
                    sum += v;
                    i++;
                    loop();
                });
                return;
            }
            result.complete(sum);
        }
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new BlockingRun(
                cache(params),
                Executors.newSingleThreadExecutor(Threads.daemon("fast-path-blocking")),
                BlockingLoop.platform("fast-path-io"));
    }

    /** The blocking peers: the calls in a loop on one thread of {@code threads}, a miss a blocking read of {@code io}. */
    private record BlockingRun(Cache cache, ExecutorService threads, BlockingLoop io) implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return threads.submit(() -> {
                        long sum = 0;
                        for (int i = 0; i < CALLS; i++) {
                            sum += get(Cache.key(i));
                        }
                        return sum;
                    })
                    .get();
        }

        /** The front method: the cached value, or the blocking miss path. */
        private long get(int key) {
            if (cache.hit(key)) {
                return cache.cached(key);
            }
            return Cache.finish(io.read(Cache.raw(key)));
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
            io.close();
        }
    }
}
