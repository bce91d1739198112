package dev.awaitable.weaver.loomonly;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.LoomOnly;

/** {@code @LoomOnly} methods beside a body that is woven: only the annotated code is left alone. */
public final class LoomOnlyMethods {

    private static final Object LOCK = new Object();
    private static final Awaitable<Integer> SHARED = Awaitable.completed(3);

    private LoomOnlyMethods() {}

    /** Woven as usual. */
    public static Awaitable<Integer> woven(Awaitable<Integer> a) {
        return Async.run(() -> Async.await(a) + 1);
    }

    /** An await in a helper: refused without the annotation. */
    @LoomOnly
    public static int helper(Awaitable<Integer> a) {
        return Async.await(a) * 2;
    }

    /** A body by reference to a {@code @LoomOnly} method: not woven either. */
    public static Awaitable<Integer> byReference() {
        return Async.run(LoomOnlyMethods::awaitsShared);
    }

    @LoomOnly
    private static Integer awaitsShared() {
        return Async.await(SHARED);
    }

    /** An await inside synchronized, in a body with a nested body: refused without the annotation. */
    @LoomOnly
    public static Awaitable<Integer> pinned(Awaitable<Integer> a) {
        return Async.run(() -> {
            synchronized (LOCK) {
                return Async.await(a) + Async.await(Async.run(() -> helper(a)));
            }
        });
    }
}
