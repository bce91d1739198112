package dev.awaitable.workloads.asynclambdas;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The caller of {@code async-lambdas}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> all(int elements, IntFunction<Awaitable<Long>> select) {
 *     Awaitable<Long>[] started = ...select(i) for each element...;
 *     long sum = 0;
 *     for (long v : await Awaitables.whenAll(started)) sum += v;   // state 1
 *     return sum;
 * }
 * }</pre>
 * {@code select} is made once per call, as C# makes the delegate once per {@code Select}: the
 * method reference {@code i -> ProcessMachine.start(i, io)} or the async lambda
 * {@code i -> LambdaMachine.start(i, io)}.
 */
final class SelectMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int elements;
    final IntFunction<Awaitable<Long>> select;
    int state;
    Awaiter<List<Long>> awaiter;

    private SelectMachine(int elements, IntFunction<Awaitable<Long>> select) {
        this.elements = elements;
        this.select = select;
    }

    static Awaitable<Long> start(int elements, IntFunction<Awaitable<Long>> select) {
        SelectMachine m = new SelectMachine(elements, select);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<List<Long>> aw;
            if (state == 0) {
                @SuppressWarnings("unchecked")
                Awaitable<Long>[] started = (Awaitable<Long>[]) new Awaitable<?>[elements];
                for (int i = 0; i < elements; i++) {
                    started[i] = select.apply(i);
                }
                aw = Awaitables.whenAll(started).getAwaiter();
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
            long sum = 0;
            for (long v : aw.getResult()) {
                sum += v;
            }
            state = -1;
            builder.setResult(sum);
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
