package dev.awaitable;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * {@link Awaitables#run}: runs a callable on the backend scheduler (.NET's {@code Task.Run}).
 * A token cancelled before the work starts cancels it without running; a
 * {@link CancellationException} thrown by the work cancels it too.
 */
final class RunAwaitable<T> extends Awaitable<T> implements Runnable {
    private final Callable<T> work;
    private final CancellationToken token;

    RunAwaitable(Callable<T> work, CancellationToken token) {
        this.work = work;
        this.token = token;
    }

    @Override
    public void run() {
        if (token.isCancellationRequested()) {
            trySetCancelled(new OperationCanceledException(token));
            return;
        }
        try {
            trySetResult(work.call());
        } catch (CancellationException e) {
            trySetCancelled(e);
        } catch (Throwable t) {
            trySetException(t);
        }
    }

    @Override
    protected String describe() {
        return "run(" + work.getClass().getName() + ")@" + Integer.toHexString(System.identityHashCode(this));
    }
}
