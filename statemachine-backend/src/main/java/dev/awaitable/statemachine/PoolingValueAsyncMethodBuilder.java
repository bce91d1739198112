package dev.awaitable.statemachine;

import dev.awaitable.AsyncContext;
import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.ValueAwaitable;

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
 *     return m.builder.start();
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
     * Per call: start() -> [awaitOnCompleted -> run()]* -> setResult/setException -> consumer's
     * getResult(token) -> recycle(). recycle() bumps the core's version first, so the token of
     * the finished call is stale before the machine can be rented again; a second getResult
     * with it throws (and cannot release the machine twice). A call that succeeds synchronously
     * returns a value-backed ValueAwaitable and recycles at once.
     */

    private final ManualResetSourceCore<T> core = new ManualResetSourceCore<>();
    private final PooledAsyncStateMachine machine;
    @SuppressWarnings("rawtypes")
    private final MachinePool pool;
    /** The context to resume on while suspended, or null. */
    private AsyncContext context;

    public <M extends PooledAsyncStateMachine> PoolingValueAsyncMethodBuilder(M machine, MachinePool<M> pool) {
        this.machine = machine;
        this.pool = pool;
    }

    /** Runs the rented machine to its first suspension or end; the call's result. */
    public ValueAwaitable<T> start() {
        int token = core.version();
        try {
            machine.moveNext();
        } catch (Throwable t) {
            setException(t);
        }
        if (core.status(token) == AwaitableStatus.SUCCEEDED) {
            T value = core.getResult(token);
            StateMachineBox.STATS.synchronousCompletion();
            recycle();
            return ValueAwaitable.of(value);
        }
        return ValueAwaitable.from(this, token);
    }

    /** Suspends the machine until {@code awaiter} completes, on the captured context if any. */
    public void awaitOnCompleted(Awaiter<?> awaiter, AsyncStateMachine m) {
        context = awaiter.continueOnCapturedContext() ? AsyncContext.current() : null;
        StateMachineBox.STATS.suspension();
        awaiter.unsafeOnCompleted(this);
    }

    /** The awaited work completed: resume. */
    @Override
    public void run() {
        AsyncContext c = context;
        if (c != null && !c.isCurrent()) {
            c.post(this);
            return;
        }
        context = null;
        StateMachineBox.STATS.resumption();
        try {
            machine.moveNext();
        } catch (Throwable t) {
            setException(t);
        }
    }

    public void setResult(T value) {
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

    /** The call's result; consuming it returns the machine to its pool. */
    @Override
    public T getResult(int token) {
        if (token != core.version() || core.status(token) == AwaitableStatus.PENDING) {
            return core.getResult(token); // throws: stale token, or not complete yet
        }
        try {
            return core.getResult(token);
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
