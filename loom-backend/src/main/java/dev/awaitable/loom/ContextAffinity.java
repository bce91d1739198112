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
     * the JDK's default virtual-thread scheduler and no contract changes meaning silently:
     * {@code Async.run} on a thread with an {@link dev.awaitable.AsyncContext} (an event loop)
     * throws {@link UnsupportedOperationException} naming the flag, since the body could not
     * resume there (and a {@code join} on the loop could not be told from a deadlock); the caller
     * of {@code Async.run}, and a platform thread that completes an await a body is parked in,
     * wait until the body's next suspension, so the order of events is an inline run's; only the
     * thread differs: the body's code runs on a virtual thread of the default scheduler, not on
     * the caller's or the completer's thread. The backend says so once, on the log and on stderr
     * when no SLF4J provider is present.
     */
    UNAVAILABLE
}
