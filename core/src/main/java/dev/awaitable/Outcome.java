package dev.awaitable;

import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * How one awaitable ended, as {@link Awaitables#whenAllSettled} reports it: succeeded with a
 * value, faulted with an exception, or cancelled with the {@link CancellationException} its
 * await throws. Immutable. (JavaScript's {@code Promise.allSettled} results; in .NET, the
 * completed tasks themselves after {@code WhenAll(...).ConfigureAwait(SuppressThrowing)}.)
 *
 * @param <T> the value type
 */
public final class Outcome<T> {
    private final AwaitableStatus status;
    private final T value;
    private final Throwable exception;

    private Outcome(AwaitableStatus status, T value, Throwable exception) {
        this.status = status;
        this.value = value;
        this.exception = exception;
    }

    /** The outcome of a completed awaitable; reading a fault observes it. */
    public static <T> Outcome<T> of(Awaitable<? extends T> completed) {
        return switch (completed.status()) {
            case SUCCEEDED -> new Outcome<>(AwaitableStatus.SUCCEEDED, completed.resultNow(), null);
            case FAULTED -> new Outcome<>(AwaitableStatus.FAULTED, null, completed.exception());
            case CANCELLED -> new Outcome<>(AwaitableStatus.CANCELLED, null, completed.exception());
            case PENDING -> throw new IllegalStateException("Outcome.of a pending awaitable: " + completed);
        };
    }

    /** {@link AwaitableStatus#SUCCEEDED}, {@link AwaitableStatus#FAULTED} or {@link AwaitableStatus#CANCELLED}. */
    public AwaitableStatus status() {
        return status;
    }

    public boolean isSucceeded() {
        return status == AwaitableStatus.SUCCEEDED;
    }

    /** The value of a success. */
    public T value() {
        if (status != AwaitableStatus.SUCCEEDED) {
            throw new IllegalStateException("value() of an outcome that is " + status + ": " + exception);
        }
        return value;
    }

    /**
     * The exception of a fault ({@link Awaitable#exception()}: an {@link AggregateException} for a
     * faulted combinator), the {@link CancellationException} of a cancellation, or null for a
     * success.
     */
    public Throwable exception() {
        return exception;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome<?> other
                && status == other.status
                && Objects.equals(value, other.value)
                && Objects.equals(exception, other.exception);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, value, exception);
    }

    @Override
    public String toString() {
        return status == AwaitableStatus.SUCCEEDED ? "SUCCEEDED: " + value : status + ": " + exception;
    }
}
