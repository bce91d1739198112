package dev.awaitable.streams;

import dev.awaitable.Awaitable;
import dev.awaitable.CancellationToken;

/**
 * The producer of a generated {@link AsyncStream} (C#'s async iterator method): emits items
 * with {@link Emitter#emit}, awaiting each, and returns an awaitable that completes when it is
 * done. It is started on the consumer's first {@code moveNext()}, once per iterator.
 *
 * <p>Written in whatever form the backend runs: a state machine, or a direct-style body
 * ({@code (out, token) -> Async.run(() -> { ...; Async.await(out.emit(x)); ... })}).
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface AsyncGenerator<T> {

    /** Produces the items; {@code token} is the iterator's cancellation token. */
    Awaitable<Void> produce(Emitter<T> out, CancellationToken token) throws Exception;
}
