package dev.awaitable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link Awaitables#whenAnySuccessful}: the value of the first input to succeed; if none does,
 * FAULTED with an {@link AggregateException} of every input's failure in input order (a
 * cancellation as its {@link java.util.concurrent.CancellationException}), which an await
 * rethrows itself: no single input's failure is "the" failure (as JavaScript's
 * {@code Promise.any} rejects with an {@code AggregateError}).
 *
 * <p>One small {@link Arm} per input carries its index. `failed` counts inputs that ended
 * without success; the arm whose failure makes it reach the number of inputs builds the
 * aggregate (exactly one, by atomicity), reading every input, all complete by then. A success
 * wins by trySetResult (the first wins, later ones lose harmlessly), then removes the other arms
 * from their inputs and lets go of them, as {@link WhenAnyAwaitable} does; the losers' later
 * faults are theirs to report. Faults seen before the success are observed: tolerating them is
 * the point of this combinator.
 *
 * <p>Race (registration vs an early win on another thread): as in {@link WhenAnyAwaitable},
 * `arms` is written by the constructing thread and read by the winner without
 * synchronization. Racy, but benign: an arm the winner does not see stays registered until its
 * input completes, then loses its trySetResult or its count no longer matters.
 */
final class FirstSuccessAwaitable<T> extends Awaitable<T> {
    /** The inputs, each an {@code Awaitable<T>}; a winner nulls the losers out. */
    private final Awaitable<?>[] inputs;

    private final Object[] arms;

    @SuppressWarnings("unused") // via FAILED
    private volatile int failed;

    FirstSuccessAwaitable(Awaitable<?>[] inputs) {
        this.inputs = inputs.clone();
        this.arms = new Object[inputs.length];
        for (int i = 0; i < inputs.length && !isCompleted(); i++) {
            Awaitable<?> a = this.inputs[i];
            if (a == null) {
                break; // a winner already let go of the losers
            }
            Arm arm = new Arm(i);
            if (a.isCompleted()) {
                arm.run();
            } else {
                arms[i] = arm;
                a.unsafeOnCompleted(arm);
            }
        }
    }

    private void settle(int index) {
        Awaitable<?> input = inputs[index];
        if (input == null) {
            return; // a winner let go of it
        }
        if (input.isCompletedSuccessfully()) {
            @SuppressWarnings("unchecked") // every input is an Awaitable<T> (see Awaitables.whenAnySuccessful)
            T value = (T) input.resultNow();
            if (trySetResult(value)) {
                letGoOfLosers(index);
            }
            return;
        }
        input.exception(); // observe: a tolerated failure
        if ((int) FAILED.getAndAdd(this, 1) + 1 == inputs.length) {
            List<Throwable> failures = new ArrayList<>(inputs.length);
            for (Awaitable<?> a : inputs) {
                failures.add(a.exception());
            }
            AggregateException all =
                    new AggregateException("whenAnySuccessful: all " + inputs.length + " inputs failed", failures);
            trySetAggregate(all, all);
        }
    }

    private void letGoOfLosers(int winner) {
        for (int i = 0; i < inputs.length; i++) {
            if (i == winner) {
                continue;
            }
            Object arm = arms[i];
            Awaitable<?> loser = inputs[i];
            if (arm != null && loser != null) {
                loser.removeContinuation((Runnable) arm);
            }
            arms[i] = null;
            inputs[i] = null;
        }
    }

    @Override
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        if (!isCompleted()) {
            for (Awaitable<?> a : inputs) {
                if (a != null && !a.isCompleted()) {
                    sink.accept(a);
                }
            }
        }
    }

    @Override
    protected String describe() {
        return "whenAnySuccessful(" + inputs.length + ")@" + Integer.toHexString(System.identityHashCode(this));
    }

    private final class Arm implements Runnable {
        private final int index;

        Arm(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            settle(index);
        }
    }

    // VarHandle mechanics
    private static final VarHandle FAILED;

    static {
        try {
            FAILED = MethodHandles.lookup().findVarHandle(FirstSuccessAwaitable.class, "failed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
