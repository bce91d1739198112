package dev.awaitable.channels;

import dev.awaitable.Awaitable;
import dev.awaitable.CancellationToken;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.streams.AsyncStream;

/**
 * The reading half of a {@link Channel}.
 *
 * @param <T> the item type
 */
public interface ChannelReader<T> {

    /** The next item, or null if none is available now. Never waits. */
    T tryRead();

    /** The next item without removing it, or null if none is available now. */
    T tryPeek();

    /**
     * The next item, waiting for one if needed. Faults with {@link ChannelClosedException} once
     * the channel is completed and empty (with the completion error as cause, if any); ends
     * cancelled if the channel was completed with a cancellation.
     */
    ValueAwaitable<T> readAsync();

    /** Like {@link #readAsync()}, cancelled when {@code token} is. */
    ValueAwaitable<T> readAsync(CancellationToken token);

    /**
     * True when an item is available to read, false when the channel is completed and empty
     * (faults with the completion error if it was completed with one).
     */
    ValueAwaitable<Boolean> waitToReadAsync();

    ValueAwaitable<Boolean> waitToReadAsync(CancellationToken token);

    /**
     * Completes when the channel is completed and every item has been read: faulted with the
     * completion error, or cancelled if that error was a cancellation.
     */
    Awaitable<Void> completion();

    /** Items buffered now. */
    int count();

    /**
     * Reads every item until the channel completes, as an {@link AsyncStream}: .NET's
     * {@code ReadAllAsync}, a loop of {@link #waitToReadAsync(CancellationToken)} and then
     * {@link #tryRead()} until the buffer is empty. The token is checked at each wait, before an
     * item is taken: a cancelled token ends the iteration with a cancelled {@code moveNext},
     * after which {@code moveNext} is false; items already buffered when a wait said true are
     * read without checking it again.
     */
    AsyncStream<T> readAll();
}
