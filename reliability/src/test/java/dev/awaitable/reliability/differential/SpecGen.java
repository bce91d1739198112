package dev.awaitable.reliability.differential;

import dev.awaitable.reliability.differential.Spec.Body;
import dev.awaitable.reliability.differential.Spec.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generates {@link Spec} programs for QuickTheories. Every choice is a draw from the
 * randomness source, with the simplest choice at the low end, so QuickTheories' shrinking (which
 * lowers draws toward their minimum) turns a failing program into a smaller one: fewer items,
 * plain values instead of composites, shorter delays.
 */
final class SpecGen {

    private static final List<Class<? extends Throwable>> CATCH_TYPES = List.of(
            IllegalStateException.class,
            CancellationException.class,
            TimeoutException.class,
            RuntimeException.class,
            Exception.class);

    private SpecGen() {}

    /** Whole programs: a top body up to {@code depth} levels of nesting. */
    static Gen<Body> programs(int depth) {
        return in -> body(in, depth, false);
    }

    private static int draw(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    static Body body(RandomnessSource in, int depth, boolean sync) {
        int n = draw(in, 1, 4);
        List<Item> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(sync ? syncItem(in, depth) : item(in, depth));
        }
        return new Body(items);
    }

    private static String message(RandomnessSource in) {
        return "f" + draw(in, 0, 99);
    }

    /** Items that complete when started: what a whenAny's first synchronous body may contain. */
    private static Item syncItem(RandomnessSource in, int depth) {
        int k = draw(in, 0, 99);
        if (depth <= 0 && k >= 70) {
            k = 0;
        }
        if (k < 50) {
            return new Spec.Const(draw(in, 0, 9));
        } else if (k < 60) {
            return new Spec.FailNow(message(in));
        } else if (k < 65) {
            return new Spec.Throw(message(in));
        } else if (k < 70) {
            return new Spec.CancelNow();
        } else if (k < 80) {
            return new Spec.Call(body(in, depth - 1, true));
        } else if (k < 90) {
            return attempt(in, depth, true);
        } else {
            return new Spec.All(bodies(in, depth, true, 3));
        }
    }

    private static Item item(RandomnessSource in, int depth) {
        int k = draw(in, 0, 99);
        if (depth <= 0 && k >= 63 && k < 94) {
            k = 0;
        }
        if (k < 20) {
            return new Spec.Const(draw(in, 0, 9));
        } else if (k < 35) {
            return new Spec.Later(draw(in, 0, 9), draw(in, 0, 200));
        } else if (k < 38) {
            return new Spec.Yield(draw(in, 0, 9));
        } else if (k < 42) {
            return new Spec.ValueLater(draw(in, 0, 9), draw(in, 0, 200));
        } else if (k < 46) {
            return new Spec.FailNow(message(in));
        } else if (k < 49) {
            return new Spec.Throw(message(in));
        } else if (k < 52) {
            return new Spec.CancelNow();
        } else if (k < 56) {
            return new Spec.FailLater(message(in), draw(in, 0, 200));
        } else if (k < 59) {
            return new Spec.CancelLater(draw(in, 0, 200));
        } else if (k < 63) {
            return new Spec.Delay(draw(in, 1, 3), draw(in, 0, 9));
        } else if (k < 71) {
            return new Spec.Call(body(in, depth - 1, false));
        } else if (k < 78) {
            return attempt(in, depth, false);
        } else if (k < 85) {
            return new Spec.All(bodies(in, depth, false, 3));
        } else if (k < 91) {
            return any(in, depth);
        } else if (k < 94) {
            return new Spec.Timeout(body(in, depth - 1, false), 30_000);
        } else if (k < 96) {
            return new Spec.Timeout(null, draw(in, 1, 3));
        } else if (k < 98) {
            int n = draw(in, 0, 4);
            return new Spec.Stream(n, draw(in, 0, n + 1), draw(in, 0, n), draw(in, 0, 1) == 1);
        } else {
            return new Spec.Pipe(draw(in, 0, 5), draw(in, 1, 3), draw(in, 0, 1) == 1);
        }
    }

    private static List<Body> bodies(RandomnessSource in, int depth, boolean sync, int max) {
        int n = draw(in, 1, max);
        List<Body> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(body(in, depth - 1, sync));
        }
        return out;
    }

    private static Item attempt(RandomnessSource in, int depth, boolean sync) {
        int n = draw(in, 1, 3);
        List<Item> inner = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inner.add(sync ? syncItem(in, depth - 1) : item(in, depth - 1));
        }
        int c = draw(in, 0, CATCH_TYPES.size());
        Class<? extends Throwable> catchType = c == CATCH_TYPES.size() ? null : CATCH_TYPES.get(c);
        boolean hasFinally = catchType == null || draw(in, 0, 1) == 1;
        return new Spec.Try(inner, catchType, draw(in, 0, 9), hasFinally);
    }

    /** A whenAny whose winner is its first body by construction (see {@link Spec.Any}). */
    private static Item any(RandomnessSource in, int depth) {
        int neversBefore = draw(in, 0, 2);
        if (draw(in, 0, 1) == 0) {
            return new Spec.Any(neversBefore, List.of(body(in, depth - 1, false)), draw(in, 0, 2));
        }
        return new Spec.Any(neversBefore, bodies(in, depth, true, 3), 0);
    }
}
