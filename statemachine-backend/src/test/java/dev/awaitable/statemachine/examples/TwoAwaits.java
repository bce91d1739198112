package dev.awaitable.statemachine.examples;

import dev.awaitable.Awaitable;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;

/**
 * Example: a method with two sequential awaits.
 *
 * <pre>{@code
 * // Direct style (loom backend):
 * static Awaitable<String> greet(Awaitable<String> name, Awaitable<Integer> age) {
 *     return Async.run(() -> {
 *         String n = Async.await(name);
 *         int a = Async.await(age);
 *         return n + " is " + a;
 *     });
 * }
 * }</pre>
 *
 * The machine below is what the C# compiler would generate for it: {@code n} lives across the
 * second await, so it is hoisted into a field; {@code a} does not, so it stays a Java local.
 */
public final class TwoAwaits {
    private TwoAwaits() {}

    public static Awaitable<String> greet(Awaitable<String> name, Awaitable<Integer> age) {
        Machine m = new Machine(name, age);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    private static final class Machine implements AsyncStateMachine {
        final AsyncMethodBuilder<String> builder = AsyncMethodBuilder.create();
        final Awaitable<String> name;
        final Awaitable<Integer> age;
        int state;
        String n; // hoisted: lives across the second await

        Machine(Awaitable<String> name, Awaitable<Integer> age) {
            this.name = name;
            this.age = age;
        }

        @Override
        public void moveNext() {
            try {
                switch (state) {
                    case 0 -> {
                        Awaitable<String> aw = name.getAwaiter(); // C#: TaskAwaiter<T>
                        if (!aw.isCompleted()) {
                            state = 1;
                            builder.awaitOnCompleted(aw, this);
                            return;
                        }
                        afterName();
                    }
                    case 1 -> afterName();
                    case 2 -> afterAge();
                    default -> throw new IllegalStateException("state " + state);
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }

        private void afterName() {
            n = name.getAwaiter().getResult();
            Awaitable<Integer> aw = age.getAwaiter(); // C#: TaskAwaiter<T>
            if (!aw.isCompleted()) {
                state = 2;
                builder.awaitOnCompleted(aw, this);
                return;
            }
            afterAge();
        }

        private void afterAge() {
            int a = age.getAwaiter().getResult();
            state = -1;
            builder.setResult(n + " is " + a);
        }
    }
}
