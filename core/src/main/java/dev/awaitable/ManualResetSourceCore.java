package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.internal.Sneaky;
import dev.awaitable.internal.Trampoline;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
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
     * Per operation, everything hangs on the `continuation` slot:
     *
     *   null ──onCompleted──▶ Runnable ──complete──▶ COMPLETED_SENTINEL   (the completer runs it)
     *   null ──complete──▶ COMPLETED_SENTINEL ──onCompleted──▶ (same)     (the registrar runs it)
     *
     * "Done" is `continuation == COMPLETED_SENTINEL`; there is no separate flag. reset() (and
     * claimedResult()) put the slot back to null for the next operation.
     *
     * Completion is one atomic step: the completer writes result/error, then swaps the slot to
     * the sentinel. The swap both publishes the outcome (the reader who sees the sentinel sees
     * the result written before it) and takes whatever continuation was registered. After the
     * swap the completer never touches the core again: it runs the continuation it took, which
     * it holds in a local, with the scheduling mode it read before the swap. So the awaiter may
     * take the result, reset() and register on the next operation the moment it sees the
     * operation done, while the completer is still returning from setResult (GeneratorIterator
     * relies on this).
     *
     * Race (register vs complete): the registrar CASes null -> continuation; if that fails and
     * it finds the sentinel, the operation is already complete and the registrar runs its
     * continuation itself. The completer's swap returns either null (nobody registered yet: the
     * registrar will find the sentinel) or the continuation (it runs it). Exactly one side runs it.
     *
     * Tokens: `version` changes only in reset() and tryClaim(). Every public call with a token
     * checks it first, and the readers recheck it after reading (see revalidate()), so a stale
     * token fails even when reset() and the next completion race the read.
     * Not thread-safe across operations: reset() must not race with the previous operation's
     * awaiter (the owner's pooling discipline guarantees that); it may race with the previous
     * operation's completer, which is done with the core once its completion is visible.
     */

    private static final Object COMPLETED_SENTINEL = new Object();

    private volatile int version;
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
        if (continuation == COMPLETED_SENTINEL) {
            throw new IllegalStateException(
                    "operation " + version + " is already complete; reset() before reusing the source");
        }
    }

    /** The one atomic step of completion; after the swap nothing here reads or writes the core. */
    private void signalCompletion() {
        boolean async = runContinuationsAsynchronously;
        Object k = CONTINUATION.getAndSet(this, COMPLETED_SENTINEL);
        if (k == COMPLETED_SENTINEL) { // two completers at once: this one lost (its message reads nothing shared)
            throw new IllegalStateException("operation already completed by a concurrent setResult/setException");
        }
        if (k != null) {
            invoke((Runnable) k, async);
        }
    }

    public AwaitableStatus status(int token) {
        validate(token);
        boolean done = continuation == COMPLETED_SENTINEL;
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
        boolean done = continuation == COMPLETED_SENTINEL;
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
        return continuation == COMPLETED_SENTINEL && version == token && VERSION.compareAndSet(this, token, token + 1);
    }

    /** The outcome of the operation this thread claimed; clears it. Throws the operation's exception. */
    public T claimedResult() {
        Throwable e = error;
        T r = result;
        result = null;
        error = null;
        continuation = null;
        if (e != null) {
            throw Sneaky.raise(e);
        }
        return r;
    }

    public void onCompleted(Runnable k, int token, boolean continueOnCapturedContext) {
        Objects.requireNonNull(k, "continuation");
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
            invoke(k, runContinuationsAsynchronously);
            return;
        }
        throw new IllegalStateException(
                "operation " + token + " already has an awaiter: a source operation is awaited once");
    }

    private static void invoke(Runnable k, boolean async) {
        if (!async) {
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
        return new IllegalStateException("stale token " + token + ": this source has moved on to operation " + version
                + "; a ValueAwaitable from a reusable source may be awaited only once, before reuse");
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
