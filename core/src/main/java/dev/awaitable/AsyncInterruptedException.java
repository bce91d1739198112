package dev.awaitable;

/**
 * A blocking wait ({@link Awaitable#join()}, a direct-style await) ended because its thread was
 * interrupted. The thread's interrupt status is left set. Unchecked, so awaits read as plain
 * calls; the awaited work itself is not affected.
 */
public class AsyncInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AsyncInterruptedException(String message) {
        super(message);
    }
}
