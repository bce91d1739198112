package dev.awaitable.statemachine;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationToken;
import dev.awaitable.CompletionSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The awaiter of each {@code Async.await} form, for machines the weaver generates: the weaver
 * replaces {@code Async.await(args)} by {@code awaiter(args)}, then checks
 * {@link Awaiter#isCompleted()}, suspends the machine if it is not, and calls
 * {@link Awaiter#getResult()}. Each overload takes the arguments of the {@code Async.await} of the
 * same shape and fails as it does (a null, a token already cancelled) before any suspension.
 * Not for hand-written machines, which call {@code getAwaiter()} themselves.
 */
public final class WovenAwait {

    private WovenAwait() {}

    /** {@code Async.await(awaitable)}. */
    public static <T> Awaiter<T> awaiter(AwaitableLike<T> awaitable) {
        return awaitable.getAwaiter();
    }

    /**
     * {@code Async.await(awaitable, token)}: an awaiter that completes as the awaited does, or
     * with {@link dev.awaitable.OperationCanceledException} as soon as {@code token} is cancelled
     * (the awaited work itself goes on), as the loom backend's await does.
     */
    public static <T> Awaiter<T> awaiter(AwaitableLike<T> awaitable, CancellationToken token) {
        token.throwIfCancellationRequested();
        Awaiter<T> a = awaitable.getAwaiter();
        if (a.isCompleted() || !token.canBeCancelled()) {
            return a;
        }
        return cancellable(a, token);
    }

    /** {@code Async.await(awaitable, rethrows)}. */
    public static <T> Awaiter<T> awaiter(AwaitableLike<T> awaitable, Class<?> rethrows) {
        Objects.requireNonNull(rethrows, "rethrows");
        return awaitable.getAwaiter();
    }

    /** {@code Async.await(awaitable, rethrows1, rethrows2)}. */
    public static <T> Awaiter<T> awaiter(AwaitableLike<T> awaitable, Class<?> rethrows1, Class<?> rethrows2) {
        Objects.requireNonNull(rethrows1, "rethrows1");
        Objects.requireNonNull(rethrows2, "rethrows2");
        return awaitable.getAwaiter();
    }

    /** {@code Async.await(awaitable, token, rethrows)}. */
    public static <T> Awaiter<T> awaiter(AwaitableLike<T> awaitable, CancellationToken token, Class<?> rethrows) {
        Objects.requireNonNull(rethrows, "rethrows");
        return awaiter(awaitable, token);
    }

    /** {@code Async.await(stage)}. */
    public static <T> Awaiter<T> awaiter(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        if (stage instanceof CompletableFuture<T> f && f.isDone() && !f.isCompletedExceptionally()) {
            return Awaitable.completed(f.getNow(null));
        }
        return Awaitable.fromFuture(stage);
    }

    /** {@code Async.await(stage, rethrows)}. */
    public static <T> Awaiter<T> awaiter(CompletionStage<T> stage, Class<?> rethrows) {
        Objects.requireNonNull(rethrows, "rethrows");
        return awaiter(stage);
    }

    /** The slow path of a cancellable await: apart, so the common path stays small. */
    private static <T> Awaiter<T> cancellable(Awaiter<T> awaited, CancellationToken token) {
        Awaitable<?> dependency = awaited.dependency();
        if (dependency == null) { // an awaiter with no awaitable behind it: bridge its completion
            CompletionSource<Object> bridge = new CompletionSource<>();
            awaited.unsafeOnCompleted(() -> bridge.trySetResult(null));
            dependency = bridge.awaitable();
        }
        return new CancellableAwaiter<>(awaited, Awaitables.withCancellation(dependency, token));
    }
}
