package dev.awaitable.workloads.awaitchain;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.support.RunLoop;

/**
 * One level of {@code await-chain}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> level(int d, long chain) {
 *     long inner = d == 1 ? await io.read(chain) : await level(d - 1, chain);
 *     return inner + 1;
 * }
 * }</pre>
 * Starting level {@code d} runs the first segments of all the levels below it on the caller's
 * stack, down to the leaf's await; then each returns in turn, suspended, leaving {@code d}
 * machines and builders on the heap, each registered on the next one's builder. The leaf's
 * completion resumes them innermost first, inline on the loop.
 */
final class LevelMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int depth;
    final long chain;
    final RunLoop io;
    int state;
    Awaiter<Long> awaiter;

    private LevelMachine(int depth, long chain, RunLoop io) {
        this.depth = depth;
        this.chain = chain;
        this.io = io;
    }

    static Awaitable<Long> start(int depth, long chain, RunLoop io) {
        LevelMachine m = new LevelMachine(depth, chain, io);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Long> aw;
            if (state == 0) {
                aw = (depth == 1 ? io.read(chain) : start(depth - 1, chain, io)).getAwaiter();
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
            long inner = aw.getResult();
            state = -1;
            builder.setResult(inner + 1);
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
