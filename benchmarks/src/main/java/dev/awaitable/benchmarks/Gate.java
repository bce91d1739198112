package dev.awaitable.benchmarks;

import dev.awaitable.AsyncContext;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A reusable single-waiter awaitable for benchmarks: {@link #arm()} makes it pending,
 * {@link #complete} hands a value to its one waiter. Awaiting it allocates nothing, so a
 * benchmark measures the await machinery (builders, parking, posting) and not the cost of
 * making a fresh pending awaitable per operation.
 *
 * <p>States: ARMED (pending, no waiter) -> WAITING (a continuation registered) -> DONE, or
 * ARMED -> DONE when completed before anyone waits. Race (register vs complete): both CAS the
 * {@code waiter} field; the completer swaps in DONE and runs what it found, a registrar that
 * finds DONE runs its continuation itself. One waiter per arming: a benchmark invariant.
 */
public final class Gate<T> implements AwaitableLike<T>, Awaiter<T> {
    private static final Object DONE = new Object();

    private volatile Object waiter = DONE;
    private T value;

    /** Makes the gate pending again; only once the previous value was taken. */
    public Gate<T> arm() {
        value = null;
        waiter = null;
        return this;
    }

    /** Completes the gate: its waiter (if any) runs inline, on this thread. */
    public void complete(T v) {
        value = v;
        Object w = WAITER.getAndSet(this, DONE);
        if (w != null && w != DONE) {
            ((Runnable) w).run();
        }
    }

    /** Completes the gate and hands its waiter (if any) to {@code scheduler}: a hop through it. */
    public void complete(T v, java.util.concurrent.Executor scheduler) {
        value = v;
        Object w = WAITER.getAndSet(this, DONE);
        if (w != null && w != DONE) {
            scheduler.execute((Runnable) w);
        }
    }

    @Override
    public Awaiter<T> getAwaiter() {
        return this;
    }

    @Override
    public boolean isCompleted() {
        return waiter == DONE;
    }

    @Override
    public void onCompleted(Runnable continuation) {
        AsyncContext c = AsyncContext.current();
        unsafeOnCompleted(
                c == null
                        ? continuation
                        : () -> {
                            if (c.isCurrent()) {
                                continuation.run();
                            } else {
                                c.post(continuation);
                            }
                        });
    }

    @Override
    public void unsafeOnCompleted(Runnable continuation) {
        if (!WAITER.compareAndSet(this, null, continuation)) {
            continuation.run(); // already completed
        }
    }

    @Override
    public T getResult() {
        if (waiter != DONE) {
            throw new IllegalStateException("gate not completed");
        }
        return value;
    }

    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(Gate.class, "waiter", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
