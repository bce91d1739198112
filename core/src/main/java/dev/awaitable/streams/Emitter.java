package dev.awaitable.streams;

import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;

/**
 * How an {@link AsyncGenerator} hands items to its consumer, one at a time (C#'s
 * {@code yield return} in an async iterator).
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface Emitter<T> {

    /**
     * Offers {@code item} to the consumer. Await the result before emitting the next item: it
     * completes when the consumer asks for another item, and is cancelled
     * ({@link OperationCanceledException}) when the consumer closed the iterator instead, so the
     * producer unwinds through its {@code finally} blocks.
     */
    ValueAwaitable<Void> emit(T item);
}
