package dev.awaitable.workloads.awaitchain;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.RunLoop;

/**
 * The caller of {@code await-chain}'s chains, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> chains(int depth, int chains) {
 *     long sum = 0;
 *     for (int c = 0; c < chains; c++) sum += await level(depth, c);   // state 1
 *     return sum;
 * }
 * }</pre>
 */
final class ChainsMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int depth;
    final int chains;
    final RunLoop io;
    int state;
    int c;
    long sum;
    Awaiter<Long> awaiter;

    private ChainsMachine(int depth, int chains, RunLoop io) {
        this.depth = depth;
        this.chains = chains;
        this.io = io;
    }

    static Awaitable<Long> start(int depth, int chains, RunLoop io) {
        ChainsMachine m = new ChainsMachine(depth, chains, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                if (state == 1) {
                    sum += awaiter.getResult();
                    awaiter = null;
                    c++;
                    state = 0;
                }
                if (c == chains) {
                    state = -1;
                    builder.setResult(sum);
                    return;
                }
                Awaiter<Long> aw = LevelMachine.start(depth, c, io).getAwaiter();
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
