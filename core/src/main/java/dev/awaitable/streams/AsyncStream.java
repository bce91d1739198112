package dev.awaitable.streams;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A sequence produced asynchronously and consumed with awaits (.NET's
 * {@code IAsyncEnumerable<T>}). Each {@link #iterator(CancellationToken)} call starts an
 * independent iteration.
 *
 * <p>Make one with {@link #generate} (a producer that emits and awaits each hand-off, like a C#
 * async iterator), from a {@link dev.awaitable.channels.Channel} ({@link dev.awaitable.channels.ChannelReader#readAll()}), or from values.
 * Consume with an {@link AsyncIterator} in an async body, or with {@link #forEach} /
 * {@link #toList}, which run on continuations and so work on every backend.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface AsyncStream<T> {

    /** Starts an iteration; the producer observes {@code token} (.NET's {@code [EnumeratorCancellation]}). */
    AsyncIterator<T> iterator(CancellationToken token);

    /** Starts an iteration without cancellation. */
    default AsyncIterator<T> iterator() {
        return iterator(CancellationToken.NONE);
    }

    /**
     * This stream with {@code token} passed to its iterators (.NET's {@code WithCancellation});
     * a token given to {@code iterator(...)} as well is linked with it.
     */
    default AsyncStream<T> withCancellation(CancellationToken token) {
        Objects.requireNonNull(token, "token");
        AsyncStream<T> self = this;
        return inner -> {
            if (!inner.canBeCancelled() || inner.equals(token)) {
                return self.iterator(token);
            }
            if (!token.canBeCancelled()) {
                return self.iterator(inner);
            }
            CancellationTokenSource linked = CancellationTokenSource.createLinked(token, inner);
            AsyncIterator<T> it = self.iterator(linked.token());
            return new AsyncStreams.ClosingIterator<>(it, linked);
        };
    }

    /* ---------------- Sources ---------------- */

    /** A stream whose items are emitted by {@code producer}, one hand-off at a time, no buffer. */
    static <T> AsyncStream<T> generate(AsyncGenerator<T> producer) {
        Objects.requireNonNull(producer, "producer");
        return token -> new GeneratorIterator<>(producer, token);
    }

    /** The items of {@code items}, each available at once. */
    static <T> AsyncStream<T> fromIterable(Iterable<T> items) {
        Objects.requireNonNull(items, "items");
        return token -> new AsyncStreams.IterableIterator<>(items.iterator(), token);
    }

    @SafeVarargs
    static <T> AsyncStream<T> of(T... items) {
        List<T> copy = new ArrayList<>(items.length);
        for (T item : items) {
            copy.add(item);
        }
        return fromIterable(copy);
    }

    static <T> AsyncStream<T> empty() {
        return fromIterable(List.of());
    }

    /* ---------------- Operators ---------------- */

    default <R> AsyncStream<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        AsyncStream<T> self = this;
        return token -> new AsyncStreams.MappedIterator<>(self.iterator(token), mapper);
    }

    default AsyncStream<T> filter(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        AsyncStream<T> self = this;
        return token -> new AsyncStreams.FilteredIterator<>(self.iterator(token), predicate);
    }

    /* ---------------- Terminal operations ---------------- */

    /**
     * Runs {@code action} on every item, in order, and closes the iterator at the end or on
     * failure. Completes when done; faults with the first exception of the producer or the action.
     */
    default Awaitable<Void> forEach(Consumer<? super T> action) {
        return forEach(action, CancellationToken.NONE);
    }

    default Awaitable<Void> forEach(Consumer<? super T> action, CancellationToken token) {
        Objects.requireNonNull(action, "action");
        return new AsyncStreams.ForEachDriver<>(iterator(token), action).start();
    }

    /**
     * {@code await foreach} with a body that may await: calls {@code body} for every item, in
     * order, awaits what it returns, and only then takes the next item. The body's awaitable
     * completing with {@link LoopControl#BREAK} ends the loop early, as a {@code break}; any
     * other value (a {@code Void} result, {@code CONTINUE}) goes on. The stream is closed
     * ({@link AsyncIterator#closeAsync()}, so the producer's cleanup runs) at the end, on
     * {@code BREAK}, when the body throws or its awaitable fails, and on cancellation; the result
     * completes after the close, with the body's or the producer's failure if there was one
     * (cancelled, for a cancellation).
     *
     * <p>Where the body runs: on the context current at this call, as the code in an
     * {@code await foreach} loop of an async method resumes on its captured context (inline if
     * the thread that completed the last await is on it, else posted); with no context, inline on
     * that thread. Works on every backend: the body may be a hand-written machine, an
     * {@code Async.run} body (loom), or any function returning an awaitable.
     *
     * <pre>{@code
     * await(lines.forEachAsync(line -> Async.run(() -> {
     *     if (line.isEmpty()) return LoopControl.BREAK;
     *     await(store(line));
     *     return LoopControl.CONTINUE;
     * })));
     * }</pre>
     */
    default Awaitable<Void> forEachAsync(Function<? super T, ? extends AwaitableLike<?>> body) {
        return forEachAsync(body, CancellationToken.NONE);
    }

    /**
     * {@link #forEachAsync(Function)} over an iteration that observes {@code token}: the producer
     * gets it, and the loop checks it before taking each item, so a cancellation ends the loop
     * (closed, then cancelled) even if the producer ignores the token.
     */
    default Awaitable<Void> forEachAsync(
            Function<? super T, ? extends AwaitableLike<?>> body, CancellationToken token) {
        Objects.requireNonNull(body, "body");
        return new AsyncStreams.AsyncForEachDriver<>(iterator(token), body, token).start();
    }

    /** Every item, in order. */
    default Awaitable<List<T>> toList() {
        List<T> items = new ArrayList<>();
        return forEach(items::add).map(done -> items);
    }
}
