package dev.awaitable.workloads.sleepers;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationToken;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * One sleeper of {@code sleepers}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> sleeper(long index, Duration delay, CancellationToken token) {
 *     try {
 *         await Awaitables.delay(delay, token);
 *     } catch (CancellationException woken) {
 *         // suspend()'s resumeAll wakes sleepers early by cancelling the token
 *     }
 *     return index;
 * }
 * }</pre>
 * While suspended it holds this machine, its builder, the delay awaitable, the delay's timer
 * entry and, with a cancellable token, its registration: that is the memory per sleeper.
 */
final class SleeperMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final long index;
    final Duration delay;
    final CancellationToken token;
    int state;
    Awaiter<Void> awaiter;

    private SleeperMachine(long index, Duration delay, CancellationToken token) {
        this.index = index;
        this.delay = delay;
        this.token = token;
    }

    static Awaitable<Long> start(long index, Duration delay, CancellationToken token) {
        return started(index, delay, token).builder.awaitable();
    }

    /** Starts a sleeper and returns its machine (for a memory probe to size); the awaitable is its builder's. */
    static SleeperMachine started(long index, Duration delay, CancellationToken token) {
        SleeperMachine m = new SleeperMachine(index, delay, token);
        m.builder.start(m);
        return m;
    }

    @Override
    public void moveNext() {
        try {
            Awaiter<Void> aw;
            if (state == 0) {
                aw = Awaitables.delay(delay, token).getAwaiter();
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
            try {
                aw.getResult();
            } catch (CancellationException woken) {
                // woken early by the token: finish normally
            }
            state = -1;
            builder.setResult(index);
        } catch (Throwable t) {
            state = -1;
            builder.setException(t);
        }
    }
}
