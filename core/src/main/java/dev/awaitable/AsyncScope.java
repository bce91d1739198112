package dev.awaitable;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Structured concurrency for awaitables: children started in a scope end before the scope does.
 * Kotlin's {@code coroutineScope}, the JDK's {@code StructuredTaskScope}, .NET's linked-token
 * fan-out pattern in one type.
 *
 * <ul>
 *   <li>{@link #fork} starts a child, a function of the scope's {@link #token()} that returns an
 *       awaitable: a hand-written machine, an {@code Async.run} body, any async method.</li>
 *   <li>{@link #join()} completes when every child has: FAULTED with the first failure (the
 *       exception an await of that child throws, the later failures attached to it as
 *       suppressed), else CANCELLED if the outer token was cancelled, else SUCCEEDED.</li>
 *   <li>The first failure cancels the scope's token, so siblings that observe it (an await with
 *       the token, a delay, a channel read) end early. A child that ends cancelled is not a
 *       failure.</li>
 *   <li>Cancelling the outer token given to the constructor cancels the scope's token.</li>
 *   <li>{@link #closeAsync()} / {@link #close()} cancel the children still running and wait for
 *       them all: leaving the scope never leaves a child running. A failure no {@code join}
 *       reported is reported by the close.</li>
 * </ul>
 *
 * <p>Direct style (loom), the scope in a try-with-resources block:
 * <pre>{@code
 * try (AsyncScope scope = new AsyncScope(token)) {
 *     Awaitable<User> user = scope.fork(t -> fetchUser(id, t));
 *     Awaitable<List<Order>> orders = scope.fork(t -> fetchOrders(id, t));
 *     await(scope.join());          // the first failure, the others suppressed; siblings cancelled
 *     return new Page(user.resultNow(), orders.resultNow());
 * }                                   // close(): cancels and waits for whatever still runs
 * }</pre>
 * Hand-written machines (every backend) use {@link #run(CancellationToken, Function)}, which
 * needs no close: its awaitable completes once the body's awaitable and every child have.
 * A machine that holds a scope itself awaits {@link #closeAsync()} in its {@code finally} state;
 * {@link #close()} blocks, which only a direct-style body (or a thread that may block) should do.
 *
 * <p>Thread-safe: children may be forked from any thread, and from inside other children.
 */
public final class AsyncScope implements AutoCloseable {

    /*
     * Implementation notes. State guarded by `this`: `children` (forked and not yet complete),
     * `failure` (the first failure; later ones are added to it as suppressed), `failureReported`
     * (a join or close has completed with it), `closed` (no more forks), `idle` (the awaitable
     * that completes when `children` next becomes empty; null when nobody waits). Completions
     * run outside the lock: a child's completion updates the state under it and then, outside,
     * cancels the token (first failure) and completes `idle` (last child), whose continuations
     * run inline there.
     */

    private final CancellationToken outer;
    private final CancellationTokenSource source;

    /** Running children, each with how many forks returned it (two forks may return one shared awaitable). */
    private final IdentityHashMap<Awaitable<?>, Integer> children = new IdentityHashMap<>();

    private Throwable failure;
    private boolean failureReported;
    private boolean closed;
    private Idle idle;
    private Awaitable<Void> closing;

    /** A scope with no outer token: only a failure, or closing, cancels its children. */
    public AsyncScope() {
        this(CancellationToken.NONE);
    }

    /** A scope whose token is cancelled when {@code outer} is (and on the first failure). */
    public AsyncScope(CancellationToken outer) {
        this.outer = Objects.requireNonNull(outer, "outer");
        this.source =
                outer.canBeCancelled() ? CancellationTokenSource.createLinked(outer) : new CancellationTokenSource();
    }

    /**
     * Runs {@code body} in a new scope and completes once the body's awaitable and every child it
     * forked have completed (nothing outlives it; the children are not cancelled when the body
     * finishes first, they are waited for, as Kotlin's {@code coroutineScope} does). The outcome:
     * the first failure of the body or a child (the others suppressed), else CANCELLED if
     * {@code outer} was cancelled or the body was, else the body's value. The body is forked like
     * a child, so it sees the scope's token as {@link #token()}.
     */
    public static <T> Awaitable<T> run(
            CancellationToken outer, Function<? super AsyncScope, ? extends Awaitable<T>> body) {
        Objects.requireNonNull(body, "body");
        AsyncScope scope = new AsyncScope(outer);
        Awaitable<T> main = scope.fork(t -> body.apply(scope));
        Awaitable<Void> all = scope.join();
        CompletionSource<T> result = new CompletionSource<>();
        all.unsafeOnCompleted(() -> {
            scope.closeQuietly();
            if (all.isFaulted()) {
                try {
                    all.getResult();
                } catch (Throwable t) {
                    result.trySetException(t);
                }
            } else if (all.isCancelled()) {
                result.trySetCancelled((CancellationException) all.exception());
            } else if (main.isCancelled()) {
                result.trySetCancelled((CancellationException) main.exception());
            } else {
                result.trySetResult(main.resultNow());
            }
        });
        return result.awaitable();
    }

    /** The token every child is given: cancelled on the first failure, by the outer token, or by closing. */
    public CancellationToken token() {
        return source.token();
    }

    /**
     * Starts a child: calls {@code child} with the scope's token now, on this thread (so it runs
     * to its first suspension before this returns, as an async method call does), and tracks
     * the awaitable it returns. A child that throws instead of returning an awaitable is a failed
     * child. Once the scope's token is cancelled a child is not started: the result is an
     * awaitable cancelled by that token.
     *
     * @return the child's own awaitable (await it for its value; its failure is also the scope's)
     * @throws IllegalStateException if the scope is closed
     */
    public <T> Awaitable<T> fork(Function<? super CancellationToken, ? extends Awaitable<T>> child) {
        Objects.requireNonNull(child, "child");
        CancellationToken token = source.token();
        Pending reservation = new Pending();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("fork on a closed AsyncScope");
            }
            if (token.isCancellationRequested()) {
                return Awaitable.cancelled(token);
            }
            children.put(reservation, 1); // counts the child while it runs to its first suspension
        }
        Awaitable<T> started;
        try {
            started = Objects.requireNonNull(child.apply(token), "a child returned null instead of an awaitable");
        } catch (CancellationException e) {
            started = Awaitable.cancelledWith(e);
        } catch (Throwable t) {
            started = Awaitable.failed(t);
        }
        Awaitable<T> a = started;
        synchronized (this) {
            children.merge(a, 1, Integer::sum);
            children.remove(reservation);
        }
        a.unsafeOnCompleted(() -> childDone(a));
        return a;
    }

    /**
     * Completes when every child forked so far (and any forked while waiting) has: FAULTED with
     * the first failure, the others suppressed; else CANCELLED (an
     * {@link OperationCanceledException} of the outer token) if the outer token was cancelled;
     * else SUCCEEDED. Each call returns an awaitable for the next moment the scope has no child
     * running. Awaiting it captures the context as any await does.
     */
    public Awaitable<Void> join() {
        return whenIdle(true);
    }

    /** The awaitable of the next moment no child runs; {@code reports}: a join, whose failure then counts as reported. */
    private Idle whenIdle(boolean reports) {
        Idle waiting;
        synchronized (this) {
            if (!children.isEmpty()) {
                if (idle == null) {
                    idle = new Idle();
                }
                idle.reports |= reports;
                return idle;
            }
            waiting = new Idle();
            waiting.reports = reports;
        }
        settle(waiting);
        return waiting;
    }

    /**
     * Closes the scope: no more forks; the children still running are cancelled (through the
     * token) and waited for. Completes when none runs: FAULTED with the first failure if no
     * {@link #join} reported it, else SUCCEEDED. Idempotent: every call returns the same
     * awaitable. Hand-written machines await this in their {@code finally} state.
     */
    public Awaitable<Void> closeAsync() {
        boolean cancel;
        synchronized (this) {
            if (closing != null) {
                return closing;
            }
            closed = true;
            cancel = !children.isEmpty();
        }
        if (cancel) {
            source.cancel();
        }
        Awaitable<Void> all = whenIdle(false);
        CompletionSource<Void> done = new CompletionSource<>();
        all.unsafeOnCompleted(() -> {
            all.exception(); // observed: the close reports what no join did
            source.close();
            Throwable unreported;
            synchronized (this) {
                unreported = failureReported ? null : failure;
                failureReported = true;
            }
            if (unreported != null) {
                done.trySetException(unreported);
            } else {
                done.trySetResult(null);
            }
        });
        synchronized (this) {
            if (closing == null) {
                closing = done.awaitable();
            }
            return closing;
        }
    }

    /**
     * {@link #closeAsync()}, blocking until every child has ended; rethrows a failure no
     * {@link #join} reported. For direct-style bodies (on loom the body's virtual thread waits)
     * and threads that may block; a hand-written machine awaits {@link #closeAsync()} instead.
     *
     * @throws DeadlockException if called on the thread of a single-threaded context that a
     *         running child must resume on
     */
    @Override
    public void close() {
        closeAsync().join();
    }

    private void closeQuietly() {
        synchronized (this) {
            closed = true;
            failureReported = true;
        }
        source.close();
    }

    /* ---------------- Children ending ---------------- */

    private void childDone(Awaitable<?> child) {
        Throwable failed = null;
        if (child.isFaulted()) {
            try {
                child.getResult();
            } catch (Throwable t) {
                failed = t; // what an await of the child throws; observes the fault
            }
        }
        boolean first = false;
        Idle done = null;
        synchronized (this) {
            if (failed != null) {
                if (failure == null) {
                    failure = failed;
                    first = true;
                } else if (failed != failure) {
                    failure.addSuppressed(failed);
                }
            }
            children.computeIfPresent(child, (k, n) -> n == 1 ? null : n - 1);
            if (children.isEmpty()) {
                done = idle;
                idle = null;
            }
        }
        if (first) {
            source.cancel(); // the siblings see it through their token
        }
        if (done != null) {
            settle(done);
        }
    }

    private void settle(Idle waiting) {
        Throwable f;
        synchronized (this) {
            f = failure;
            if (f != null && waiting.reports) {
                failureReported = true;
            }
        }
        if (f != null) {
            waiting.fail(f);
        } else if (outer.isCancellationRequested()) {
            waiting.cancel(new OperationCanceledException(outer));
        } else {
            waiting.succeed();
        }
    }

    @Override
    public String toString() {
        synchronized (this) {
            return "AsyncScope[" + children.size() + " running" + (failure != null ? ", failed: " + failure : "")
                    + (closed ? ", closed" : "") + ']';
        }
    }

    /** Completes when the scope next has no child running; reports the children to deadlock detection. */
    private final class Idle extends Awaitable<Void> {
        /** Whether a join returned it (guarded by the scope). */
        boolean reports;

        void succeed() {
            trySetResult(null);
        }

        void fail(Throwable t) {
            trySetException(t);
        }

        void cancel(CancellationException e) {
            trySetCancelled(e);
        }

        @Override
        protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
            List<Awaitable<?>> running;
            synchronized (AsyncScope.this) {
                running = new ArrayList<>(children.keySet());
            }
            running.forEach(sink);
        }

        @Override
        protected String describe() {
            return "AsyncScope.join@" + Integer.toHexString(System.identityHashCode(this));
        }
    }

    /** Stands for a child between its fork and the awaitable its function returns. */
    private static final class Pending extends Awaitable<Void> {}
}
