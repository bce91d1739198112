package dev.awaitable.workloads.fanout;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.List;

/**
 * The statemachine implementation of {@code fan-out}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> fanOuts(int rounds, int children) {
 *     long sum = 0;
 *     for (int r = 0; r < rounds; r++) {
 *         if (!whenAll) {
 *             for (int i = 0; i < children; i++) sum += await io.read(i);       // state 1
 *         } else {
 *             Awaitable<Long>[] started = ...io.read(i) for each child...;
 *             for (long v : await Awaitables.whenAll(started)) sum += v;     // state 2
 *         }
 *     }
 *     return sum;
 * }
 * }</pre>
 * The hoisted {@code r}, {@code i} and {@code sum} are all the state a round carries across a
 * suspension.
 */
final class FanOutMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int rounds;
    final int children;
    final boolean whenAll;
    final ChildIo io;
    int state;
    int r;
    int i;
    long sum;
    Awaiter<Long> child;
    Awaiter<List<Long>> all;

    private FanOutMachine(int rounds, int children, boolean whenAll, ChildIo io) {
        this.rounds = rounds;
        this.children = children;
        this.whenAll = whenAll;
        this.io = io;
    }

    static Awaitable<Long> start(int rounds, int children, boolean whenAll, ChildIo io) {
        FanOutMachine m = new FanOutMachine(rounds, children, whenAll, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                if (state == 1) {
                    sum += child.getResult();
                    child = null;
                    i++;
                    state = 0;
                } else if (state == 2) {
                    for (long v : all.getResult()) {
                        sum += v;
                    }
                    all = null;
                    i = children;
                    state = 0;
                }
                if (i == children) {
                    r++;
                    i = 0;
                }
                if (r == rounds) {
                    state = -1;
                    builder.setResult(sum);
                    return;
                }
                if (whenAll) {
                    @SuppressWarnings("unchecked")
                    Awaitable<Long>[] started = (Awaitable<Long>[]) new Awaitable<?>[children];
                    for (int k = 0; k < children; k++) {
                        started[k] = io.read(k);
                    }
                    Awaiter<List<Long>> aw = Awaitables.whenAll(started).getAwaiter();
                    state = 2;
                    all = aw;
                    if (!aw.isCompleted()) {
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                } else {
                    Awaiter<Long> aw = io.read(i).getAwaiter();
                    state = 1;
                    child = aw;
                    if (!aw.isCompleted()) {
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                }
            }
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
