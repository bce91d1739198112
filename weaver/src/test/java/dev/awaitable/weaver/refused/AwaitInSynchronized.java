package dev.awaitable.weaver.refused;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;

/** Refused: an await holding a monitor, in a synchronized block and in a synchronized method used as a body. */
public final class AwaitInSynchronized {

    private static final Object LOCK = new Object();

    private AwaitInSynchronized() {}

    static Awaitable<Integer> block(Awaitable<Integer> a) {
        return Async.run(() -> {
            synchronized (LOCK) {
                return Async.await(a) + 1; // refused: synchronized
            }
        });
    }

    static Awaitable<Integer> afterBlockIsFine(Awaitable<Integer> a) {
        return Async.run(() -> {
            int n;
            synchronized (LOCK) {
                n = 1;
            }
            return n + Async.await(a);
        });
    }

    static Awaitable<Void> method() {
        return Async.run(AwaitInSynchronized::locked);
    }

    private static synchronized void locked() {
        Async.await(Awaitable.completed(1)); // refused: synchronized method
    }
}
