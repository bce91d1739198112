package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code cancellation-cooperative}: cancelling a token interrupts nothing; code that checks the
 * token ends with {@link OperationCanceledException}, which flows up the await chain like a
 * failure, and code that never checks runs to completion.
 *
 * <p>Claim (async-await-internals-state-machines-allocation-traps.md, section 9, "Cancellation
 * doesn't behave like most people think"; how-csharp-async-await-works-under-the-hood.md,
 * "CancellationToken"): tokens are cooperative signals; the runtime does not interrupt a method,
 * it must check the token. Cancellation is represented as an exception, so it flows through async
 * call chains the same way failures do.
 *
 * <p>The experiment: two instances of one async method run ten iterations over the same token,
 * yielding between iterations; one calls {@code throwIfCancellationRequested()} at the top of each
 * iteration, the other never looks. Both stop at iteration 5 on a gate; the token is cancelled
 * while both wait there; then the gate opens. A caller method awaits the checking one without a
 * catch, and is joined.
 *
 * <p>Observed: the status and iteration count of each, the caller's status, and what its join
 * rethrew (type, and whether it carries the cancelled token).
 */
final class CancellationCooperativeScenario extends AbstractScenario<CancellationCooperativeScenario.Facts> {

    private static final int ITERATIONS = 10;
    private static final int GATE_AT = 5;

    /** One run of the work method: its status and how far it got. */
    record Work(AwaitableStatus status, int iterations) {}

    /**
     * @param checking     the instance that checks the token
     * @param ignoring     the instance that never checks it
     * @param callerStatus the status of the method awaiting {@code checking} without a catch
     * @param rethrown     what joining that caller rethrew
     * @param tokenCarried the rethrown exception carries the cancelled token
     */
    record Facts(
            Work checking, Work ignoring, AwaitableStatus callerStatus, Throwable rethrown, boolean tokenCarried) {}

    CancellationCooperativeScenario() {
        super(
                "cancellation-cooperative",
                "cancellation is cooperative and flows as an exception",
                "cancellation tokens don't cancel work automatically: code must check them; cancellation is an "
                        + "OperationCanceledException that flows through async call chains like a failure",
                "async-await-internals-state-machines-allocation-traps.md, section 9 (cancellation doesn't behave like most people think)",
                "the checking method ends CANCELLED after " + (GATE_AT + 1) + " of " + ITERATIONS
                        + " iterations and its caller "
                        + "CANCELLED too, with OperationCanceledException carrying the token; the method that never checks "
                        + "runs all " + ITERATIONS + " iterations and SUCCEEDS");
    }

    @Override
    Outcome judge(Facts f) {
        boolean passed = f.checking().status() == AwaitableStatus.CANCELLED
                && f.checking().iterations() == GATE_AT + 1
                && f.callerStatus() == AwaitableStatus.CANCELLED
                && f.rethrown() instanceof OperationCanceledException
                && f.tokenCarried()
                && f.ignoring().status() == AwaitableStatus.SUCCEEDED
                && f.ignoring().iterations() == ITERATIONS;
        return Outcome.of(
                passed,
                "checking method: " + f.checking().status() + " after "
                        + f.checking().iterations()
                        + " of " + ITERATIONS + " iterations, its caller " + f.callerStatus() + ", join rethrew "
                        + Probes.describe(f.rethrown())
                        + (f.tokenCarried() ? " (carrying the token)" : " (NOT carrying the token)")
                        + "; method that never checks: " + f.ignoring().status() + " after "
                        + f.ignoring().iterations()
                        + " of " + ITERATIONS + " iterations, although the token was cancelled during iteration "
                        + (GATE_AT + 1));
    }

    /** The shared orchestration around two calls of the work method and one caller. */
    private interface Methods {
        Awaitable<Integer> work(
                CancellationToken token,
                boolean checks,
                Awaitable<Void> gate,
                CompletionSource<Void> atGate,
                AtomicInteger progress);

        Awaitable<Integer> caller(Awaitable<Integer> work);
    }

