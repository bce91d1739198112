package dev.awaitable.workloads.asyncstream;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;

/**
 * The consumer of {@code async-stream}, hand-compiled ({@code await foreach}):
 * <pre>{@code
 * async Awaitable<Long> consume(AsyncStream<Object> stream) {
 *     long sum = 0;
 *     AsyncIterator<Object> it = stream.iterator();
 *     try {
 *         while (await it.moveNext()) {          // state 1
 *             sum += Items.total(it.current());
 *         }
 *     } finally {
 *         await it.closeAsync();                 // state 2
 *     }
 *     return sum;
 * }
 * }</pre>
 * The finally runs only on the normal path here: a fault of {@code moveNext} faults the
 * method, and the producer, which failed, needs no closing.
 */
final class ConsumerMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final AsyncStream<Object> stream;
    int state;
    long sum;
    AsyncIterator<Object> it;
    Awaiter<Boolean> moved;
    Awaiter<Void> closed;

    private ConsumerMachine(AsyncStream<Object> stream) {
        this.stream = stream;
    }

    static Awaitable<Long> start(AsyncStream<Object> stream) {
        ConsumerMachine m = new ConsumerMachine(stream);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                switch (state) {
                    case 0 -> {
                        if (it == null) {
                            it = stream.iterator();
                        }
                        Awaiter<Boolean> aw = it.moveNext().getAwaiter();
                        state = 1;
                        moved = aw;
                        if (!aw.isCompleted()) {
                            builder.awaitOnCompleted(aw, this);
                            return;
                        }
                    }
                    case 1 -> {
                        Awaiter<Boolean> aw = moved;
                        moved = null;
                        if (aw.getResult()) {
                            sum += Items.total(it.current());
                            state = 0;
                            continue;
                        }
                        Awaiter<Void> c = it.closeAsync().getAwaiter();
                        state = 2;
                        closed = c;
                        if (!c.isCompleted()) {
                            builder.awaitOnCompleted(c, this);
                            return;
                        }
                    }
                    case 2 -> {
                        closed.getResult();
                        closed = null;
                        it = null;
                        state = -1;
                        builder.setResult(sum);
                        return;
                    }
                    default -> throw new IllegalStateException("state " + state);
                }
            }
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
