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
     * (whose cause is the completion error, if any) if the channel is or becomes completed before
     * the item is accepted, or ends cancelled if it was completed with a cancellation.
     */
    ValueAwaitable<Boolean> writeAsync(T item);

    ValueAwaitable<Boolean> writeAsync(T item, CancellationToken token);

    /**
     * True when a write can proceed; false once the channel is completed, or faults with the
     * completion error if it was completed with one (cancelled for a cancellation), also for a
     * wait already pending when the channel completes.
     */
    ValueAwaitable<Boolean> waitToWriteAsync();

    ValueAwaitable<Boolean> waitToWriteAsync(CancellationToken token);

    /** Marks the channel as complete: no more writes; readers drain what is left. False if already completed. */
    boolean tryComplete();

    /**
     * Completes the channel with an error that readers see once it is drained. A
     * {@link java.util.concurrent.CancellationException} (such as
     * {@link dev.awaitable.OperationCanceledException}) completes it as cancelled: reads of the
     * drained channel and {@link ChannelReader#completion()} end cancelled with it.
     */
    boolean tryComplete(Throwable error);

    /** Like {@link #tryComplete()}, but {@link ChannelClosedException} if already completed. */
    void complete();

    void complete(Throwable error);
}
