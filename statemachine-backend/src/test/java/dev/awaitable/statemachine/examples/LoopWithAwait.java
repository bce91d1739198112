package dev.awaitable.statemachine.examples;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Example: a loop with an await inside.
 *
 * <pre>{@code
 * // Direct style (loom backend):
 * static Awaitable<Long> sum(int count, IntFunction<Awaitable<Integer>> fetch) {
 *     return Async.run(() -> {
 *         long total = 0;
 *         for (int i = 0; i < count; i++) {
 *             total += Async.await(fetch.apply(i));
 *         }
 *         return total;
 *     });
 * }
 * }</pre>
 *
 * The loop counter and the running total are hoisted; state 1 is "inside the loop, after the
 * await". Iterations whose fetch is already complete loop without suspending.
 */
public final class LoopWithAwait {
    private LoopWithAwait() {}

    public static Awaitable<Long> sum(int count, IntFunction<Awaitable<Integer>> fetch) {
        Machine m = new Machine(count, fetch);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    /** Convenience for tests: sums a fixed list. */
    public static Awaitable<Long> sum(List<Awaitable<Integer>> values) {
        return sum(values.size(), values::get);
    }

    private static final class Machine implements AsyncStateMachine {
        final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
        final int count;
        final IntFunction<Awaitable<Integer>> fetch;
        int state;
        int i; // hoisted
        long total; // hoisted
        Awaiter<Integer> awaiter; // hoisted: the pending await

        Machine(int count, IntFunction<Awaitable<Integer>> fetch) {
            this.count = count;
            this.fetch = fetch;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 1) {
                    total += awaiter.getResult();
                    awaiter = null;
                    i++;
                } else if (state != 0) {
                    throw new IllegalStateException("state " + state);
                }
                for (; i < count; i++) {
                    Awaiter<Integer> aw = fetch.apply(i).getAwaiter();
                    if (!aw.isCompleted()) {
                        awaiter = aw;
                        state = 1;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                    total += aw.getResult();
                }
                state = -1;
                builder.setResult(total);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }
}
