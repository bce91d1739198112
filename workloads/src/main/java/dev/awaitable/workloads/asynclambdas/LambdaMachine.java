package dev.awaitable.workloads.asynclambdas;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.RunLoop;

/**
 * The body of the async lambda {@code async i -> await process(i)}, hand-compiled: what a
 * compiler emits for the lambda is a machine of its own, capturing {@code i}, with its own
 * builder (its own awaitable), which awaits {@link ProcessMachine}'s. So per element it adds a
 * machine, a builder and a suspension to what {@code process} costs.
 * <pre>{@code
 * async Awaitable<Long> lambda(int i) {
 *     return await process(i);     // state 1
 * }
 * }</pre>
 */
final class LambdaMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int element;
    final RunLoop io;
    int state;
    Awaiter<Long> awaiter;

    private LambdaMachine(int element, RunLoop io) {
        this.element = element;
        this.io = io;
    }

    static Awaitable<Long> start(int element, RunLoop io) {
        LambdaMachine m = new LambdaMachine(element, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Long> aw;
            if (state == 0) {
                aw = ProcessMachine.start(element, io).getAwaiter();
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
            builder.setResult(v);
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
