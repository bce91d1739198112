package dev.awaitable.channels;

import dev.awaitable.CancellationToken;
import dev.awaitable.ValueAwaitable;

/**
 * The writing half of a {@link Channel}. Items must not be null.
 *
 * @param <T> the item type
 */
public interface ChannelWriter<T> {

    /**
     * Writes {@code item} if it can without waiting.
     *
     * @return true if the item is now in the channel (or handed to a waiting reader); false if it
     *         was not kept: the channel is full in WAIT mode, the item was dropped in DROP_WRITE
     *         mode, or the channel is completed
     */
    boolean tryWrite(T item);

    /**
     * Writes {@code item}, waiting for room in WAIT mode. Completes with whether the item was
     * kept (false only in DROP_WRITE mode when full); faults with {@link ChannelClosedException}
     * if the channel is or becomes completed before the item is accepted.
     */
    ValueAwaitable<Boolean> writeAsync(T item);

    ValueAwaitable<Boolean> writeAsync(T item, CancellationToken token);

    /** True when a write can proceed, false once the channel is completed. */
    ValueAwaitable<Boolean> waitToWriteAsync();

    ValueAwaitable<Boolean> waitToWriteAsync(CancellationToken token);

    /** Marks the channel as complete: no more writes; readers drain what is left. False if already completed. */
    boolean tryComplete();

    /** Completes the channel with an error that readers see once it is drained. */
    boolean tryComplete(Throwable error);

    /** Like {@link #tryComplete()}, but {@link ChannelClosedException} if already completed. */
    void complete();

    void complete(Throwable error);
}
