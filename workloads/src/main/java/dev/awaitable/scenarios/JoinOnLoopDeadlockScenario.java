package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.DeadlockException;
import dev.awaitable.LoomOnly;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code join-on-loop-deadlock}: blocking on async work from the one thread that work must resume
 * on is the classic deadlock; Awaitable detects it instead of hanging, and
 * {@code configureAwait(false)} in the awaited code avoids it.
 *
 * <p>Claim (async-await-internals-state-machines-allocation-traps.md, section 9, "Deadlocks that
 * shouldn't happen"; how-csharp-async-await-works-under-the-hood.md, "The deadlock trap";
 * asynchronous-programming-internals-lesson.md, Common Errors): {@code GetDataAsync().Result} on a
 * UI thread blocks that thread; the method's continuation was captured for the UI context, so it
 * can never run; neither side proceeds. Fix: await instead, or {@code ConfigureAwait(false)} in the
 * library code so its continuation does not need the context. DESIGN.md's improvement: the join
 * throws a {@link DeadlockException} naming the context instead of hanging forever.
 *
 * <p>The experiment, on a {@link SingleThreadContext} named {@code ui-thread}: code on the loop
 * calls {@code GetDataAsync}, which awaits I/O that another thread completes about 100 ms after
 * the call, then joins it (bounded at 5 s, so a missed detection shows as "join blocked" rather than a hang).
 * Then the same with {@code configureAwait(false)} inside {@code GetDataAsync}.
 *
 * <p>Observed: what the first join did (DeadlockException and its message, or a value, or a
 * timeout), what the method completed with once the loop was free again, and what the second
 * join returned.
 */
// Its loom side shows what loom does with direct style written for loom (an await in a
// helper or in an AsyncBody class): left as written, not woven.
@LoomOnly
final class JoinOnLoopDeadlockScenario extends AbstractScenario<JoinOnLoopDeadlockScenario.Facts> {

    private static final String LOOP = "ui-thread";
    private static final Duration JOIN_BOUND = Duration.ofSeconds(5);

    /**
     * @param captured       what join() on the loop did for the capturing method: a DeadlockException, a TimeoutException, or the value
     * @param statusAtJoin   the capturing method's status when the join started (PENDING: suspended at its await)
     * @param contextNamed   the DeadlockException's context was the loop
     * @param capturedLater  what the capturing method completed with once the loop was free
     * @param libraryJoin    what join() did for the configureAwait(false) method
     * @param properties     the backend's properties, to explain a result that depends on them
     */
    record Facts(
            Object captured,
            AwaitableStatus statusAtJoin,
            boolean contextNamed,
            Object capturedLater,
            Object libraryJoin,
            String properties) {}

    /** What the code on the loop saw: the method's status when it joined, the join's outcome, and the method's awaitable. */
    private record OnLoop(AwaitableStatus statusAtJoin, Object joinOutcome, Awaitable<Integer> method) {}

    JoinOnLoopDeadlockScenario() {
        super(
                "join-on-loop-deadlock",
                "join() on a single-thread context for work that captured it is a DeadlockException; configureAwait(false) avoids it",
                "blocking (.Result/.Wait()) on a single-threaded context whose thread the continuation needs deadlocks; "
                        + "ConfigureAwait(false) in the awaited code avoids it",
                "async-await-internals-state-machines-allocation-traps.md, section 9 (deadlocks that shouldn't happen)",
                "join() on 'ui-thread' throws DeadlockException naming 'ui-thread' instead of hanging; "
                        + "with configureAwait(false) in GetDataAsync, join() returns 42");
    }

    @Override
    Outcome judge(Facts f) {
        boolean deadlockDetected = f.captured() instanceof DeadlockException d
                && f.contextNamed()
                && d.getMessage().contains("'" + LOOP + "'");
        boolean avoided = Integer.valueOf(42).equals(f.libraryJoin());
        String first;
        if (f.captured() instanceof DeadlockException d) {
            first = "join() threw " + shorten(d.getMessage());
        } else if (f.captured() instanceof TimeoutException) {
            first = "join() blocked for " + JOIN_BOUND.toSeconds() + "s without a DeadlockException (it would hang)";
        } else if (f.captured() instanceof Throwable t) {
            first = "join() threw " + Probes.describe(t);
        } else if (f.statusAtJoin() != AwaitableStatus.PENDING) {
            first = "join() returned " + f.captured() + ", but GetDataAsync was already " + f.statusAtJoin()
                    + " when the join started (nothing left to deadlock on)";
        } else {
            first = "join() returned " + f.captured() + " (no deadlock: GetDataAsync did not need the loop; backend "
                    + f.properties() + ")";
        }
        String later = "; GetDataAsync then completed with " + describe(f.capturedLater());
        String second = "; with configureAwait(false): join() "
                + (f.libraryJoin() instanceof Throwable t
                        ? "threw " + Probes.describe(t)
                        : "returned " + f.libraryJoin());
        return Outcome.of(deadlockDetected && avoided, first + later + second);
    }

