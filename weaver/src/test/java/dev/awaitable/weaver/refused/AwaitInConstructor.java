package dev.awaitable.weaver.refused;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;

/** Refused: awaits in a constructor, a field initializer and a static initializer. */
public final class AwaitInConstructor {

    static final int STATIC = Async.await(Awaitable.completed(1)); // refused: initializer

    private final int field = Async.await(Awaitable.completed(2)); // refused: initializer

    private final int value;

    AwaitInConstructor(Awaitable<Integer> a) {
        value = Async.await(a) + field; // refused: initializer
    }

    int value() {
        return value + STATIC;
    }
}
