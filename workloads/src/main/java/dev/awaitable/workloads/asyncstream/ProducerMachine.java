package dev.awaitable.workloads.asyncstream;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.streams.Emitter;

/**
 * The producer of {@code async-stream}, hand-compiled (a C# async iterator's body):
 * <pre>{@code
 * async Awaitable<Void> produce(Emitter<Object> out) {
 *     for (int step = 0; step < items.steps(); step++) {
 *         await out.emit(items.item(step));   // state 1: until the consumer asks for more
 *     }
 * }
 * }</pre>
 * Each emit completes the consumer's pending {@code moveNext} and suspends the producer until
 * the next one: a suspension per hand-off, allocation-free in the stream itself (its sources are
 * reusable).
 */
final class ProducerMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
    final Items items;
    final Emitter<Object> out;
    int state;
    int step;
    Awaiter<Void> awaiter;

    private ProducerMachine(Items items, Emitter<Object> out) {
        this.items = items;
        this.out = out;
    }

    static Awaitable<Void> start(Items items, Emitter<Object> out) {
        ProducerMachine m = new ProducerMachine(items, out);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                if (state == 1) {
                    Awaiter<Void> aw = awaiter;
                    awaiter = null;
                    aw.getResult(); // throws if the consumer closed the stream early
                    step++;
                    state = 0;
                } else if (state != 0) {
                    throw new IllegalStateException("state " + state);
                }
                if (step == items.steps()) {
                    state = -1;
                    builder.setResult(null);
                    return;
                }
                Awaiter<Void> aw = out.emit(items.item(step)).getAwaiter();
                state = 1;
                awaiter = aw;
                if (!aw.isCompleted()) {
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
            }
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
