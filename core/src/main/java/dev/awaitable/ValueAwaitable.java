package dev.awaitable;

import java.util.Objects;

/**
 * A result that is often already there: .NET's {@code ValueTask<T>}. Holds a value, an
 * {@link Awaitable}, or an {@link AwaitableSource} plus token.
 *
 * <p>Use it for hot paths that usually complete synchronously (a cache hit, a buffered read):
 * the synchronous case needs no {@code Awaitable}. A {@code ValueAwaitable} is consumed once:
 * a second await, or a {@code getResult()} before completion, throws
 * {@link IllegalStateException} saying so. Call {@link #asAwaitable()} (once) to get something
 * that may be awaited many times or stored.
 *
 * <p>Where we differ from .NET: Java has no structs, so this is a small object. When it is
 * created and awaited in the same compiled method (the usual shape: {@code await(cache.get(k))}),
 * the JIT's escape analysis removes the allocation, and benchmarks report 0 B/op; stored into a
 * field or passed through a call the JIT did not inline, it costs 32 bytes. .NET silently
 * misbehaves on a second await of a value-backed ValueTask; we detect it (reliably on one
 * thread; a race between two threads consuming the same instance is a bug we do not promise to
 * catch, as .NET does not).
 *
 * @param <T> the result type
 */
public final class ValueAwaitable<T> implements AwaitableLike<T>, Awaiter<T> {

    /*
     * Shape (fixed at construction):
     *   VALUE      source == null: `value` is the result, already complete
     *   AWAITABLE  source is an Awaitable<T>
     *   SOURCE     source is an AwaitableSource<T>; `token` is the operation
     * Use: `awaited` is set when a continuation is registered, `consumed` when the result is
     * taken (getResult, asAwaitable). Either twice throws.
     */

    private final Object source;
    private final T value;
    private final int token;
    private boolean awaited;
    private boolean consumed;

    private ValueAwaitable(Object source, T value, int token) {
        this.source = source;
        this.value = value;
        this.token = token;
    }

    /** Already complete with {@code value}. */
    public static <T> ValueAwaitable<T> of(T value) {
        return new ValueAwaitable<>(null, value, 0);
    }

    /** Completes as {@code awaitable} does. */
    public static <T> ValueAwaitable<T> from(Awaitable<T> awaitable) {
        return new ValueAwaitable<>(Objects.requireNonNull(awaitable, "awaitable"), null, 0);
    }

    /** Operation {@code token} of a reusable {@code source}. */
    public static <T> ValueAwaitable<T> from(AwaitableSource<T> source, int token) {
        return new ValueAwaitable<>(Objects.requireNonNull(source, "source"), null, token);
    }

