package dev.awaitable;

import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one node behind {@link Awaitable#map}, {@code flatMap}, {@code handle},
 * {@code whenComplete} and {@code recover} (and their {@link ConfiguredAwaitable} and
 * {@link ValueAwaitable} forms): the awaitable of the result, and the continuation registered on
 * the source. One object per operation.
 *
 * <p>Where the function runs is where the code after an {@code await} of the source would run:
 * <ul>
 *   <li>source an {@link Awaitable}: on the context current when the operation was called,
 *       inline if the completing thread is already on it, else posted to it; with no context,
 *       inline on the completing thread (or on the scheduler for an awaitable that runs
 *       continuations asynchronously). The node keeps the context in a field and does the
 *       check itself, so capturing costs no wrapper.</li>
 *   <li>any other awaiter (a {@link ConfiguredAwaitable}, a {@link ValueAwaitable}): registered
 *       with its {@code onCompleted}, which honours its options (no capture, forced yield), and
 *       its outcome read with {@code getResult()} (so {@code SUPPRESS_THROWING} hands the
 *       function null instead of the failure).</li>
 * </ul>
 *
 * <p>Phases, each a plain field handed over by the registration that runs the next one
 * (registration on an awaitable is a volatile CAS, a post to a context is a happens-before
 * hand-off): {@code SOURCE} (waiting for the source; {@code run()} may post itself to the
 * captured context once, after setting {@code dispatched}), then, for {@code flatMap} only,
 * {@code INNER} (waiting for the awaitable the function returned, completed inline as it
 * completes, as .NET's {@code Unwrap} does).
 */
final class Composition<T, R> extends Awaitable<R> implements Runnable {

    static final int MAP = 0;
    static final int FLAT_MAP = 1;
    static final int HANDLE = 2;
    static final int WHEN_COMPLETE = 3;
    static final int RECOVER = 4;

    private final Awaiter<T> source;
    private final int kind;
    /** The function; its type follows {@code kind}. Cleared once it ran, so it is not kept reachable. */
    private Object fn;
    /** {@code RECOVER}: the failures it handles. */
    private final Class<? extends Throwable> recovers;
    /** The context captured at the call (Awaitable sources only), or null. */
    private final AsyncContext context;
    /** Set before posting to the context, so the posted run fires instead of checking again. */
    private boolean dispatched;
    /** {@code FLAT_MAP}: the awaiter of what the function returned, once it did. */
    private Awaiter<R> inner;

    private Composition(
            Awaiter<T> source, int kind, Object fn, Class<? extends Throwable> recovers, AsyncContext context) {
        this.source = source;
        this.kind = kind;
        this.fn = fn;
        this.recovers = recovers;
        this.context = context;
    }

    /** A composition of an Awaitable: captures the current context and registers itself. */
    static <T, R> Awaitable<R> of(Awaitable<T> source, int kind, Object fn, Class<? extends Throwable> recovers) {
        Composition<T, R> node = new Composition<>(source, kind, fn, recovers, AsyncContext.current());
        source.addContinuation(node);
        return node;
    }

    /** A composition of another awaiter, which decides by its own options where the node resumes. */
    static <T, R> Awaitable<R> ofAwaiter(Awaiter<T> source, int kind, Object fn, Class<? extends Throwable> recovers) {
        Composition<T, R> node = new Composition<>(source, kind, fn, recovers, null);
        source.onCompleted(node);
        return node;
    }

    @Override
    public void run() {
        Awaiter<R> in = inner;
        if (in != null) {
            completeFromInner(in);
            return;
        }
        AsyncContext c = context;
        if (c != null && !dispatched && !c.isCurrent()) {
            dispatched = true;
            c.post(this);
            return;
        }
        fire();
    }

    /* ---------------- The source completed: run the function ---------------- */

    @SuppressWarnings("unchecked")
    private void fire() {
        T value = null;
        Throwable failure = null;
        if (source instanceof Awaitable<T> a) {
            Object r = a.rawResult();
            if (r instanceof Faulted || r instanceof Cancelled) {
                if (kind == MAP || kind == FLAT_MAP) {
                    fn = null;
                    completeFrom(a); // keeps a combinator's AggregateException whole
                    return;
                }
                try {
                    a.getResult();
                } catch (Throwable t) {
                    failure = t; // what an await rethrows; observes a fault
                }
            } else {
                value = r == NIL ? null : (T) r;
            }
        } else {
            try {
                value = source.getResult();
            } catch (Throwable t) {
                failure = t;
            }
        }
        Object f = fn;
        fn = null;
        try {
            switch (kind) {
                case MAP -> {
                    if (failure != null) {
                        fail(failure);
                    } else {
                        trySetResult(((Function<? super T, ? extends R>) f).apply(value));
                    }
                }
                case FLAT_MAP -> {
                    if (failure != null) {
                        fail(failure);
                    } else {
                        compose(((Function<? super T, ? extends AwaitableLike<R>>) f).apply(value));
                    }
                }
                case HANDLE -> trySetResult(((BiFunction<? super T, Throwable, ? extends R>) f).apply(value, failure));
                case WHEN_COMPLETE -> whenComplete((BiConsumer<? super T, Throwable>) f, value, failure);
                case RECOVER -> {
                    if (failure != null && recovers.isInstance(failure)) {
                        trySetResult(((Function<Throwable, ? extends R>) f).apply(failure));
                    } else if (failure != null) {
                        fail(failure);
                    } else {
                        trySetResult((R) value);
                    }
                }
                default -> throw new IllegalStateException("kind " + kind);
            }
        } catch (Throwable t) {
            fail(t); // the function threw: the result faults with that (cancelled, for a CancellationException)
        }
    }

    @SuppressWarnings("unchecked")
    private void whenComplete(BiConsumer<? super T, Throwable> action, T value, Throwable failure) {
        try {
            action.accept(value, failure);
        } catch (Throwable t) {
            if (failure == null) {
                fail(t);
                return;
            }
            if (t != failure) {
                failure.addSuppressed(t); // as CompletableFuture.whenComplete: the source's failure wins
            }
        }
        if (failure != null) {
            fail(failure);
        } else {
            trySetResult((R) value);
        }
    }

    private void fail(Throwable failure) {
        if (failure instanceof CancellationException ce) {
            trySetCancelled(ce);
        } else {
            trySetException(failure);
        }
    }

    /* ---------------- flatMap: the inner awaitable ---------------- */

    private void compose(AwaitableLike<R> next) {
        if (next == null) {
            throw new NullPointerException("flatMap function returned null instead of an awaitable");
        }
        Awaiter<R> in = next.getAwaiter();
        if (in.isCompleted()) {
            completeFromInner(in);
            return;
        }
        inner = in; // published by the registration below
        if (in instanceof Awaitable<R> a) {
            a.addContinuation(this);
        } else {
            in.unsafeOnCompleted(this);
        }
    }

    private void completeFromInner(Awaiter<R> in) {
        if (in instanceof Awaitable<R> a) {
            completeFrom(a);
            return;
        }
        R value;
        try {
            value = in.getResult();
        } catch (Throwable t) {
            fail(t);
            return;
        }
        trySetResult(value);
    }

    /* ---------------- Deadlock detection and diagnostics ---------------- */

    /**
     * The captured context, while the function has yet to run there. Reads plain fields another
     * thread writes: racy, but benign, as deadlock detection only needs the state of a node that
     * stays pending while the joining loop is blocked, which nothing changes.
     */
    @Override
    protected AsyncContext resumesOn() {
        return inner == null && fn != null ? context : null;
    }

    @Override
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        Awaiter<R> in = inner;
        sink.accept(in != null ? in.dependency() : source.dependency());
    }

    @Override
    protected String describe() {
        String name = switch (kind) {
            case MAP -> "map";
            case FLAT_MAP -> "flatMap";
            case HANDLE -> "handle";
            case WHEN_COMPLETE -> "whenComplete";
            case RECOVER -> "recover";
            default -> throw new IllegalStateException("kind " + kind);
        };
        return name + '@' + Integer.toHexString(System.identityHashCode(this));
    }
}
