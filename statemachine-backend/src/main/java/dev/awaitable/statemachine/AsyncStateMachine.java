package dev.awaitable.statemachine;

/**
 * An async method compiled by hand into the shape the C# compiler generates
 * ({@code IAsyncStateMachine}): an {@code int state}, the locals that live across awaits hoisted
 * into fields, and {@link #moveNext()}, which runs from the current state to the next await
 * that suspends (or to the end) and returns.
 *
 * <p>Invariant: at most one thread runs {@code moveNext()} of a machine at a time; its builder
 * guarantees it, and the completion that resumes it provides happens-before between runs, so
 * the hoisted fields need no volatile.
 */
@FunctionalInterface
public interface AsyncStateMachine {

    /** Runs the method from its current state until it suspends or completes. */
    void moveNext();
}
