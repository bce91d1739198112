package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.internal.Sneaky;
import dev.awaitable.internal.Trampoline;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * The reusable machinery behind an {@link AwaitableSource}: one operation at a time, one awaiter
 * per operation, reset between operations (.NET's {@code ManualResetValueTaskSourceCore<T>}).
 * Keep one in a field of a pooled object and delegate the {@code AwaitableSource} methods to it.
 *
 * <p>Usage: {@code reset()} starts an operation and changes {@link #version()}; hand out
 * {@code ValueAwaitable.from(source, core.version())}; later {@code setResult} or
 * {@code setException} completes it; the awaiter reads it once with the token.
 *
 * @param <T> the result type
 */
public final class ManualResetSourceCore<T> {

    /*
     * Implementation notes.
     *
     * Per operation: PENDING (completed == false) -> COMPLETED (completed == true), once.
     * `continuation`: null (none yet) | the registered Runnable | COMPLETED_SENTINEL.
     *
     * Race (register vs complete): the completer publishes result/error and `completed`, then
     * CASes `continuation` null -> SENTINEL; if that fails, a continuation is there and the
     * completer runs it. The registrar CASes null -> continuation; if that fails and it finds
     * the SENTINEL, the operation is already complete and the registrar runs its continuation
     * itself. Exactly one side runs it.
     *
     * Tokens: `version` changes only in reset() and tryClaim(). Every public call with a token
     * checks it first, and the readers recheck it after reading (see revalidate()), so a stale
     * token fails even when reset() and the next completion race the read.
     * Not thread-safe across operations: reset() must not race with the previous operation's
     * awaiter (the owner's pooling discipline guarantees that).
     */

    private static final Object COMPLETED_SENTINEL = new Object();

    private volatile int version;
    private volatile boolean completed;
    private T result;
    private Throwable error;
    private volatile Object continuation;
    private boolean runContinuationsAsynchronously;

    /** Whether continuations are handed to the backend scheduler instead of run by the completer. */
    public void setRunContinuationsAsynchronously(boolean value) {
        this.runContinuationsAsynchronously = value;
    }

    /** The token of the current operation. */
    public int version() {
        return version;
    }

    /** Starts the next operation: a new version; the previous operation's tokens go stale. */
    public void reset() {
        VERSION.getAndAdd(this, 1); // a full fence: no clear below can be seen before the new version
        result = null;
        error = null;
        continuation = null;
        completed = false;
    }

    public void setResult(T value) {
        checkPending();
        result = value;
        signalCompletion();
    }

    /** Faults the operation; a {@link CancellationException} makes it CANCELLED. */
    public void setException(Throwable exception) {
        checkPending();
        error = exception;
        signalCompletion();
    }

    private void checkPending() {
        if (completed) {
            throw new IllegalStateException("operation " + version + " is already complete; reset() before reusing the source");
        }
    }

    private void signalCompletion() {
        completed = true;
        Object k = continuation;
        if (k != null || !CONTINUATION.compareAndSet(this, null, COMPLETED_SENTINEL)) {
            invoke((Runnable) continuation);
        }
    }

    public AwaitableStatus status(int token) {
        validate(token);
        boolean done = completed;
        Throwable e = error;
        revalidate(token);
        if (!done) {
            return AwaitableStatus.PENDING;
        }
        if (e == null) {
            return AwaitableStatus.SUCCEEDED;
        }
        return e instanceof CancellationException ? AwaitableStatus.CANCELLED : AwaitableStatus.FAULTED;
    }

    public T getResult(int token) {
        validate(token);
        boolean done = completed;
        Throwable e = error;
        T r = result;
        revalidate(token);
        if (!done) {
            throw new IllegalStateException("getResult() before operation " + token + " completed");
        }
        if (e != null) {
            throw Sneaky.raise(e);
        }
        return r;
    }

    /**
     * Claims completed operation {@code token} for its one consumer, atomically: the version
     * moves on, so any other holder of the token is stale from now on, and the caller owns the
     * outcome (read it with {@link #claimedResult()}) and the core until it reuses it. False if
     * the operation is not complete, the token is stale, or another consumer claimed it first.
     * Pooling builders use it so that two consumers of one call cannot both recycle it.
     */
    public boolean tryClaim(int token) {
        return completed && version == token && VERSION.compareAndSet(this, token, token + 1);
    }

    /** The outcome of the operation this thread claimed; clears it. Throws the operation's exception. */
    public T claimedResult() {
        Throwable e = error;
        T r = result;
        result = null;
        error = null;
        continuation = null;
        completed = false;
        if (e != null) {
            throw Sneaky.raise(e);
        }
        return r;
    }

    public void onCompleted(Runnable k, int token, boolean continueOnCapturedContext) {
        validate(token);
        if (continueOnCapturedContext) {
            AsyncContext context = AsyncContext.current();
            if (context != null) {
                k = new ContextContinuation(context, k);
            }
        }
        Object c = continuation;
        if (c == null && CONTINUATION.compareAndSet(this, null, k)) {
            return;
        }
        c = continuation;
        if (c == COMPLETED_SENTINEL) {
            invoke(k);
            return;
        }
        throw new IllegalStateException("operation " + token + " already has an awaiter: a source operation is awaited once");
    }

    private void invoke(Runnable k) {
        if (!runContinuationsAsynchronously) {
            Trampoline.run(k);
        } else if (k instanceof ContextContinuation cc) {
            cc.context.post(cc.continuation);
        } else {
            Backends.current().scheduler().execute(k);
        }
    }

    private void validate(int token) {
        if (token != version) {
            throw stale(token);
        }
    }

    /**
     * Race (a stale reader vs reset and the next operation's completion): the fields read after
     * the first check may already belong to the next operation. A seqlock-style recheck: the
     * reads above cannot move below the fence, reset() published its new version before
     * clearing anything, so seeing any of the next operation's fields means seeing its version.
     */
    private void revalidate(int token) {
        VarHandle.loadLoadFence();
        if (token != version) {
            throw stale(token);
        }
    }

    private IllegalStateException stale(int token) {
        return new IllegalStateException("stale token " + token + ": this source has moved on to operation "
                + version + "; a ValueAwaitable from a reusable source may be awaited only once, before reuse");
    }

    // VarHandle mechanics
    private static final VarHandle CONTINUATION;
    private static final VarHandle VERSION;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CONTINUATION = l.findVarHandle(ManualResetSourceCore.class, "continuation", Object.class);
            VERSION = l.findVarHandle(ManualResetSourceCore.class, "version", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
