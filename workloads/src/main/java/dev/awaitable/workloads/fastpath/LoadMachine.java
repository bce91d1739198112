package dev.awaitable.workloads.fastpath;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.RunLoop;

/**
 * The miss path of {@code fast-path} returning {@link Awaitable}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> load(int key) {
 *     long raw = await io.read(Cache.raw(key));   // the loop delivers it
 *     return Cache.finish(raw);
 * }
 * }</pre>
 */
final class LoadMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int key;
    final RunLoop io;
    int state;
    Awaiter<Long> awaiter;

    private LoadMachine(int key, RunLoop io) {
        this.key = key;
        this.io = io;
    }

    static Awaitable<Long> start(int key, RunLoop io) {
        LoadMachine m = new LoadMachine(key, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Long> aw;
            if (state == 0) {
                aw = io.read(Cache.raw(key)).getAwaiter();
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
