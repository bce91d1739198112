package dev.awaitable.statemachine;

import dev.awaitable.AsyncContext;
import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.internal.Tracing;

/**
 * A builder that lives inside a pooled machine and is reused with it across calls (.NET's
 * {@code PoolingAsyncValueTaskMethodBuilder<T>}): the call's {@link ValueAwaitable} is backed
 * by this builder as an {@link AwaitableSource}, and once the caller has taken the result the
 * machine is reset and returned to its {@link MachinePool}. An await loop in steady state
 * allocates nothing: no machine, no builder, no awaitable.
 *
 * <pre>{@code
 * final class ReadMachine implements PooledAsyncStateMachine {
 *     static final MachinePool<ReadMachine> POOL = MachinePool.create(ReadMachine::new);
 *     final PoolingValueAsyncMethodBuilder<Integer> builder = new PoolingValueAsyncMethodBuilder<>(this, POOL);
 *     int state; Source src;                       // hoisted
 *     public void moveNext() { ... builder.awaitOnCompleted(aw, this) ... builder.setResult(n) ... }
 *     public void reset() { state = 0; src = null; }
 * }
 * static ValueAwaitable<Integer> readAsync(Source src) {
 *     ReadMachine m = ReadMachine.POOL.rent();
 *     m.src = src;
 *     m.builder.start();
 *     return m.builder.valueAwaitable();
 * }
 * }</pre>
 *
 * <p>Misuse is detected, never silent: each call has a version token; after the result is
 * consumed the token goes stale, so awaiting the same call again, or holding its
 * {@code ValueAwaitable} across the machine's next use, throws {@link IllegalStateException}
 * instead of returning another call's result.
 *
 * @param <T> the method's result type
 */
public final class PoolingValueAsyncMethodBuilder<T> implements AwaitableSource<T>, Runnable {

    /*
     * Per call: start() -> [awaitOnCompleted -> run()]* -> setResult/setException ->
     * valueAwaitable() -> the consumer's getResult(token) -> recycle(). recycle() bumps the
     * core's version first, so the token of the finished call is stale before the machine can
     * be rented again; a second getResult with it throws (and cannot release the machine
     * twice). A call that succeeded synchronously gets a value-backed ValueAwaitable from
     * valueAwaitable() and is recycled there.
     *
     * Why start() and valueAwaitable() are two calls (as C#'s builder.Start and builder.Task):
     * start() runs the machine and compiles big, so C2 will not inline it; valueAwaitable() is
     * tiny and inlines, so the ValueAwaitable it makes is visible to escape analysis in the
     * caller and a call consumed right away allocates nothing.
     */

    /** What takeSynchronousResult returns while the call is still running (suspended or faulted). */
    private static final Object STILL_RUNNING = new Object();

    private final ManualResetSourceCore<T> core = new ManualResetSourceCore<>();
    private final PooledAsyncStateMachine machine;

    @SuppressWarnings("rawtypes")
    private final MachinePool pool;
    /** The context to resume on while suspended, or null. */
    private AsyncContext context;
    /** Whether the current call suspended at least once (for the statistics). */
    private boolean suspended;
    /** JFR resume tracing, only while the Resume event is enabled. */
    private long suspendedAt;

    private volatile long signalledAt;

    public <M extends PooledAsyncStateMachine> PoolingValueAsyncMethodBuilder(M machine, MachinePool<M> pool) {
        this.machine = machine;
        this.pool = pool;
    }

    /**
     * Runs the rented machine until its first suspension or its end (C#'s {@code builder.Start}).
     * Follow it with {@link #valueAwaitable()}, as a C# method returns {@code builder.Task}.
     */
    public void start() {
        advance(true);
    }

    /**
     * The call's result (C#'s {@code builder.Task}): value-backed if the call already succeeded
     * (the machine then goes back to its pool at once), else backed by this builder under the
     * call's token. Kept tiny so it inlines into the caller, where escape analysis can see the
     * {@code ValueAwaitable} consumed and remove it; the machine itself runs in {@link #start()}.
     */
    @SuppressWarnings("unchecked")
    public ValueAwaitable<T> valueAwaitable() {
        int token = core.version();
        Object r = takeSynchronousResult(token);
        return r == STILL_RUNNING ? ValueAwaitable.from(this, token) : ValueAwaitable.of((T) r);
    }

    /** The value of a call that already succeeded (recycling the machine), else STILL_RUNNING. */
    private Object takeSynchronousResult(int token) {
        if (core.status(token) != AwaitableStatus.SUCCEEDED) {
            return STILL_RUNNING;
        }
        T value = core.getResult(token);
        recycle();
        return value;
    }

    /** Suspends the machine until {@code awaiter} completes, on the captured context if any. */
    public void awaitOnCompleted(Awaiter<?> awaiter, AsyncStateMachine m) {
        AsyncContext c = awaiter.continueOnCapturedContext() ? AsyncContext.current() : null;
        context = c;
        suspended = true;
        StateMachineBox.STATS.suspension();
        Tracing.suspended(StatemachineBackend.NAME, (Object) this, awaiter, c);
        suspendedAt = Tracing.resumeEnabled() ? System.nanoTime() : 0L;
        awaiter.unsafeOnCompleted(this);
    }

    /** The awaited work completed: resume, on the captured context. */
    @Override
    public void run() {
        advance(false);
    }

    /**
     * Runs the machine's next segment: the first one (starting) or the one after an await
     * (resuming, on the captured context; posting there first if we are elsewhere).
     */
    private void advance(boolean starting) {
        if (starting) {
            suspended = false;
        } else {
            AsyncContext c = context;
            if (c != null && !c.isCurrent()) {
                if (suspendedAt != 0L && signalledAt == 0L) {
                    signalledAt = System.nanoTime();
                }
                c.post(this);
                return;
            }
            context = null;
            StateMachineBox.STATS.resumption();
            if (suspendedAt != 0L) {
                long signalled = signalledAt != 0L ? signalledAt : System.nanoTime();
                Tracing.resumed(StatemachineBackend.NAME, System.identityHashCode(this), suspendedAt, signalled, c);
                suspendedAt = 0L;
                signalledAt = 0L;
            }
        }
        try {
            machine.moveNext();
        } catch (Throwable t) {
            setException(t);
        }
    }

    public void setResult(T value) {
        if (!suspended) {
            StateMachineBox.STATS.synchronousCompletion();
        }
        core.setResult(value);
    }

    public void setException(Throwable exception) {
        core.setException(exception);
    }

    @Override
    public AwaitableStatus status(int token) {
        return core.status(token);
    }

    @Override
    public void onCompleted(Runnable continuation, int token, boolean continueOnCapturedContext) {
        core.onCompleted(continuation, token, continueOnCapturedContext);
    }

    /**
     * The call's result; consuming it returns the machine to its pool. Race (two consumers of
     * one call, e.g. the same token held twice): only the one that claims the operation reads it
     * and recycles; the other finds its token stale. So a machine is never released twice.
     */
    @Override
    public T getResult(int token) {
        if (!core.tryClaim(token)) {
            return core.getResult(token); // throws: stale token, claimed by another, or not complete yet
        }
        try {
            return core.claimedResult();
        } finally {
            recycle();
        }
    }

    @SuppressWarnings("unchecked")
    private void recycle() {
        core.reset();
        context = null;
        machine.reset();
        pool.release(machine);
    }
}
