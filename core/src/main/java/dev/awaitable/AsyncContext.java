package dev.awaitable;

import dev.awaitable.internal.AsyncThread;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where a continuation resumes: .NET's {@code SynchronizationContext}.
 *
 * <p>An await captures {@link #current()} and, once the awaited work completes, resumes there
 * via {@link #post} (or inline, when the completing thread is already on the context). With no
 * current context, continuations run inline on the completing thread. Two contexts ship:
 * {@link SingleThreadContext}, an event loop with one named thread, like a UI thread; and
 * {@link #fromExecutor}, which runs continuations on an executor's threads. Subclass to write
 * your own.
 *
 * <p>A thread is "on" a context when it is a context's own thread, or while it is inside
 * {@link #enter}.
 *
 * <p>Thread identity: "on the context" is not "the same {@code Thread}". A direct-style body on
 * the loom backend, started on a context, runs as a virtual thread mounted on the context's
 * thread (for a {@link SingleThreadContext}) and has entered the context: {@link #isCurrent()}
 * and {@link #current()} are true, but {@code Thread.currentThread()} is the virtual thread, and
 * the {@code ThreadLocal}s of the context's thread are not visible to it. Check
 * {@code context.isCurrent()}, never a comparison with a thread (as Swing's
 * {@code isEventDispatchThread} and JavaFX's {@code isFxApplicationThread} do).
 */
public abstract class AsyncContext {

    private static final ThreadLocal<AsyncContext> CURRENT = new ThreadLocal<>();
    /**
     * Set by the first {@link #enter}; until then {@link #current()} skips the ThreadLocal.
     * Racy, but benign: only a thread's own enter() matters to its own current(), and program
     * order makes its own write visible to it.
     */
    private static boolean anyEntered;

    protected AsyncContext() {}

    /** The context of the calling thread, or null if it has none. */
    public static AsyncContext current() {
        Thread t = Thread.currentThread();
        if (t instanceof AsyncThread at) {
            AsyncContext c = at.asyncContext();
            if (c != null) {
                return c;
            }
        }
        return anyEntered ? CURRENT.get() : null;
    }

    /**
     * Makes {@code context} the calling thread's current context until the returned scope is
     * closed, which restores the previous one. For code that runs work on a context's behalf
     * (an executor-backed context, a virtual thread bound to an event loop).
     */
    public static Scope enter(AsyncContext context) {
        anyEntered = true;
        AsyncContext previous = CURRENT.get();
        CURRENT.set(context);
        return new Scope(previous);
    }

    /** A context that posts to {@code executor} and is current while the posted work runs. */
    public static AsyncContext fromExecutor(String name, Executor executor) {
        return new ExecutorContext(Objects.requireNonNull(name, "name"), Objects.requireNonNull(executor, "executor"));
    }

    /** Queues {@code action} to run on this context. Never runs it inline. */
    public abstract void post(Runnable action);

    /** A name for diagnostics (the thread name of an event loop). */
    public abstract String name();

    /** True if code on the calling thread already runs on this context. */
    public boolean isCurrent() {
        return current() == this;
    }

    /** How many actions were posted to this context, or -1 if it does not count them. */
    public long postCount() {
        return -1;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + '[' + name() + ']';
    }

    /** Restores the previous context when closed; close it on the thread that entered. */
    public static final class Scope implements AutoCloseable {
        private final AsyncContext previous;

        private Scope(AsyncContext previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
