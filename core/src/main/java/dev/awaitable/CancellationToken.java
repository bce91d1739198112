package dev.awaitable;

import java.util.Objects;

/**
 * Observes cancellation requested through a {@link CancellationTokenSource} (.NET's
 * {@code CancellationToken}). Cancellation is cooperative: code polls
 * {@link #isCancellationRequested()}, calls {@link #throwIfCancellationRequested()} at safe
 * points, or registers a callback; awaits and combinators that take a token end with
 * {@link OperationCanceledException}.
 */
public final class CancellationToken {

    /** A token that is never cancelled; registering on it costs nothing. */
    public static final CancellationToken NONE = new CancellationToken(null);

    private final CancellationTokenSource source;

    CancellationToken(CancellationTokenSource source) {
        this.source = source;
    }

    /** The one pre-cancelled source behind {@link #cancelled()}. */
    private static final class Cancelled {
        static final CancellationToken TOKEN = create();

        private static CancellationToken create() {
            CancellationTokenSource s = new CancellationTokenSource();
            s.cancel();
            return s.token();
        }
    }

    /**
     * A token that is already cancelled (.NET's {@code new CancellationToken(true)}). Every call
     * returns an equal token: they share one pre-cancelled source.
     */
    public static CancellationToken cancelled() {
        return Cancelled.TOKEN;
    }

    public boolean isCancellationRequested() {
        return source != null && source.isCancellationRequested();
    }

    /** False only for {@link #NONE}: whether this token can ever be cancelled. */
    public boolean canBeCancelled() {
        return source != null;
    }

    /**
     * Throws if cancellation was requested (.NET's {@code ThrowIfCancellationRequested}).
     *
     * @throws OperationCanceledException carrying this token, if cancellation was requested
     */
    public void throwIfCancellationRequested() {
        if (isCancellationRequested()) {
            throw new OperationCanceledException(this);
        }
    }

    /**
     * Runs {@code callback} when cancellation is requested, on the cancelling thread; at once, on
     * this thread, if it already was. Close the returned registration when the operation no
     * longer needs it, so a long-lived token does not accumulate callbacks.
     */
    public CancellationRegistration register(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (source == null) {
            return CancellationRegistration.EMPTY;
        }
        return source.register(callback);
    }

    CancellationTokenSource source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CancellationToken t && t.source == source;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(source);
    }

    @Override
    public String toString() {
        return source == null
                ? "CancellationToken.NONE"
                : "CancellationToken[" + (isCancellationRequested() ? "cancelled" : "active") + ']';
    }
}