    private static Facts experiment(Methods m) {
        CancellationTokenSource cts = new CancellationTokenSource();
        CompletionSource<Void> gate = new CompletionSource<>();
        CompletionSource<Void> checkingAtGate = new CompletionSource<>();
        CompletionSource<Void> ignoringAtGate = new CompletionSource<>();
        AtomicInteger checkingProgress = new AtomicInteger();
        AtomicInteger ignoringProgress = new AtomicInteger();
        Awaitable<Integer> checking = m.work(cts.token(), true, gate.awaitable(), checkingAtGate, checkingProgress);
        Awaitable<Integer> ignoring = m.work(cts.token(), false, gate.awaitable(), ignoringAtGate, ignoringProgress);
        Awaitable<Integer> caller = m.caller(checking);
        Probes.join(
                Awaitables.whenAll(checkingAtGate.awaitable(), ignoringAtGate.awaitable()),
                "both methods reaching the gate");
        cts.cancel();
        gate.setResult(null);
        settle(checking);
        settle(ignoring);
        Object callerOutcome = settle(caller);
        Throwable rethrown = callerOutcome instanceof Throwable t ? t : null;
        boolean carried = rethrown instanceof OperationCanceledException oce
                && oce.token().equals(cts.token());
        return new Facts(
                new Work(checking.status(), checkingProgress.get()),
                new Work(ignoring.status(), ignoringProgress.get()),
                caller.status(),
                rethrown,
                carried);
    }

    /** The value, or what join rethrew. */
    private static Object settle(Awaitable<Integer> a) {
        try {
            return Probes.join(a, "a work method");
        } catch (Exception e) {
            return e;
        }
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        return experiment(new Methods() {
            @Override
            public Awaitable<Integer> work(
                    CancellationToken token,
                    boolean checks,
                    Awaitable<Void> gate,
                    CompletionSource<Void> atGate,
                    AtomicInteger progress) {
                WorkMachine w = new WorkMachine(token, checks, gate, atGate, progress);
                w.builder.start(w);
                return w.builder.awaitable();
            }

            @Override
            public Awaitable<Integer> caller(Awaitable<Integer> work) {
                CallerMachine c = new CallerMachine(work);
                c.builder.start(c);
                return c.builder.awaitable();
            }
        });
    }

    /**
     * <pre>{@code
     * static async Task<int> WorkAsync(CancellationToken token, bool checks, Task gate, ...) {
     *     for (int i = 0; i < 10; i++) {
     *         if (checks) token.ThrowIfCancellationRequested();
     *         if (i == 5) { atGate.SetResult(); await gate; }
     *         else await Task.Yield();
     *         progress++;
     *     }
     *     return progress;
     * }
     * }</pre>
     * {@code i} lives across the awaits: hoisted.
     */
    static final class WorkMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final CancellationToken token;
        final boolean checks;
        final Awaitable<Void> gate;
        final CompletionSource<Void> atGate;
        final AtomicInteger progress;
        int state;
        int i;
        Awaiter<Void> awaiter;

        WorkMachine(
                CancellationToken token,
                boolean checks,
                Awaitable<Void> gate,
                CompletionSource<Void> atGate,
                AtomicInteger progress) {
            this.token = token;
            this.checks = checks;
            this.gate = gate;
            this.atGate = atGate;
            this.progress = progress;
        }

        @Override
        public void moveNext() {
            try {
                for (; ; ) {
                    if (state == 1) {
                        awaiter.getResult();
                        awaiter = null;
                        progress.incrementAndGet();
                        i++;
                        state = 0;
                    }
                    if (i == ITERATIONS) {
                        state = -1;
                        builder.setResult(progress.get());
                        return;
                    }
                    if (checks) {
                        token.throwIfCancellationRequested();
                    }
                    if (i == GATE_AT) {
                        atGate.trySetResult(null);
                        awaiter = gate.getAwaiter();
                    } else {
                        awaiter = Awaitables.yieldNow().getAwaiter();
                    }
                    state = 1;
                    if (!awaiter.isCompleted()) {
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t); // an OperationCanceledException cancels the awaitable
            }
        }
    }

    /**
     * <pre>{@code
     * static async Task<int> CallerAsync(Task<int> work) {
     *     return await work;          // no catch: cancellation flows on
     * }
     * }</pre>
     */
    static final class CallerMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> work;
        int state;
        Awaiter<Integer> awaiter;

        CallerMachine(Awaitable<Integer> work) {
            this.work = work;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = work.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                int v = awaiter.getResult();
                awaiter = null;
                state = -1;
                builder.setResult(v);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    Facts onLoom() {
        return experiment(new Methods() {
            @Override
            public Awaitable<Integer> work(
                    CancellationToken token,
                    boolean checks,
                    Awaitable<Void> gate,
                    CompletionSource<Void> atGate,
                    AtomicInteger progress) {
                return Async.run(() -> {
                    for (int i = 0; i < ITERATIONS; i++) {
                        if (checks) {
                            token.throwIfCancellationRequested();
                        }
                        if (i == GATE_AT) {
                            atGate.trySetResult(null);
                            Async.await(gate);
                        } else {
                            Async.await(Awaitables.yieldNow());
                        }
                        progress.incrementAndGet();
                    }
                    return progress.get();
                });
            }

            @Override
            public Awaitable<Integer> caller(Awaitable<Integer> work) {
                return Async.run(() -> Async.await(work));
            }
        });
    }
}
