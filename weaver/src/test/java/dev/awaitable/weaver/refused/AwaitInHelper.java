package dev.awaitable.weaver.refused;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import java.util.List;

/** Refused: awaits in methods that are not async bodies. */
public final class AwaitInHelper {

    private AwaitInHelper() {}

    static int helper(Awaitable<Integer> a) {
        return Async.await(a) * 2; // refused: helper
    }

    static Awaitable<Integer> caller(Awaitable<Integer> a) {
        return Async.run(() -> helper(a));
    }

    static void forEachLambda(List<Awaitable<Integer>> all) {
        all.forEach(a -> Async.await(a)); // refused: helper
    }

    static final class BodyClass implements AsyncBody<Integer> {
        private final Awaitable<Integer> a;

        BodyClass(Awaitable<Integer> a) {
            this.a = a;
        }

        @Override
        public Integer run() {
            return Async.await(a); // refused: helper
        }
    }
}
