package dev.awaitable.statemachine;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;

/**
 * The awaiter of a woven {@code Async.await(awaitable, token)} that had to suspend: it completes
 * when {@code waitOn} does (the awaited's dependency, or the token's cancellation, whichever is
 * first); then it yields the awaited's result, or throws the token's
 * {@link dev.awaitable.OperationCanceledException} if the cancellation came first.
 */
final class CancellableAwaiter<T> implements Awaiter<T> {

    private final Awaiter<T> awaited;
    private final Awaitable<?> waitOn;

    CancellableAwaiter(Awaiter<T> awaited, Awaitable<?> waitOn) {
        this.awaited = awaited;
        this.waitOn = waitOn;
    }

    @Override
    public boolean isCompleted() {
        return waitOn.isCompleted();
    }

    @Override
    public void onCompleted(Runnable continuation) {
        waitOn.onCompleted(continuation);
    }

    @Override
    public void unsafeOnCompleted(Runnable continuation) {
        waitOn.unsafeOnCompleted(continuation);
    }

    @Override
    public Awaitable<?> dependency() {
        return waitOn;
    }

    @Override
    public boolean continueOnCapturedContext() {
        return awaited.continueOnCapturedContext();
    }

    @Override
    public T getResult() {
        if (waitOn.isCancelled()) {
            waitOn.getResult(); // throws the token's OperationCanceledException
        }
        return awaited.getResult();
    }

    @Override
    public String toString() {
        return "cancellable " + awaited;
    }
}
