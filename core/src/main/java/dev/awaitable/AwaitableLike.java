package dev.awaitable;

/**
 * Anything that can be awaited: it hands out an {@link Awaiter}. The Java shape of C#'s
 * "awaitable pattern" ({@code GetAwaiter()}), implemented by {@link Awaitable},
 * {@link ValueAwaitable}, {@link ConfiguredAwaitable} and {@link YieldAwaitable}, so
 * {@code Async.await(x)} and the state-machine builders accept them all.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface AwaitableLike<T> {

    /** The awaiter an await goes through: check {@code isCompleted()}, else register, then {@code getResult()}. */
    Awaiter<T> getAwaiter();
}
