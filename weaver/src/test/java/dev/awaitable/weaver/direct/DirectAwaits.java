package dev.awaitable.weaver.direct;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CancellationToken;
import dev.awaitable.ValueAwaitable;

/** Awaits of an {@code Awaitable}, of another awaitable kind, and with a token. */
public final class DirectAwaits {

    private DirectAwaits() {}

    public static Awaitable<Integer> awaitable(Awaitable<Integer> a) {
        return Async.run(() -> Async.await(a) + 1);
    }

    public static Awaitable<Integer> withRethrows(Awaitable<Integer> a) throws java.io.IOException {
        return Async.run(() -> Async.await(a, java.io.IOException.class) + 1);
    }

    public static Awaitable<Integer> withTwoRethrows(Awaitable<Integer> a) {
        return Async.run(() -> Async.await(a, java.io.IOException.class, InterruptedException.class) + 1);
    }

    public static Awaitable<Integer> nullRethrows(Awaitable<Integer> a) {
        Class<RuntimeException> none = null;
        return Async.run(() -> Async.await(a, none) + 1);
    }

    public static Awaitable<Integer> valueAwaitable(ValueAwaitable<Integer> a) {
        return Async.run(() -> Async.await(a) + 1);
    }

    public static Awaitable<Integer> withToken(Awaitable<Integer> a, CancellationToken token) {
        return Async.run(() -> Async.await(a, token) + 1);
    }
}
