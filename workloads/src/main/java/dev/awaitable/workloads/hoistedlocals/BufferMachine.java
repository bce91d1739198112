package dev.awaitable.workloads.hoistedlocals;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;

/**
 * One task of {@code hoisted-locals}, hand-compiled in both styles:
 * <pre>{@code
 * async Awaitable<Long> held(int index) {          async Awaitable<Long> released(int index) {
 *     byte[] buffer = Buffers.filled(size, index);      long digest = Buffers.filledDigest(size, index);
 *     long v = await gate;                              long v = await gate;
 *     return Buffers.digest(buffer) + v;                return digest + v;
 * }                                                 }
 * }</pre>
 * In {@code held}, the buffer is used after the await, so the compiler hoists it into a field of
 * the machine and the suspended machine keeps it reachable (seed trap B); in {@code released}
 * only the {@code long} digest crosses the await. One class serves both: in the released style
 * the {@code buffer} field stays null (a compiler would not emit it; it costs one reference
 * slot, the same in both styles).
 */
final class BufferMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int index;
    final int size;
    final boolean held;
    final Awaitable<Long> gate;
    int state;
    byte[] buffer;
    long digest;
    Awaiter<Long> awaiter;

    private BufferMachine(int index, int size, boolean held, Awaitable<Long> gate) {
        this.index = index;
        this.size = size;
        this.held = held;
        this.gate = gate;
    }

    /** Starts a task; returns its machine (a memory probe sizes it), whose builder is the task's awaitable. */
    static BufferMachine started(int index, int size, boolean held, Awaitable<Long> gate) {
        BufferMachine m = new BufferMachine(index, size, held, gate);
        m.builder.start(m);
        return m;
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Long> aw;
            if (state == 0) {
                if (held) {
                    buffer = Buffers.filled(size, index);
                } else {
                    digest = Buffers.filledDigest(size, index);
                }
                aw = gate.getAwaiter();
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
            long d = held ? Buffers.digest(buffer) : digest;
            buffer = null;
            state = -1;
            builder.setResult(d + v);
        } catch (Throwable t) {
            state = -1;
            buffer = null;
            builder.setException(t);
        }
    }
}
