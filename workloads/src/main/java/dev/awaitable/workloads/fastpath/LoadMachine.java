package dev.awaitable.workloads.fastpath;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.Completer;

/**
 * The miss path of {@code fast-path} returning {@link Awaitable}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> load(int key) {
 *     long raw = await loader.get(key);   // another thread provides it
 *     return Cache.finish(raw);
 * }
 * }</pre>
 */
final class LoadMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int key;
    final Completer loader;
    int state;
    Awaiter<Long> awaiter;

    private LoadMachine(int key, Completer loader) {
        this.key = key;
        this.loader = loader;
    }

    static Awaitable<Long> start(int key, Completer loader) {
        LoadMachine m = new LoadMachine(key, loader);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Long> aw;
            if (state == 0) {
                aw = loader.awaitable(Cache.raw(key)).getAwaiter();
                if (!aw.isCompleted()) {
                    state = 1;
                    awaiter = aw;
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
            } else if (state == 1) {
                aw = awaiter;
                awaiter = null;
            } else {
                throw new IllegalStateException("state " + state);
            }
            long raw = aw.getResult();
            state = -1;
            builder.setResult(Cache.finish(raw));
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