    @Override
    public Awaiter<T> getAwaiter() {
        if (consumed) {
            throw alreadyConsumed();
        }
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean isCompleted() {
        Object s = source;
        if (s == null) {
            return true;
        }
        if (s instanceof Awaitable<?> a) {
            return a.isCompleted();
        }
        return ((AwaitableSource<T>) s).status(token) != AwaitableStatus.PENDING;
    }

    @Override
    public Awaitable<?> dependency() {
        return source instanceof Awaitable<?> a ? a : null;
    }

    /** Succeeded, faulted, cancelled or pending, without consuming. */
    @SuppressWarnings("unchecked")
    public AwaitableStatus status() {
        Object s = source;
        if (s == null) {
            return AwaitableStatus.SUCCEEDED;
        }
        if (s instanceof Awaitable<?> a) {
            return a.status();
        }
        return ((AwaitableSource<T>) s).status(token);
    }

    public boolean isCompletedSuccessfully() {
        return status() == AwaitableStatus.SUCCEEDED;
    }

    @Override
    public void onCompleted(Runnable continuation) {
        register(continuation, true);
    }

    @Override
    public void unsafeOnCompleted(Runnable continuation) {
        register(continuation, false);
    }

    @SuppressWarnings("unchecked")
    private void register(Runnable continuation, boolean captureContext) {
        if (consumed) {
            throw alreadyConsumed();
        }
        if (awaited) {
            throw new IllegalStateException("ValueAwaitable already has an awaiter: it may be awaited once; "
                    + "call asAwaitable() to await it more than once");
        }
        awaited = true;
        Object s = source;
        if (s == null) {
            Awaitable.completed(value).getAwaiter().onCompleted(continuation);
        } else if (s instanceof Awaitable<?> a) {
            if (captureContext) {
                a.onCompleted(continuation);
            } else {
                a.unsafeOnCompleted(continuation);
            }
        } else {
            ((AwaitableSource<T>) s).onCompleted(continuation, token, captureContext);
        }
    }

    /**
     * The result, consuming this {@code ValueAwaitable}.
     *
     * @throws IllegalStateException if not complete yet, or already consumed
     */
    @Override
    @SuppressWarnings("unchecked")
    public T getResult() {
        if (consumed) {
            throw alreadyConsumed();
        }
        Object s = source;
        if (s == null) {
            consumed = true;
            return value;
        }
        if (!isCompleted()) {
            throw new IllegalStateException("getResult() before the ValueAwaitable completed: await it first "
                    + "(a ValueAwaitable never blocks; asAwaitable().join() does)");
        }
        consumed = true;
        if (s instanceof Awaitable<?> a) {
            return (T) a.getResult();
        }
        return ((AwaitableSource<T>) s).getResult(token);
    }

    /**
     * An {@link Awaitable} with the same outcome, which may be awaited many times; consumes this
     * {@code ValueAwaitable} (.NET's {@code AsTask()}).
     */
    @SuppressWarnings("unchecked")
    public Awaitable<T> asAwaitable() {
        if (consumed) {
            throw alreadyConsumed();
        }
        consumed = true;
        Object s = source;
        if (s == null) {
            return Awaitable.completed(value);
        }
        if (s instanceof Awaitable<?> a) {
            return (Awaitable<T>) a;
        }
        AwaitableSource<T> src = (AwaitableSource<T>) s;
        Awaitable<T> copy = new Awaitable<>();
        Runnable transfer = () -> {
            try {
                copy.trySetResult(src.getResult(token));
            } catch (java.util.concurrent.CancellationException c) {
                copy.trySetCancelled(c);
            } catch (Throwable t) {
                copy.trySetException(t);
            }
        };
        if (src.status(token) != AwaitableStatus.PENDING) {
            transfer.run();
        } else {
            src.onCompleted(transfer, token, false);
        }
        return copy;
    }

    /* ---------------- Composition ---------------- */

    /**
     * {@link Awaitable#map} for a value that is often already there: a {@code ValueAwaitable}
     * holding a value maps it now, on the caller's thread, and allocates no awaitable; otherwise
     * the mapper runs where an await of this would resume (the context captured now). Consumes
     * this {@code ValueAwaitable}.
     */
    public <R> ValueAwaitable<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        if (source == null && !consumed) {
            consumed = true;
            try {
                return ValueAwaitable.of(mapper.apply(value));
            } catch (Throwable t) {
                return ValueAwaitable.from(failure(t));
            }
        }
        return ValueAwaitable.from(Composition.ofAwaiter(getAwaiter(), Composition.MAP, mapper, null));
    }

    /**
     * {@link Awaitable#flatMap} for a value that is often already there: a {@code ValueAwaitable}
     * holding a value passes it to {@code next} now and returns what it returns, as a
     * {@code ValueAwaitable}, allocating no awaitable of its own. Consumes this
     * {@code ValueAwaitable}.
     */
    public <R> ValueAwaitable<R> flatMap(java.util.function.Function<? super T, ? extends AwaitableLike<R>> next) {
        Objects.requireNonNull(next, "next");
        if (source == null && !consumed) {
            consumed = true;
            AwaitableLike<R> inner;
            try {
                inner = next.apply(value);
            } catch (Throwable t) {
                return ValueAwaitable.from(failure(t));
            }
            if (inner instanceof ValueAwaitable<R> v) {
                return v;
            }
            if (inner instanceof Awaitable<R> a) {
                return ValueAwaitable.from(a);
            }
            return ValueAwaitable.from(Awaitable.completedNull().flatMap(ignored -> inner));
        }
        return ValueAwaitable.from(Composition.ofAwaiter(getAwaiter(), Composition.FLAT_MAP, next, null));
    }

    private static <R> Awaitable<R> failure(Throwable t) {
        if (t instanceof java.util.concurrent.CancellationException ce) {
            return Awaitable.cancelledWith(ce);
        }
        return Awaitable.failed(t);
    }

    /** Configures the await (see {@link Awaitable#configureAwait(boolean)}). */
    public ConfiguredAwaitable<T> configureAwait(boolean continueOnCapturedContext) {
        return new ConfiguredAwaitable<>(
                this, continueOnCapturedContext ? ConfiguredAwaitable.CONTINUE_ON_CAPTURED_CONTEXT : 0);
    }

    public ConfiguredAwaitable<T> configureAwait(ConfigureAwaitOptions... options) {
        return new ConfiguredAwaitable<>(this, ConfigureAwaitOptions.bits(options));
    }

    private static IllegalStateException alreadyConsumed() {
        return new IllegalStateException("ValueAwaitable already consumed: a ValueAwaitable may be awaited once; "
                + "call asAwaitable() to await it more than once");
    }

    @Override
    public String toString() {
        Object s = source;
        String shape = s == null ? "value" : s instanceof Awaitable<?> ? "awaitable" : "source#" + token;
        return "ValueAwaitable[" + shape + (consumed ? ", consumed" : "") + ']';
    }
}
