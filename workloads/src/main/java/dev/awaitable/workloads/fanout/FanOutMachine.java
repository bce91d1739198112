package dev.awaitable.workloads.fanout;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.Completer;
import java.util.List;

/**
 * The statemachine implementation of {@code fan-out}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> serial(int n) {          // state 1: after a child's await
 *     long sum = 0;
 *     for (int i = 0; i < n; i++) sum += await load(i);
 *     return sum;
 * }
 * async Awaitable<Long> batched(int n) {         // state 2: after the whenAll
 *     List<Awaitable<Long>> children = ...;      // all started first
 *     long sum = 0;
 *     for (long v : await Awaitables.whenAll(children)) sum += v;
 *     return sum;
 * }
 * }</pre>
 * One machine class for both, as they share the hoisted {@code sum}; {@code whenAll} decides which
 * path state 0 takes.
 */
final class FanOutMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int children;
    final boolean whenAll;
    final Completer io;
    int state;
    int i;
    long sum;
    Awaiter<Long> child;
    Awaiter<List<Long>> all;

    private FanOutMachine(int children, boolean whenAll, Completer io) {
        this.children = children;
        this.whenAll = whenAll;
        this.io = io;
    }

    static Awaitable<Long> start(int children, boolean whenAll, Completer io) {
        FanOutMachine m = new FanOutMachine(children, whenAll, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            switch (state) {
                case 0 -> {
                    if (whenAll) {
                        startAll();
                    } else {
                        serial(null);
                    }
                }
                case 1 -> {
                    Awaiter<Long> aw = child;
                    child = null;
                    serial(aw);
                }
                case 2 -> {
                    Awaiter<List<Long>> aw = all;
                    all = null;
                    finishAll(aw);
                }
                default -> throw new IllegalStateException("state " + state);
            }
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }

    /** The serial loop from {@code i}; {@code resumed} is the child awaited at state 1, or null. */
    private void serial(Awaiter<Long> resumed) {
        Awaiter<Long> aw = resumed;
        for (; ; ) {
            if (aw != null) {
                sum += aw.getResult();
                i++;
            }
            if (i == children) {
                state = -1;
                builder.setResult(sum);
                return;
            }
            aw = io.awaitable(FanOutWorkload.value(i)).getAwaiter();
            if (!aw.isCompleted()) {
                state = 1;
                child = aw;
                builder.awaitOnCompleted(aw, this);
                return;
            }
        }
    }

    private void startAll() {
        @SuppressWarnings("unchecked")
        Awaitable<Long>[] started = (Awaitable<Long>[]) new Awaitable<?>[children];
        for (int k = 0; k < children; k++) {
            started[k] = io.awaitable(FanOutWorkload.value(k));
        }
        Awaiter<List<Long>> aw = Awaitables.whenAll(started).getAwaiter();
        if (!aw.isCompleted()) {
            state = 2;
            all = aw;
            builder.awaitOnCompleted(aw, this);
            return;
        }
        finishAll(aw);
    }

    private void finishAll(Awaiter<List<Long>> aw) {
        for (long v : aw.getResult()) {
            sum += v;
        }
        state = -1;
        builder.setResult(sum);
    }
}
