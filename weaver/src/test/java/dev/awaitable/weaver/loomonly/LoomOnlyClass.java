package dev.awaitable.weaver.loomonly;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.LoomOnly;

/** A {@code @LoomOnly} class: nothing in it or in its nested classes is woven or refused. */
@LoomOnly
public final class LoomOnlyClass {

    private LoomOnlyClass() {}

    static int level(Awaitable<Integer> a, int depth) {
        return depth == 0 ? Async.await(a) : level(a, depth - 1) + 1;
    }

    public static Awaitable<Integer> chain(Awaitable<Integer> a, int depth) {
        return Async.run(() -> level(a, depth));
    }

    /** A class that implements AsyncBody and awaits in run: refused without the annotation. */
    public static final class Body implements AsyncBody<Integer> {
        private final Awaitable<Integer> a;

        public Body(Awaitable<Integer> a) {
            this.a = a;
        }

        @Override
        public Integer run() {
            return Async.await(a);
        }
    }
}
