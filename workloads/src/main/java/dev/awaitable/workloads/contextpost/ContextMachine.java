package dev.awaitable.workloads.contextpost;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.RunLoop;

/**
 * The statemachine implementation of {@code context-post}, hand-compiled; started on the
 * {@link UiContext}:
 * <pre>{@code
 * async Awaitable<Long> awaits(int n, boolean capture) {
 *     long sum = 0;
 *     for (long i = 0; i < n; i++) {
 *         sum += capture ? await io.read(i)                         // resumes on the UI context
 *                        : await io.read(i).configureAwait(false);  // resumes where io completed it
 *     }
 *     return sum;
 * }
 * }</pre>
 * The builder captures the current context at each suspension unless the awaiter says not to:
 * with capture, each resumption is a post to the UI context; without, the machine runs inline in
 * the loop's completion of the read from its first resumption on, where the UI context is not
 * current and nothing is captured.
 */
final class ContextMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int awaits;
    final boolean capture;
    final RunLoop io;
    int state;
    long i;
    long sum;
    Awaiter<Long> awaiter;

    private ContextMachine(int awaits, boolean capture, RunLoop io) {
        this.awaits = awaits;
        this.capture = capture;
        this.io = io;
    }

    static Awaitable<Long> start(int awaits, boolean capture, RunLoop io) {
        ContextMachine m = new ContextMachine(awaits, capture, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                if (state == 1) {
                    Awaiter<Long> aw = awaiter;
                    awaiter = null;
                    sum += aw.getResult();
                    i++;
                    state = 0;
                } else if (state != 0) {
                    throw new IllegalStateException("state " + state);
                }
                if (i == awaits) {
                    state = -1;
                    builder.setResult(sum);
                    return;
                }
                Awaitable<Long> value = io.read(i);
                Awaiter<Long> aw = capture
                        ? value.getAwaiter()
                        : value.configureAwait(false).getAwaiter();
                state = 1;
                awaiter = aw;
                if (!aw.isCompleted()) {
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
            }
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
