package dev.awaitable.reliability.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A random async program, as data: a {@link Body} (an async method) is a list of {@link Item}s
 * awaited in order; its result is the sum of their values. Items await values that are ready,
 * come later from another thread, or never come; delays and yields; faults and cancellations
 * (now or later); values from reusable sources; calls of other bodies; {@code whenAll}/{@code whenAny} of bodies; timeouts;
 * try/catch/finally around items; generated streams consumed with early exit; and channels
 * between a writer body and this one.
 *
 * <p>Every program has one defined outcome and one defined sequence of steps per body, whatever
 * the thread timing: that is what makes the three interpreters comparable. The generator keeps
 * to the rules that guarantee it: a {@code whenAny}'s winner is determined by construction (see
 * {@link Any}); a timeout either never fires (30 s on work that finishes in milliseconds) or always
 * does (on an awaitable that never completes); nothing is left running when the top body ends.
 *
 * <p>{@link #toString()} prints a spec as Java code over the static factories below, so a shrunk
 * counterexample can be pasted into a regression test as is.
 */
public final class Spec {

    private Spec() {}

    /** One async method: awaits its items in order and returns the sum of their values. */
    public record Body(List<Item> items) {
        public Body {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return "body(" + join(items) + ")";
        }
    }

    /** One step of a body. */
    public sealed interface Item {}

    /** Await an awaitable that is already complete with {@code value}. */
    public record Const(int value) implements Item {
        @Override
        public String toString() {
            return "value(" + value + ")";
        }
    }

    /** Await a source completed with {@code value} by another thread after {@code micros} µs (0: at once, racing the await). */
    public record Later(int value, int micros) implements Item {
        @Override
        public String toString() {
            return "later(" + value + ", " + micros + ")";
        }
    }

    /**
     * Await a {@link dev.awaitable.ValueAwaitable} over a reusable source ({@link
     * dev.awaitable.ManualResetSourceCore}) that another thread completes with {@code value} after
     * {@code micros} µs.
     */
    public record ValueLater(int value, int micros) implements Item {
        @Override
        public String toString() {
            return "valueLater(" + value + ", " + micros + ")";
        }
    }

    /**
     * A writer body writes 1..n into a bounded channel of {@code capacity} (awaiting room, after a
     * yield per item if {@code yields}) while this body reads n items, then awaits the writer. The
     * value is the sum of what was read.
     */
    public record Pipe(int n, int capacity, boolean yields) implements Item {
        @Override
        public String toString() {
            return "pipe(" + n + ", " + capacity + ", " + yields + ")";
        }
    }

    /** Await an awaitable that already faulted with {@code IllegalStateException(message)}. */
    public record FailNow(String message) implements Item {
        @Override
        public String toString() {
            return "failNow(\"" + message + "\")";
        }
    }

    /** Await a source faulted by another thread after {@code micros} µs. */
    public record FailLater(String message, int micros) implements Item {
        @Override
        public String toString() {
            return "failLater(\"" + message + "\", " + micros + ")";
        }
    }

    /** Await an awaitable that is already cancelled. */
    public record CancelNow() implements Item {
        @Override
        public String toString() {
            return "cancelNow()";
        }
    }

    /** Await a 10-minute delay whose token another thread cancels after {@code micros} µs. */
    public record CancelLater(int micros) implements Item {
        @Override
        public String toString() {
            return "cancelLater(" + micros + ")";
        }
    }

    /** Await {@code delay(millis)}, then count {@code value}. */
    public record Delay(int millis, int value) implements Item {
        @Override
        public String toString() {
            return "delay(" + millis + ", " + value + ")";
        }
    }

    /** Await {@code yieldNow()}, then count {@code value}. */
    public record Yield(int value) implements Item {
        @Override
        public String toString() {
            return "yieldThen(" + value + ")";
        }
    }

    /** {@code throw new IllegalStateException(message)} in the body itself. */
    public record Throw(String message) implements Item {
        @Override
        public String toString() {
            return "raise(\"" + message + "\")";
        }
    }

    /** Call another async method and await it. */
    public record Call(Body body) implements Item {
        @Override
        public String toString() {
            return "call(" + body + ")";
        }
    }

    /** Start every body, then await {@code whenAll} of them; the value is the sum of theirs. */
    public record All(List<Body> bodies) implements Item {
        public All {
            bodies = List.copyOf(bodies);
        }

        @Override
        public String toString() {
            return "all(" + join(bodies) + ")";
        }
    }

    /**
     * Await {@code whenAny(never x neversBefore, bodies..., never x neversAfter)}, then await the
     * winner. The winner is always {@code bodies.get(0)}: either it is the only body (and the
     * rest never complete), or every body is synchronous (complete when started, so whenAny's
     * in-order scan picks the first). The other synchronous bodies still run: their steps count.
     */
    public record Any(int neversBefore, List<Body> bodies, int neversAfter) implements Item {
        public Any {
            bodies = List.copyOf(bodies);
        }

        @Override
        public String toString() {
            return "any(" + neversBefore + ", " + neversAfter + ", " + join(bodies) + ")";
        }
    }

    /**
     * {@code withTimeout}: with a body, 30 s that never elapse (the body's outcome passes
     * through); without one, {@code millis} on an awaitable that never completes (always a
     * TimeoutException).
     */
    public record Timeout(Body body, int millis) implements Item {
        @Override
        public String toString() {
            return body == null ? "timeoutOnNever(" + millis + ")" : "timeout(" + body + ")";
        }
    }

    /**
     * {@code try { inner } catch (catchType e) { sum += handlerValue } finally { }}: no catch when
     * {@code catchType} is null (then {@code hasFinally}).
     */
    public record Try(List<Item> inner, Class<? extends Throwable> catchType, int handlerValue, boolean hasFinally)
            implements Item {
        public Try {
            inner = List.copyOf(inner);
        }

        @Override
        public String toString() {
            return "attempt(" + (catchType == null ? "null" : catchType.getSimpleName() + ".class") + ", "
                    + handlerValue + ", " + hasFinally + ", " + join(inner) + ")";
        }
    }

    /**
     * Consume a generated stream of 1..n: take at most {@code take} items, then close it; the
     * producer throws before item {@code failAt} (0: never) and awaits a yield before each item if
     * {@code yields}. The value is the sum of the items taken.
     */
    public record Stream(int n, int take, int failAt, boolean yields) implements Item {
        @Override
        public String toString() {
            return "stream(" + n + ", " + take + ", " + failAt + ", " + yields + ")";
        }
    }

    /* ---------------- DSL (what toString prints) ---------------- */

    public static Body body(Item... items) {
        return new Body(Arrays.asList(items));
    }

    public static Item value(int v) {
        return new Const(v);
    }

    public static Item later(int v, int micros) {
        return new Later(v, micros);
    }

    public static Item valueLater(int v, int micros) {
        return new ValueLater(v, micros);
    }

    public static Item pipe(int n, int capacity, boolean yields) {
        return new Pipe(n, capacity, yields);
    }

    public static Item failNow(String message) {
        return new FailNow(message);
    }

    public static Item failLater(String message, int micros) {
        return new FailLater(message, micros);
    }

    public static Item cancelNow() {
        return new CancelNow();
    }

    public static Item cancelLater(int micros) {
        return new CancelLater(micros);
    }

    public static Item delay(int millis, int v) {
        return new Delay(millis, v);
    }

    public static Item yieldThen(int v) {
        return new Yield(v);
    }

    public static Item raise(String message) {
        return new Throw(message);
    }

    public static Item call(Body b) {
        return new Call(b);
    }

    public static Item all(Body... bodies) {
        return new All(Arrays.asList(bodies));
    }

    public static Item any(int neversBefore, int neversAfter, Body... bodies) {
        return new Any(neversBefore, Arrays.asList(bodies), neversAfter);
    }

    public static Item timeout(Body b) {
        return new Timeout(b, 30_000);
    }

    public static Item timeoutOnNever(int millis) {
        return new Timeout(null, millis);
    }

    public static Item attempt(
            Class<? extends Throwable> catchType, int handlerValue, boolean hasFinally, Item... inner) {
        return new Try(Arrays.asList(inner), catchType, handlerValue, hasFinally);
    }

    public static Item stream(int n, int take, int failAt, boolean yields) {
        return new Stream(n, take, failAt, yields);
    }

    /* ---------------- Properties ---------------- */

    /** True if a body started now completes before its start returns: it awaits nothing pending. */
    public static boolean isSynchronous(Body b) {
        return b.items().stream().allMatch(Spec::isSynchronous);
    }

    static boolean isSynchronous(Item i) {
        return switch (i) {
            case Const c -> true;
            case FailNow f -> true;
            case CancelNow c -> true;
            case Throw t -> true;
            case Call c -> isSynchronous(c.body());
            case All a -> a.bodies().stream().allMatch(Spec::isSynchronous);
            case Try t -> t.inner().stream().allMatch(Spec::isSynchronous);
            default -> false;
        };
    }

    /** Faults this program injects if every item ran: faults, cancellations, throws, timeouts, failing producers. */
    public static int faults(Body b) {
        int n = 0;
        for (Item i : b.items()) {
            n += switch (i) {
                case FailNow f -> 1;
                case FailLater f -> 1;
                case CancelNow c -> 1;
                case CancelLater c -> 1;
                case Throw t -> 1;
                case Stream s -> s.failAt() > 0 ? 1 : 0;
                case Call c -> faults(c.body());
                case All a -> a.bodies().stream().mapToInt(Spec::faults).sum();
                case Any a -> a.bodies().stream().mapToInt(Spec::faults).sum();
                case Timeout t -> t.body() == null ? 1 : faults(t.body());
                case Try t -> faults(new Body(t.inner()));
                default -> 0;
            };
        }
        return n;
    }

    /** Items in the whole tree, for sizing. */
    public static int size(Body b) {
        int n = 0;
        for (Item i : b.items()) {
            n += 1
                    + switch (i) {
                        case Call c -> size(c.body());
                        case All a -> a.bodies().stream().mapToInt(Spec::size).sum();
                        case Any a -> a.bodies().stream().mapToInt(Spec::size).sum();
                        case Timeout t -> t.body() == null ? 0 : size(t.body());
                        case Try t -> size(new Body(t.inner()));
                        default -> 0;
                    };
        }
        return n;
    }

    private static String join(List<?> parts) {
        return parts.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** A mutable list builder for generators. */
    static <T> List<T> listOf(int n, java.util.function.IntFunction<T> f) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return out;
    }
}
