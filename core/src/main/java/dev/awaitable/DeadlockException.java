package dev.awaitable;

/**
 * {@link Awaitable#join()} was called on the thread of a single-threaded context (an event
 * loop, a UI-like thread) while the awaited work needs that same thread to make progress: the
 * join could never return. .NET hangs forever here ({@code .Result} on a UI thread); we refuse.
 *
 * <p>The fix is the one the .NET guidance gives: await instead of blocking, or have the
 * awaited code resume off the context ({@code configureAwait(false)}).
 */
public class DeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient AsyncContext context;
    private final transient Awaitable<?> awaitable;

    public DeadlockException(String message, AsyncContext context, Awaitable<?> awaitable) {
        super(message);
        this.context = context;
        this.awaitable = awaitable;
    }

    /** The context whose thread is blocked. */
    public AsyncContext context() {
        return context;
    }

    /** The awaitable that was joined. */
    public Awaitable<?> awaitable() {
        return awaitable;
    }
}
