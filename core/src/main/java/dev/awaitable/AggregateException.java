package dev.awaitable;

import java.util.List;

/**
 * Every failure of a combinator such as {@link Awaitables#whenAll}, in input order. An await of
 * the combinator rethrows the first of them (as .NET does); {@link Awaitable#exception()}
 * returns this exception with all of them. The first is the cause and the others are
 * attached as suppressed, so a logged stack trace shows them all.
 */
public final class AggregateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Throwable> exceptions;

    public AggregateException(String message, List<? extends Throwable> exceptions) {
        super(
                message + " (" + exceptions.size() + " exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                exceptions.isEmpty() ? null : exceptions.get(0),
                true,
                true);
        this.exceptions = List.copyOf(exceptions);
        for (int i = 1; i < this.exceptions.size(); i++) {
            addSuppressed(this.exceptions.get(i));
        }
    }

    /** The inner exceptions, in the order of the inputs that failed. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
