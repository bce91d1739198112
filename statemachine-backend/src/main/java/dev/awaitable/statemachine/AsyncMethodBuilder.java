package dev.awaitable.statemachine;

import dev.awaitable.Awaitable;

/**
 * Builds the {@link Awaitable} of a hand-written async method (.NET's
 * {@code AsyncTaskMethodBuilder<T>}). The builder is the returned awaitable and the
 * continuation that resumes the machine, so an async method allocates exactly two objects:
 * its machine and this builder, however many times it suspends.
 *
 * <p>The protocol, as the C# compiler emits it:
 * <pre>{@code
 * static Awaitable<Integer> sumAsync(Awaitable<Integer> a, Awaitable<Integer> b) {
 *     SumMachine m = new SumMachine(a, b);       // locals hoisted into fields
 *     m.builder.start(m);                        // runs to the first suspension
 *     return m.builder.awaitable();
 * }
 *
 * final class SumMachine implements AsyncStateMachine {
 *     final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
 *     int state;
 *     Awaitable<Integer> a, b;
 *     int x;
 *
 *     public void moveNext() {
 *         try {
 *             Awaitable<Integer> aw; // C#: TaskAwaiter<int>
 *             switch (state) {
 *                 case 0:
 *                     aw = a.getAwaiter();
 *                     if (!aw.isCompleted()) { state = 1; builder.awaitOnCompleted(aw, this); return; }
 *                 case 1:
 *                     x = a.getAwaiter().getResult();
 *                     aw = b.getAwaiter();
 *                     if (!aw.isCompleted()) { state = 2; builder.awaitOnCompleted(aw, this); return; }
 *                 case 2:
 *                     int y = b.getAwaiter().getResult();
 *                     state = -1;
 *                     builder.setResult(x + y);
 *                     return;
 *                 default:
 *                     throw new IllegalStateException("state " + state);
 *             }
 *         } catch (Throwable t) {
 *             state = -1;
 *             builder.setException(t);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #awaitOnCompleted} captures the current {@link dev.awaitable.AsyncContext} unless
 * the awaiter was configured not to, and resumes the machine there. Exceptions escaping
 * {@code moveNext()} fault the awaitable; nothing escapes to the caller's thread. A
 * {@link java.util.concurrent.CancellationException} cancels it instead.
 *
 * @param <T> the method's result type
 */
public final class AsyncMethodBuilder<T> extends StateMachineBox.BuilderBox<T> {

    private AsyncMethodBuilder() {}

    /** A builder for one call of an async method. */
    public static <T> AsyncMethodBuilder<T> create() {
        return new AsyncMethodBuilder<>();
    }

    /** Runs {@code machine} until its first suspension or its end, on the calling thread. */
    public void start(AsyncStateMachine machine) {
        startMachine(machine);
    }

    /** The method's awaitable: this builder. */
    public Awaitable<T> awaitable() {
        return this;
    }
}
