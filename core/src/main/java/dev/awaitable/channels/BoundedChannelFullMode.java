package dev.awaitable.channels;

/** What a write to a full bounded {@link Channel} does (.NET's {@code BoundedChannelFullMode}). */
public enum BoundedChannelFullMode {
    /** Wait for room: {@code writeAsync} suspends, {@code tryWrite} returns false. */
    WAIT,
    /** Drop the newest item already in the channel to make room; the written item is kept. */
    DROP_NEWEST,
    /** Drop the oldest item in the channel to make room; the written item is kept. */
    DROP_OLDEST,
    /** Drop the item being written; the write reports false (.NET reports true here; we tell the truth). */
    DROP_WRITE
}
