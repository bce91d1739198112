package dev.awaitable.workloads.fastpath;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.CfLoop;
import dev.awaitable.workloads.support.Completer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code fast-path}: a cache-like async method that usually completes synchronously, called
 * {@value #CALLS} times in sequence by one async caller. A hit ({@code hit-ratio} percent of the
 * keys, deterministically: {@link Cache}) returns at once; a miss awaits a value another thread
 * provides, so it really suspends.
 *
 * <p>Measures what an await of an already-completed result costs, and what the return type adds
 * to it: {@code returns=awaitable} hands out {@code Awaitable.completed(v)} on a hit (an object
 * per call), {@code returns=value} a value-backed {@code ValueAwaitable} (an object the JIT can
 * remove when the caller consumes it at once). Seed claims: "awaiting an already-completed task
 * is extremely cheap", "ValueTask helps only when suspension is rare" (optimizations 1 and 5).
 *
 * <p>Shape of every implementation: a non-async front method tests the cache first and only a
 * miss calls the async part (the "check fast cache first, only await when cache miss occurs"
 * strategy; {@code ValueAsyncMethodBuilder}'s Javadoc recommends it because Java machines are
 * objects, not structs). The async part is a hand-written machine on statemachine and an
 * {@code Async.run} body on loom. Peers: {@code awaitable} returns a completed
 * {@code CompletableFuture} on a hit; {@code value} is the peer's cheapest synchronous form, the
 * plain {@code long} without any wrapper. Direct style could also skip the body on a miss (a
 * plain method that awaits), which is cheaper still; the body keeps the API shape the same on
 * both backends.
 *
 * <p>Checksum: the sum of the values of the keys called, {@code sum(7 * (i % 100) + 3)}: the same
 * for every hit ratio, since a hit and a miss yield the same value.
 */
public final class FastPathWorkload extends AbstractWorkload {

    /** Calls per operation. */
    public static final int CALLS = 1000;

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
                        "Awaitable or ValueAwaitable (peers: a completed future, or the bare value)",
                        List.of("awaitable", "value"),
                        List.of("awaitable", "value"),
                        List.of("awaitable", "value")));
    }

    /** Base: the cache, the loader thread that provides missed values, and the parameters. */
    private abstract static class Run implements WorkloadRun {
        final Cache cache;
        final boolean value;
        final Completer loader = new Completer("fast-path-loader");

        Run(Params p) {
            this.cache = new Cache(p.getInt("hit-ratio"));
            this.value = p.get("returns").equals("value");
        }

        @Override
        public void close() {
            loader.close();
        }
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return Async.run(() -> {
                            long sum = 0;
                            for (int i = 0; i < CALLS; i++) {
                                int key = Cache.key(i);
                                sum += value ? Async.await(getValue(key)) : Async.await(get(key));
                            }
                            return sum;
                        })
                        .join();
            }

            Awaitable<Long> get(int key) {
                if (cache.hit(key)) {
                    return Awaitable.completed(cache.cached(key));
                }
                return Async.run(() -> Cache.finish(Async.await(loader.awaitable(Cache.raw(key)))));
            }

            ValueAwaitable<Long> getValue(int key) {
                if (cache.hit(key)) {
                    return ValueAwaitable.of(cache.cached(key));
                }
                return ValueAwaitable.from(
                        Async.run(() -> Cache.finish(Async.await(loader.awaitable(Cache.raw(key))))));
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return CallLoop.start(cache, loader, value, CALLS).join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return (value ? ValueLoop.start(this) : CfLoop.sum(CALLS, i -> get(Cache.key(i)))).join();
            }

            CompletableFuture<Long> get(int key) {
                if (cache.hit(key)) {
                    return CompletableFuture.completedFuture(cache.cached(key));
                }
                return load(loader, key);
            }
        };
    }

    /** A miss, for the CompletableFuture peer: the loaded raw value, finished in a dependent stage. */
    static CompletableFuture<Long> load(Completer loader, int key) {
        return loader.<Long>future(Cache.raw(key)).thenApply(Cache::finish);
    }

    /**
     * The CompletableFuture peer with {@code returns=value}: a hit is read as a bare value, and
     * only a miss makes a future, whose completion continues the loop.
     */
    private static final class ValueLoop {
        final Run run;
        final CompletableFuture<Long> result = new CompletableFuture<>();
        int i;
        long sum;

        private ValueLoop(Run run) {
            this.run = run;
        }

        static CompletableFuture<Long> start(Run run) {
            ValueLoop l = new ValueLoop(run);
            l.loop();
            return l.result;
        }

        void loop() {
            while (i < CALLS) {
                int key = Cache.key(i);
                if (run.cache.hit(key)) {
                    sum += run.cache.cached(key);
                    i++;
                    continue;
                }
                load(run.loader, key).whenComplete((v, e) -> {
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
        return new Run(params) {
            final ExecutorService pool = Executors.newFixedThreadPool(1, Threads.daemon("fast-path-blocking"));

            @Override
            public long run() throws Exception {
                return pool.submit(() -> {
                            long sum = 0;
                            for (int i = 0; i < CALLS; i++) {
                                int key = Cache.key(i);
                                sum += value ? getValue(key) : get(key).get();
                            }
                            return sum;
                        })
                        .get();
            }

            CompletableFuture<Long> get(int key) {
                if (cache.hit(key)) {
                    return CompletableFuture.completedFuture(cache.cached(key));
                }
                return load(loader, key);
            }

            long getValue(int key) throws Exception {
                if (cache.hit(key)) {
                    return cache.cached(key);
                }
                return Cache.finish(loader.<Long>future(Cache.raw(key)).get());
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
                super.close();
            }
        };
    }
}