    private static String describe(Object outcome) {
        return outcome instanceof Throwable t ? Probes.describe(t) : String.valueOf(outcome);
    }

    /** The message up to the advice, which the expected text already states. */
    private static String shorten(String message) {
        int advice = message.indexOf("; await instead");
        return "DeadlockException: " + (advice > 0 ? message.substring(0, advice) : message);
    }

    /**
     * Runs the experiment with {@code getData} as the async method (I/O in, awaitable out),
     * {@code true} or {@code false} for continueOnCapturedContext.
     */
    private static Facts experiment(Function<Boolean, Function<Awaitable<Integer>, Awaitable<Integer>>> getData)
            throws Exception {
        SingleThreadContext ui = SingleThreadContext.start(LOOP);
        Facts facts;
        try {
            OnLoop captured = onLoop(ui, getData.apply(true));
            Object later = outcome(captured.method());
            OnLoop library = onLoop(ui, getData.apply(false));
            boolean named = captured.joinOutcome() instanceof DeadlockException d && d.context() == ui;
            facts = new Facts(
                    captured.joinOutcome(),
                    captured.statusAtJoin(),
                    named,
                    later,
                    library.joinOutcome(),
                    Async.backend().name() + " " + Async.backend().properties());
        } catch (Exception | Error e) {
            ui.close(Probes.WAIT); // best effort: the failure above is what the result reports
            throw e;
        }
        if (!ui.close(Probes.WAIT)) {
            throw new IllegalStateException("the event loop '" + LOOP + "' did not stop: it is stuck in an action");
        }
        return facts;
    }

    /**
     * On the loop: call the method, start its I/O, which completes ~100 ms later on another thread,
     * then join the method. The I/O starts only after the call returned, so the method has always
     * reached its await by then; if the I/O completes before the join begins, the method's
     * resumption is already queued on the loop, which is the same deadlock.
     */
    private static OnLoop onLoop(SingleThreadContext ui, Function<Awaitable<Integer>, Awaitable<Integer>> method) {
        return Probes.join(
                ui.submit(() -> {
                    CompletionSource<Integer> io = new CompletionSource<>();
                    Awaitable<Integer> data = method.apply(io.awaitable());
                    Probes.daemon("io-completer", () -> {
                        Probes.sleep(100);
                        io.setResult(42);
                    });
                    AwaitableStatus statusAtJoin = data.status();
                    Object outcome;
                    try {
                        outcome = data.join(JOIN_BOUND);
                    } catch (TimeoutException | RuntimeException e) { // DeadlockException is the expected one
                        outcome = e;
                    }
                    return new OnLoop(statusAtJoin, outcome, data);
                }),
                "the code on the loop");
    }

    private static Object outcome(Awaitable<Integer> a) {
        try {
            return Probes.join(a, "GetDataAsync");
        } catch (Exception e) {
            return e;
        }
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() throws Exception {
        return experiment(capture -> io -> GetDataMachine.call(io, capture));
    }

    /**
     * <pre>{@code
     * static async Task<int> GetDataAsync(Task<int> io) {
     *     return await io;                          // or: await io.ConfigureAwait(false)
     * }
     * }</pre>
     */
    static final class GetDataMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> io;
        final boolean continueOnCapturedContext;
        int state;
        Awaiter<Integer> awaiter;

        GetDataMachine(Awaitable<Integer> io, boolean continueOnCapturedContext) {
            this.io = io;
            this.continueOnCapturedContext = continueOnCapturedContext;
        }

        static Awaitable<Integer> call(Awaitable<Integer> io, boolean continueOnCapturedContext) {
            GetDataMachine m = new GetDataMachine(io, continueOnCapturedContext);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = continueOnCapturedContext
                            ? io.getAwaiter()
                            : io.configureAwait(false).getAwaiter();
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

        @Override
        public String toString() {
            return "GetDataAsync";
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    Facts onLoom() throws Exception {
        return experiment(capture -> io -> Async.run(new GetDataBody(io, capture)));
    }

    /** GetDataAsync as a named body, so the deadlock message names it. */
    record GetDataBody(Awaitable<Integer> io, boolean continueOnCapturedContext) implements AsyncBody<Integer> {
        @Override
        public Integer run() {
            return continueOnCapturedContext ? Async.await(io) : Async.await(io.configureAwait(false));
        }

        @Override
        public String toString() {
            return "GetDataAsync";
        }
    }
}
