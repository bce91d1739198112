package dev.awaitable.workloads.asynclambdas;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.RunLoop;

/**
 * The per-element async method of {@code async-lambdas}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> process(int i) {
 *     long v = await io.read(i);   // state 1
 *     return 2 * v + 1;
 * }
 * }</pre>
 */
final class ProcessMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int element;
    final RunLoop io;
    int state;
    Awaiter<Long> awaiter;

    private ProcessMachine(int element, RunLoop io) {
        this.element = element;
        this.io = io;
    }

    static Awaitable<Long> start(int element, RunLoop io) {
        ProcessMachine m = new ProcessMachine(element, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Long> aw;
            if (state == 0) {
                aw = io.read((long) element).getAwaiter();
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
            long v = aw.getResult();
            state = -1;
            builder.setResult(AsyncLambdasWorkload.process(v));
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
