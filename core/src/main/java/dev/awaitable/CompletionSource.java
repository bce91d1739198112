package dev.awaitable;

import java.util.concurrent.CancellationException;

/**
 * Completes an {@link Awaitable} from outside: an I/O callback, a timer, a test
 * (.NET's {@code TaskCompletionSource<T>}). Hand out {@link #awaitable()}; keep the source.
 *
 * <p>The {@code set*} methods reject a second completion with {@link IllegalStateException};
 * the {@code trySet*} variants report it by returning false. Continuations registered after
 * completion run at once (the fast path). By default continuations run inline on the
 * completing thread; create the source with {@code runContinuationsAsynchronously} so that
 * completing never runs the awaiters' code on your thread.
 *
 * @param <T> the result type
 */
public final class CompletionSource<T> {

    private final Awaitable<T> awaitable;

    /** A source whose continuations run inline on the completing thread. */
    public CompletionSource() {
        this(false);
    }

    /**
     * @param runContinuationsAsynchronously hand continuations to the backend scheduler instead
     *        of running them inline when this source completes
     */
    public CompletionSource(boolean runContinuationsAsynchronously) {
        this.awaitable = Awaitable.pending(runContinuationsAsynchronously);
    }

    /** The awaitable this source completes. */
    public Awaitable<T> awaitable() {
        return awaitable;
    }

    public boolean trySetResult(T value) {
        return awaitable.trySetResult(value);
    }

    public boolean trySetException(Throwable exception) {
        return awaitable.trySetException(exception);
    }

    public boolean trySetCancelled() {
        return awaitable.trySetCancelled(new OperationCanceledException(CancellationToken.NONE));
    }

    public boolean trySetCancelled(CancellationToken token) {
        return awaitable.trySetCancelled(new OperationCanceledException(token));
    }

    /** Cancels with a specific exception (what awaits rethrow). */
    public boolean trySetCancelled(CancellationException exception) {
        return awaitable.trySetCancelled(exception);
    }

    public void setResult(T value) {
        if (!trySetResult(value)) {
            throw alreadyCompleted();
        }
    }

    public void setException(Throwable exception) {
        if (!trySetException(exception)) {
            throw alreadyCompleted();
        }
    }

    public void setCancelled() {
        if (!trySetCancelled()) {
            throw alreadyCompleted();
        }
    }

    public void setCancelled(CancellationToken token) {
        if (!trySetCancelled(token)) {
            throw alreadyCompleted();
        }
    }

    private IllegalStateException alreadyCompleted() {
        return new IllegalStateException("already completed: " + awaitable);
    }

    @Override
    public String toString() {
        return "CompletionSource[" + awaitable + ']';
    }
}
