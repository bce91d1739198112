package dev.awaitable.loom;

/**
 * Whether the loom backend can run a body on the thread of the context it was started on (the
 * .NET {@code SynchronizationContext} behaviour), reported by {@link LoomBackend#contextAffinity()}
 * and in {@link LoomBackend#properties()} so scenarios and reports can say which mode they ran in.
 */
public enum ContextAffinity {

    /**
     * Each body's virtual thread has a scheduler of its own (the JDK's internal virtual-thread
     * builder that takes an {@link java.util.concurrent.Executor}): between awaits a body runs on
     * its context's thread, its first segment runs on the caller's thread, and a continuation
     * without a context may run inline on the completing thread, as in .NET.
     */
    PER_BODY_SCHEDULER,

    /**
     * The internal builder is not accessible ({@code --add-opens java.base/java.lang=...} is
     * missing, or it was turned off with {@code -Dawaitable.loom.affinity=false}): bodies run on
     * the JDK's default virtual-thread scheduler, contexts are not honoured (a body started on an
     * event loop runs off it and captures no context), and {@code Async.run} waits on the caller's
     * thread until the body's first suspension instead of running it there.
     */
    UNAVAILABLE
}
