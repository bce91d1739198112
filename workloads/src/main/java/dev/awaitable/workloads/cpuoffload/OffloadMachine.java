package dev.awaitable.workloads.cpuoffload;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;

/**
 * The statemachine implementation of {@code cpu-offload}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> calls(boolean offload, int calls, int work) {
 *     long sum = 0;
 *     for (int i = 0; i < calls; i++) {
 *         sum += offload ? await Awaitables.run(() -> compute(i, work))   // state 1
 *                        : compute(i, work);
 *     }
 *     return sum;
 * }
 * }</pre>
 * Direct, the method never suspends and completes on the caller's thread. Offloaded, each call
 * allocates the callable and its awaitable, queues it to the backend's worker pool, suspends,
 * and resumes inline on the worker that ran it.
 */
final class OffloadMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final boolean offload;
    final int calls;
    final int work;
    int state;
    int i;
    long sum;
    Awaiter<Long> awaiter;

    private OffloadMachine(boolean offload, int calls, int work) {
        this.offload = offload;
        this.calls = calls;
        this.work = work;
    }

    static Awaitable<Long> start(boolean offload, int calls, int work) {
        OffloadMachine m = new OffloadMachine(offload, calls, work);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                if (state == 1) {
                    Awaiter<Long> aw = awaiter;
                    awaiter = null;
                    sum += aw.getResult();
                    i++;
                    state = 0;
                } else if (state != 0) {
                    throw new IllegalStateException("state " + state);
                }
                if (i == calls) {
                    state = -1;
                    builder.setResult(sum);
                    return;
                }
                if (!offload) {
                    sum += CpuOffloadWorkload.compute(i, work);
                    i++;
                    continue;
                }
                int call = i;
                Awaiter<Long> aw = Awaitables.run(() -> CpuOffloadWorkload.compute(call, work))
                        .getAwaiter();
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
