package dev.awaitable.streams;

import dev.awaitable.Awaitable;
import dev.awaitable.ValueAwaitable;

/**
 * Iterates an {@link AsyncStream} (.NET's {@code IAsyncEnumerator<T>}):
 * <pre>{@code
 * AsyncIterator<T> it = stream.iterator(token);
 * try {
 *     while (await(it.moveNext())) {
 *         use(it.current());
 *     }
 * } finally {
 *     await(it.closeAsync());
 * }
 * }</pre>
 * One consumer; call {@code moveNext()} again only after the previous one completed.
 *
 * @param <T> the item type
 */
public interface AsyncIterator<T> {

    /** True with the next item in {@link #current()}, false at the end; faults if the producer failed. */
    ValueAwaitable<Boolean> moveNext();

    /** The item the last successful {@code moveNext()} produced. */
    T current();

    /**
     * Ends the iteration early or late (.NET's {@code DisposeAsync}): a producer suspended at an
     * item is resumed with cancellation so its cleanup ({@code finally}) runs, once. Idempotent:
     * every call returns the same awaitable, which completes when the producer has finished.
     */
    Awaitable<Void> closeAsync();
}
