package dev.awaitable.statemachine;

import dev.awaitable.Awaitable;

/**
 * A state machine that is its own method builder: one object per call, holding the state, the
 * hoisted locals, the result and the continuation that resumes it. The C# shape keeps the
 * builder as a field of a struct machine, which costs nothing in .NET; in Java the machine and
 * its {@link AsyncMethodBuilder} are two objects. Extending this class merges them, the way
 * Kotlin's continuation is its state machine: a call that suspends allocates one object.
 *
 * <pre>{@code
 * // async Task<int> Next(Task<int> prev) => await prev + 1;
 * final class Next extends AsyncMethod<Integer> {
 *     private final Awaitable<Integer> prev;
 *     private int state;
 *
 *     Next(Awaitable<Integer> prev) { this.prev = prev; }
 *
 *     public void moveNext() {
 *         try {
 *             Awaitable<Integer> aw = prev.getAwaiter(); // C#: TaskAwaiter<int>
 *             if (state == 0 && !aw.isCompleted()) {
 *                 state = 1;
 *                 awaitOnCompleted(aw, this);
 *                 return;
 *             }
 *             setResult(aw.getResult() + 1);
 *         } catch (Throwable t) {
 *             setException(t);
 *         }
 *     }
 * }
 * Awaitable<Integer> r = new Next(prev).start();
 * }</pre>
 *
 * <p>Same protocol and guarantees as {@link AsyncMethodBuilder}: {@link #start()} runs to the
 * first suspension on the calling thread; {@code awaitOnCompleted} captures the context unless
 * the awaiter was configured not to; exceptions escaping {@code moveNext()} fault the method.
 *
 * @param <T> the method's result type
 */
public abstract class AsyncMethod<T> extends StateMachineBox<T> implements AsyncStateMachine {

    protected AsyncMethod() {}

    /** Runs this method until its first suspension or its end; returns its awaitable (this). */
    public final Awaitable<T> start() {
        startMachine(this);
        return this;
    }
}
