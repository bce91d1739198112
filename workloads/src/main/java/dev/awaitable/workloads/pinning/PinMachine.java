package dev.awaitable.workloads.pinning;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.Completer;

/**
 * One {@code pinning} task, hand-compiled. The source it stands for holds the lock across the
 * await:
 * <pre>{@code
 * async Awaitable<Long> task(int i) {
 *     synchronized (lock) {            // or lock.lock() ... unlock()
 *         long pre = 2L * i;
 *         long v = await io.get(i);
 *         return pre + v;
 *     }
 * }
 * }</pre>
 * A state machine cannot do that: {@code moveNext} returns at the await, and a Java monitor is
 * block-structured, so it is released on the way out; a {@code ReentrantLock} would stay locked
 * but belong to the thread that suspended, and the resuming thread (the io thread) could not
 * unlock it. C# refuses {@code await} inside {@code lock} at compile time for the same reason.
 * So the honest machine releases the lock at the await and takes it again after: two critical
 * sections, with the lock NOT held while suspended. Whatever invariant the lock protected across
 * the await is not protected here; that is the semantic price of the stackless model.
 */
final class PinMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int index;
    final Hold hold;
    final Object lock;
    final Completer io;
    int state;
    long pre;
    Awaiter<Long> awaiter;

    private PinMachine(int index, Hold hold, Object lock, Completer io) {
        this.index = index;
        this.hold = hold;
        this.lock = lock;
        this.io = io;
    }

    static Awaitable<Long> start(int index, Hold hold, Object lock, Completer io) {
        PinMachine m = new PinMachine(index, hold, lock, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Long> aw;
            if (state == 0) {
                pre = hold.locked(lock, index, 0, PinningWorkload::before); // released before suspending
                aw = io.awaitable((long) index).getAwaiter();
                if (!aw.isCompleted()) {
                    state = 1;
                    awaiter = aw;
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
            } else if (state == 1) {
                aw = awaiter;
                awaiter = null;
            } else {
                throw new IllegalStateException("state " + state);
            }
            long v = aw.getResult();
            long result = hold.locked(lock, pre, v, PinningWorkload::after); // taken again after resuming
            state = -1;
            builder.setResult(result);
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
