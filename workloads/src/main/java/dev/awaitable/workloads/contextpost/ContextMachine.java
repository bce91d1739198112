package dev.awaitable.workloads.contextpost;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.Completer;

/**
 * The statemachine implementation of {@code context-post}, hand-compiled; started on the event
 * loop:
 * <pre>{@code
 * async Awaitable<Long> awaits(int n, boolean capture) {
 *     long sum = 0;
 *     for (long i = 0; i < n; i++) {
 *         sum += capture ? await io.get(i)                          // resumes on the loop
 *                        : await io.get(i).configureAwait(false);   // resumes where io completed it
 *     }
 *     return sum;
 * }
 * }</pre>
 * The builder captures the current context at each suspension unless the awaiter says not to:
 * with capture, each resumption is a post to the loop; without, the machine runs on the io
 * thread from its first resumption, where there is no context left to capture.
 */
final class ContextMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int awaits;
    final boolean capture;
    final Completer io;
    int state;
    long i;
    long sum;
    Awaiter<Long> awaiter;

    private ContextMachine(int awaits, boolean capture, Completer io) {
        this.awaits = awaits;
        this.capture = capture;
        this.io = io;
    }

    static Awaitable<Long> start(int awaits, boolean capture, Completer io) {
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
                Awaitable<Long> value = io.awaitable(i);
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
