package dev.awaitable;

import java.util.function.Consumer;

/**
 * {@link Awaitables#whenAny}: succeeds with the first input to complete (whatever that input's
 * outcome; it never faults itself), as .NET's {@code WhenAny}.
 *
 * <p>One small {@link Arm} per input carries its index, so the winner is exactly the first
 * completion (the first trySetResult wins; later arms lose harmlessly). The winner removes the
 * other arms from the losers and lets go of the losers, so neither side keeps the other
 * reachable. Losers' faults are not observed here: a loser that faults and is then dropped is
 * reported as unobserved, as in .NET.
 *
 * <p>Race (registration vs an early win on another thread): {@code arms} is written by the
 * constructing thread and read by the winner without synchronization. Racy, but benign: an arm
 * the winner does not see stays registered on its input until that input completes, and then
 * loses its trySetResult; the constructor stops registering once it sees the win.
 */
final class WhenAnyAwaitable<T> extends Awaitable<Awaitable<T>> {
    /** The inputs, each an {@code Awaitable<T>}; a winner nulls the losers out. */
    private final Awaitable<?>[] inputs;

    private final Object[] arms; // Arm per pending input; Object[] because Arm is an inner class of a generic

    WhenAnyAwaitable(Awaitable<?>[] inputs) {
        this.inputs = inputs;
        this.arms = new Object[inputs.length];
        for (int i = 0; i < inputs.length && !isCompleted(); i++) {
            Awaitable<?> a = inputs[i];
            if (a == null) {
                break; // a winner already let go of the losers
            }
            if (a.isCompleted()) {
                win(i);
                return;
            }
            Arm arm = new Arm(i);
            arms[i] = arm;
            a.unsafeOnCompleted(arm);
        }
    }

    private void win(int index) {
        @SuppressWarnings("unchecked") // every input is an Awaitable<T> (see the factories in Awaitables)
        Awaitable<T> winner = (Awaitable<T>) inputs[index];
        if (trySetResult(winner)) {
            for (int i = 0; i < inputs.length; i++) {
                if (i == index) {
                    continue;
                }
                Object arm = arms[i];
                Awaitable<?> loser = inputs[i];
                if (arm != null && loser != null) {
                    loser.removeContinuation((Runnable) arm);
                }
                arms[i] = null;
                inputs[i] = null; // let go of the losers: a dropped loser's fault is then reported
            }
        }
    }

    @Override
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        if (!isCompleted()) {
            for (Awaitable<?> a : inputs) {
                if (a != null) {
                    sink.accept(a);
                }
            }
        }
    }

    @Override
    protected String describe() {
        return "whenAny(" + inputs.length + ")@" + Integer.toHexString(System.identityHashCode(this));
    }

    private final class Arm implements Runnable {
        private final int index;

        Arm(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            win(index);
        }
    }
}
