package dev.awaitable;

import java.util.concurrent.CancellationException;

/**
 * Cancellation flowing as an exception, carrying the token that requested it (.NET's
 * {@code OperationCanceledException}). A {@link CancellationException}, so code written
 * against {@code java.util.concurrent} handles it unchanged.
 */
public class OperationCanceledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    private final transient CancellationToken token;

    public OperationCanceledException(CancellationToken token) {
        this("the operation was cancelled", token);
    }

    public OperationCanceledException(String message, CancellationToken token) {
        super(message);
        this.token = token == null ? CancellationToken.NONE : token;
    }

    /** The token whose cancellation this reports ({@link CancellationToken#NONE} if unknown). */
    public CancellationToken token() {
        return token;
    }
}
