package dev.awaitable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * {@link Awaitables#whenAll}: completes when every input has.
 *
 * <p>Outcome (as .NET's {@code WhenAll}): if any input faulted, FAULTED with an
 * {@link AggregateException} of every fault in input order (await rethrows the first); else if
 * any was cancelled, CANCELLED; else SUCCEEDED with the results in input order. Faults of the
 * inputs are observed here, once all are done, so an input that faults while others are
 * pending is never reported as unobserved.
 *
 * <p>This object is the one continuation registered on every pending input. `pending` counts
 * inputs not yet complete; the decrement that reaches zero (exactly one, by atomicity) builds
 * the outcome. Race: an input may complete while we are still registering on later ones; the
 * count starts at n + 1 and the registering thread removes its extra unit last, so the outcome
 * is built only after registration finished.
 *
 * <p>Settled form ({@link Awaitables#whenAllSettled}): the same wait, but the outcome is always
 * SUCCEEDED, with one {@link Outcome} per input in input order ({@code T} is then
 * {@code Outcome<U>}); every fault is observed, since the caller receives it.
 */
final class WhenAllAwaitable<T> extends Awaitable<List<T>> implements Runnable {
    /** The inputs; each an {@code Awaitable<? extends T>} (an array of a wildcard type, which Java can create). */
    private final Awaitable<?>[] inputs;

    /** Settled form: every input's Outcome instead of the values or the first failure. */
    private final boolean settled;

    @SuppressWarnings("unused") // via PENDING
    private volatile int pending;

    WhenAllAwaitable(Awaitable<?>[] inputs) {
        this(inputs, false);
    }

    WhenAllAwaitable(Awaitable<?>[] inputs, boolean settled) {
        this.inputs = inputs;
        this.settled = settled;
        this.pending = inputs.length + 1;
        for (Awaitable<?> a : inputs) {
            if (a.isCompleted()) {
                run();
            } else {
                a.unsafeOnCompleted(this);
            }
        }
        run();
    }

    /** One input completed (or registration finished). */
    @Override
    public void run() {
        if ((int) PENDING.getAndAdd(this, -1) == 1) {
            finish();
        }
    }

    private void finish() {
        if (settled) {
            List<Object> outcomes = new ArrayList<>(inputs.length);
            for (Awaitable<?> a : inputs) {
                outcomes.add(Outcome.of(a));
            }
            @SuppressWarnings("unchecked") // settled: T is Outcome<U>
            List<T> result = (List<T>) Collections.unmodifiableList(outcomes);
            trySetResult(result);
            return;
        }
        List<Throwable> faults = null;
        CancellationException cancelled = null;
        List<T> values = new ArrayList<>(inputs.length);
        try {
            for (Awaitable<?> a : inputs) {
                Object r = a.rawResult();
                if (r instanceof Faulted f) {
                    f.observe();
                    if (faults == null) {
                        faults = new ArrayList<>();
                    }
                    faults.add(f.rethrown);
                } else if (r instanceof Cancelled c) {
                    if (cancelled == null) {
                        cancelled = c.exception;
                    }
                } else if (faults == null && cancelled == null) {
                    @SuppressWarnings("unchecked")
                    T v = r == NIL ? null : (T) r;
                    values.add(v);
                }
            }
        } finally {
            java.lang.ref.Reference.reachabilityFence(
                    inputs); // each input's fault is observed before it can be collected
        }
        if (faults != null) {
            trySetAggregate(
                    new AggregateException(
                            "whenAll: " + faults.size() + " of " + inputs.length + " inputs faulted", faults),
                    faults.get(0));
        } else if (cancelled != null) {
            trySetCancelled(cancelled);
        } else {
            trySetResult(Collections.unmodifiableList(values));
        }
    }

    @Override
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        for (Awaitable<?> a : inputs) {
            if (!a.isCompleted()) {
                sink.accept(a);
            }
        }
    }

    @Override
    protected String describe() {
        return (settled ? "whenAllSettled(" : "whenAll(") + inputs.length + ")@"
                + Integer.toHexString(System.identityHashCode(this));
    }

    // VarHandle mechanics
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(WhenAllAwaitable.class, "pending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
