package dev.awaitable.statemachine.examples;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Example: a {@code whenAll} fan-out (the seeds' "batch instead of serial await").
 *
 * <pre>{@code
 * // Direct style (loom backend):
 * static Awaitable<Integer> total(int n, IntFunction<Awaitable<Integer>> child) {
 *     return Async.run(() -> {
 *         List<Awaitable<Integer>> children = new ArrayList<>();
 *         for (int i = 0; i < n; i++) {
 *             children.add(child.apply(i));          // all started before any await
 *         }
 *         int sum = 0;
 *         for (int v : Async.await(Awaitables.whenAll(children))) {
 *             sum += v;
 *         }
 *         return sum;
 *     });
 * }
 * }</pre>
 *
 * One suspension for the whole batch, however many children: the machine awaits the
 * {@code whenAll} once.
 */
public final class FanOut {
    private FanOut() {}

    public static Awaitable<Integer> total(int n, IntFunction<Awaitable<Integer>> child) {
        Machine m = new Machine(n, child);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    private static final class Machine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final int n;
        final IntFunction<Awaitable<Integer>> child;
        int state;
        Awaitable<List<Integer>> all; // hoisted

        Machine(int n, IntFunction<Awaitable<Integer>> child) {
            this.n = n;
            this.child = child;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    List<Awaitable<Integer>> children = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        children.add(child.apply(i));
                    }
                    all = Awaitables.whenAll(children);
                    Awaitable<List<Integer>> aw = all.getAwaiter(); // C#: TaskAwaiter<T>
                    if (!aw.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                } else if (state != 1) {
                    throw new IllegalStateException("state " + state);
                }
                int sum = 0;
                for (int v : all.getAwaiter().getResult()) {
                    sum += v;
                }
                state = -1;
                all = null;
                builder.setResult(sum);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }
}
