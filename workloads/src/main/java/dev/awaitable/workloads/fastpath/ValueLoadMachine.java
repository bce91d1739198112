package dev.awaitable.workloads.fastpath;

import dev.awaitable.Awaiter;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.statemachine.ValueAsyncMethodBuilder;
import dev.awaitable.workloads.support.RunLoop;

/**
 * The miss path of {@code fast-path} returning {@link ValueAwaitable}, hand-compiled (the same
 * machine as {@link LoadMachine}, built by {@code ValueAsyncMethodBuilder}):
 * <pre>{@code
 * async ValueAwaitable<Long> load(int key) {
 *     long raw = await io.read(Cache.raw(key));   // the loop delivers it
 *     return Cache.finish(raw);
 * }
 * }</pre>
 */
final class ValueLoadMachine implements AsyncStateMachine {
    final ValueAsyncMethodBuilder<Long> builder = ValueAsyncMethodBuilder.create();
    final int key;
    final RunLoop io;
    int state;
    Awaiter<Long> awaiter;

    private ValueLoadMachine(int key, RunLoop io) {
        this.key = key;
        this.io = io;
    }

    static ValueAwaitable<Long> start(int key, RunLoop io) {
        ValueLoadMachine m = new ValueLoadMachine(key, io);
        m.builder.start(m);
        return m.builder.valueAwaitable();
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
