package dev.awaitable.streams;

/**
 * What the body of {@link AsyncStream#forEachAsync} tells the loop after an item: go on, or stop
 * here as a {@code break} would (the stream is then closed, and its producer's cleanup runs).
 */
public enum LoopControl {
    /** Take the next item. */
    CONTINUE,
    /** End the loop now; the for-each completes successfully once the stream is closed. */
    BREAK
}
