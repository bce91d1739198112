package dev.awaitable.workloads.fastpath;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.RunLoop;

/**
 * The statemachine implementation of {@code fast-path}: the cache's front methods and the
 * caller's loop, hand-compiled.
 * <pre>{@code
 * Awaitable<Long> get(int key) {                   // not async: the fast path first
 *     if (cache.hit(key)) return Awaitable.completed(cache.cached(key));
 *     return load(key);                            // LoadMachine
 * }
 * async Awaitable<Long> calls() {
 *     long sum = 0;
 *     for (int i = 0; i < CALLS; i++) sum += await get(Cache.key(i));
 *     return sum;
 * }
 * }</pre>
 * With {@code returns=value}, {@code get} returns {@code ValueAwaitable.of(...)} on a hit and a
 * {@link ValueLoadMachine} on a miss. The hoisted {@code i}, {@code sum} and {@code awaiter} are
 * the only state the loop carries across a miss; a hit never leaves {@code moveNext}.
 */
final class CallLoop implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final Cache cache;
    final RunLoop io;
    final boolean value;
    final int calls;
    int state;
    int i;
    long sum;
    Awaiter<Long> awaiter;

    private CallLoop(Cache cache, RunLoop io, boolean value, int calls) {
        this.cache = cache;
        this.io = io;
        this.value = value;
        this.calls = calls;
    }

    static Awaitable<Long> start(Cache cache, RunLoop io, boolean value, int calls) {
        CallLoop m = new CallLoop(cache, io, value, calls);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    /** The front method returning {@code Awaitable}: a hit allocates the completed awaitable. */
    static Awaitable<Long> get(Cache cache, RunLoop io, int key) {
        if (cache.hit(key)) {
            return Awaitable.completed(cache.cached(key));
        }
        return LoadMachine.start(key, io);
    }

    /** The front method returning {@code ValueAwaitable}: a hit is value-backed. */
    static ValueAwaitable<Long> getValue(Cache cache, RunLoop io, int key) {
        if (cache.hit(key)) {
            return ValueAwaitable.of(cache.cached(key));
        }
        return ValueLoadMachine.start(key, io);
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                Awaiter<Long> aw;
                if (state == 1) {
                    aw = awaiter;
                    awaiter = null;
                    state = 0;
                } else if (state == 0) {
                    if (i == calls) {
                        state = -1;
                        builder.setResult(sum);
                        return;
                    }
                    int key = Cache.key(i);
                    aw = value
                            ? getValue(cache, io, key).getAwaiter()
                            : get(cache, io, key).getAwaiter();
                    if (!aw.isCompleted()) {
                        state = 1;
                        awaiter = aw;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                } else {
                    throw new IllegalStateException("state " + state);
                }
                sum += aw.getResult();
                i++;
            }
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
