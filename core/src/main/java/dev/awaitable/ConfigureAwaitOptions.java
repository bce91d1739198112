package dev.awaitable;

/**
 * How an await behaves (.NET 8's {@code ConfigureAwaitOptions}). Pass none of them to
 * {@link Awaitable#configureAwait(ConfigureAwaitOptions...)} for "do not resume on the
 * captured context", .NET's {@code ConfigureAwaitOptions.None}.
 */
public enum ConfigureAwaitOptions {
    /** Resume on the context captured at the await (the default of a plain await). */
    CONTINUE_ON_CAPTURED_CONTEXT(ConfiguredAwaitable.CONTINUE_ON_CAPTURED_CONTEXT),
    /**
     * Do not throw: the await completes normally whatever the outcome, returning null if the
     * awaitable faulted or was cancelled. .NET allows this only for awaitables without a
     * result; we allow it for all and document that the value is then null.
     */
    SUPPRESS_THROWING(ConfiguredAwaitable.SUPPRESS_THROWING),
    /** Always suspend, even if already complete: the rest of the body runs asynchronously. */
    FORCE_YIELDING(ConfiguredAwaitable.FORCE_YIELDING);

    final int bit;

    ConfigureAwaitOptions(int bit) {
        this.bit = bit;
    }

    static int bits(ConfigureAwaitOptions... options) {
        int b = 0;
        for (ConfigureAwaitOptions o : options) {
            b |= o.bit;
        }
        return b;
    }
}
