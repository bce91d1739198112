package dev.awaitable;

import dev.awaitable.internal.Backends;

/**
 * An awaitable with its await configured: whether to resume on the captured context, whether to
 * suppress throwing, whether to force a yield ({@link Awaitable#configureAwait}). Await it like
 * the original; it is its own awaiter.
 *
 * @param <T> the result type
 */
public final class ConfiguredAwaitable<T> implements AwaitableLike<T>, Awaiter<T> {

    static final int CONTINUE_ON_CAPTURED_CONTEXT = 1;
    static final int SUPPRESS_THROWING = 2;
    static final int FORCE_YIELDING = 4;

    private final Awaiter<T> inner;
    private final int options;

    ConfiguredAwaitable(Awaiter<T> inner, int options) {
        this.inner = inner;
        this.options = options;
    }

    @Override
    public Awaiter<T> getAwaiter() {
        return this;
    }

    /** False when forcing a yield, so the await always suspends. */
    @Override
    public boolean isCompleted() {
        return (options & FORCE_YIELDING) == 0 && inner.isCompleted();
    }

    @Override
    public void onCompleted(Runnable continuation) {
        AsyncContext context = continueOnCapturedContext() ? AsyncContext.current() : null;
        if (context != null) {
            continuation = new ContextContinuation(context, continuation);
        }
        register(continuation, context);
    }

    @Override
    public void unsafeOnCompleted(Runnable continuation) {
        register(continuation, null);
    }

    private void register(Runnable continuation, AsyncContext context) {
        if ((options & FORCE_YIELDING) != 0 && inner.isCompleted()) {
            // Never inline: queue to the captured context, else to the backend's scheduler.
            if (context != null) {
                context.post(((ContextContinuation) continuation).continuation);
            } else {
                Backends.current().scheduler().execute(continuation);
            }
            return;
        }
        inner.unsafeOnCompleted(continuation);
    }

    @Override
    public Awaitable<?> dependency() {
        return inner.dependency();
    }

    @Override
    public boolean continueOnCapturedContext() {
        return (options & CONTINUE_ON_CAPTURED_CONTEXT) != 0;
    }

    /** The result; with {@link ConfigureAwaitOptions#SUPPRESS_THROWING}, null instead of an exception. */
    @Override
    public T getResult() {
        if ((options & SUPPRESS_THROWING) == 0) {
            return inner.getResult();
        }
        try {
            return inner.getResult();
        } catch (IllegalStateException e) {
            if (!inner.isCompleted()) {
                throw e;
            }
            return null;
        } catch (Throwable ignored) {
            return null; // observed and suppressed, as configured
        }
    }

    /* ---------------- Composition, resuming as configured ---------------- */

    /**
     * {@link Awaitable#map}, with the mapper run where an await of this configured awaitable
     * would resume: {@code configureAwait(false).map(f)} runs {@code f} inline on the completing
     * thread whatever the context; {@code FORCE_YIELDING} always posts it (to the captured context,
     * else the scheduler). The mapper sees what {@link #getResult()} returns, so with
     * {@code SUPPRESS_THROWING} a failure reaches it as null. Consumes a ValueAwaitable source.
     */
    public <R> Awaitable<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
        return Composition.ofAwaiter(this, Composition.MAP, java.util.Objects.requireNonNull(mapper, "mapper"), null);
    }

    /** {@link Awaitable#flatMap}, resuming as configured (see {@link #map}). */
    public <R> Awaitable<R> flatMap(java.util.function.Function<? super T, ? extends AwaitableLike<R>> next) {
        return Composition.ofAwaiter(this, Composition.FLAT_MAP, java.util.Objects.requireNonNull(next, "next"), null);
    }

    /** {@link Awaitable#handle}, resuming as configured (see {@link #map}). */
    public <R> Awaitable<R> handle(java.util.function.BiFunction<? super T, ? super Throwable, ? extends R> handler) {
        return Composition.ofAwaiter(
                this, Composition.HANDLE, java.util.Objects.requireNonNull(handler, "handler"), null);
    }

    /** {@link Awaitable#whenComplete}, resuming as configured (see {@link #map}). */
    public Awaitable<T> whenComplete(java.util.function.BiConsumer<? super T, ? super Throwable> action) {
        return Composition.ofAwaiter(
                this, Composition.WHEN_COMPLETE, java.util.Objects.requireNonNull(action, "action"), null);
    }

    /** {@link Awaitable#recover(Class, java.util.function.Function)}, resuming as configured (see {@link #map}). */
    public <X extends Throwable> Awaitable<T> recover(
            Class<X> type, java.util.function.Function<? super X, ? extends T> fallback) {
        return Composition.ofAwaiter(
                this,
                Composition.RECOVER,
                java.util.Objects.requireNonNull(fallback, "fallback"),
                java.util.Objects.requireNonNull(type, "type"));
    }

    @Override
    public String toString() {
        return "ConfiguredAwaitable[" + inner + ", options=" + options + ']';
    }
}
