package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * {@code when-any-timeout}: the {@code whenAny} timeout pattern: race the work against a delay;
 * when the delay wins, the caller gives up with a TimeoutException, and the work itself is
 * unaffected: it is not cancelled and still finishes later.
 *
 * <p>Claim (how-csharp-async-await-works-under-the-hood.md, "Task.WhenAll and Task.WhenAny",
 * timeout pattern): {@code if (await Task.WhenAny(work, timeout) == timeout) throw new
 * TimeoutException(...); var result = await work;}. WhenAny only reports which task finished
 * first; it stops nothing (section 9 of the internals article: "timeout = external decision,
 * cancellation = cooperative request").
 *
 * <p>The experiment: the work awaits I/O that completes only when released (after the timeout);
 * the caller races it against a 50 ms delay. Observed: which task whenAny returned, the caller's
 * outcome, the work's status at that moment, and what the work completed with once released.
 */
final class WhenAnyTimeoutScenario extends AbstractScenario<WhenAnyTimeoutScenario.Facts> {

    private static final Duration TIMEOUT = Duration.ofMillis(50);

    /**
     * @param delayWon          whenAny returned the delay
     * @param workAtTimeout     the work's status when the caller gave up
     * @param callerOutcome     what joining the caller rethrew (or returned)
     * @param workLater         what the work completed with after the I/O was released
     */
    record Facts(boolean delayWon, AwaitableStatus workAtTimeout, Object callerOutcome, Object workLater) {}

    /** What the caller records before it gives up. */
    static final class Race {
        volatile boolean delayWon;
        volatile AwaitableStatus workAtTimeout;
    }

    WhenAnyTimeoutScenario() {
        super(
                "when-any-timeout",
                "whenAny timeout pattern: the delay wins, the caller times out, the work is unaffected",
                "race work against Task.Delay with WhenAny: if the delay finishes first, give up with a TimeoutException; "
                        + "WhenAny stops nothing, the work goes on",
                "how-csharp-async-await-works-under-the-hood.md, Task.WhenAll and Task.WhenAny (WhenAny timeout pattern)",
                "whenAny returns the delay; the caller faults with TimeoutException while the work is still PENDING; "
                        + "released later, the work completes with 42");
    }

    @Override
    Outcome judge(Facts f) {
        boolean passed = f.delayWon()
                && f.workAtTimeout() == AwaitableStatus.PENDING
                && f.callerOutcome() instanceof TimeoutException
                && Integer.valueOf(42).equals(f.workLater());
        return Outcome.of(
                passed,
                "whenAny returned " + (f.delayWon() ? "the delay" : "the work")
                        + "; the caller "
                        + (f.callerOutcome() instanceof Throwable t
                                ? "threw " + Probes.describe(t)
                                : "returned " + f.callerOutcome())
                        + "; the work was " + f.workAtTimeout() + " then; released afterwards, it completed with "
                        + (f.workLater() instanceof Throwable t ? Probes.describe(t) : f.workLater()));
    }

    private interface Methods {
        Awaitable<Integer> work(Awaitable<Integer> io);

        Awaitable<Integer> callWithTimeout(Awaitable<Integer> work, Race race);
    }

    private static Facts experiment(Methods m) {
        CompletionSource<Integer> io = new CompletionSource<>();
        Race race = new Race();
        Awaitable<Integer> work = m.work(io.awaitable());
        Object callerOutcome = settle(m.callWithTimeout(work, race));
        io.setResult(41);
        Object workLater = settle(work);
        return new Facts(race.delayWon, race.workAtTimeout, callerOutcome, workLater);
    }

    /** The value, or what join rethrew (a TimeoutException is checked: join rethrows it undeclared). */
    private static Object settle(Awaitable<Integer> a) {
        try {
            return Probes.join(a, "the race");
        } catch (Exception e) {
            return e;
        }
    }

    /** {@code Task.WhenAny(work, timeout)} over awaitables of different result types. */
    @SuppressWarnings("unchecked")
    private static Awaitable<Awaitable<Object>> whenAny(Awaitable<?> work, Awaitable<?> timeout) {
        return Awaitables.whenAny((Awaitable<Object>) work, (Awaitable<Object>) timeout);
    }

    private static TimeoutException timedOut() {
        return new TimeoutException("the operation exceeded " + TIMEOUT.toMillis() + " ms");
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        return experiment(new Methods() {
            @Override
            public Awaitable<Integer> work(Awaitable<Integer> io) {
                WorkMachine w = new WorkMachine(io);
                w.builder.start(w);
                return w.builder.awaitable();
            }

            @Override
            public Awaitable<Integer> callWithTimeout(Awaitable<Integer> work, Race race) {
                CallWithTimeoutMachine c = new CallWithTimeoutMachine(work, race);
                c.builder.start(c);
                return c.builder.awaitable();
            }
        });
    }

    /**
     * <pre>{@code
     * static async Task<int> WorkAsync(Task<int> io) {
     *     int v = await io;           // long I/O
     *     return v + 1;
     * }
     * }</pre>
     */
    static final class WorkMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> io;
        int state;
        Awaiter<Integer> awaiter;

        WorkMachine(Awaitable<Integer> io) {
            this.io = io;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = io.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                int v = awaiter.getResult();
                awaiter = null;
                state = -1;
                builder.setResult(v + 1);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /**
     * <pre>{@code
     * static async Task<int> CallWithTimeoutAsync(Task<int> work) {
     *     Task timeout = Task.Delay(50);
     *     if (await Task.WhenAny(work, timeout) == timeout)
     *         throw new TimeoutException("the operation exceeded 50 ms");
     *     return await work;
     * }
     * }</pre>
     */
    static final class CallWithTimeoutMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> work;
        final Race race;
        int state;
        Awaitable<Void> timeout;
        Awaiter<Awaitable<Object>> raceAwaiter;
        Awaiter<Integer> workAwaiter;

        CallWithTimeoutMachine(Awaitable<Integer> work, Race race) {
            this.work = work;
            this.race = race;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    timeout = Awaitables.delay(TIMEOUT);
                    raceAwaiter = whenAny(work, timeout).getAwaiter();
                    if (!raceAwaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(raceAwaiter, this);
                        return;
                    }
                }
                if (state <= 1) {
                    Awaitable<?> winner = raceAwaiter.getResult();
                    raceAwaiter = null;
                    if (winner == timeout) {
                        race.delayWon = true;
                        race.workAtTimeout = work.status();
                        throw timedOut();
                    }
                    workAwaiter = work.getAwaiter();
                    if (!workAwaiter.isCompleted()) {
                        state = 2;
                        builder.awaitOnCompleted(workAwaiter, this);
                        return;
                    }
                }
                int v = workAwaiter.getResult();
                workAwaiter = null;
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
            public Awaitable<Integer> work(Awaitable<Integer> io) {
                return Async.run(() -> Async.await(io) + 1);
            }

            @Override
            public Awaitable<Integer> callWithTimeout(Awaitable<Integer> work, Race race) {
                return Async.run(() -> {
                    Awaitable<Void> timeout = Awaitables.delay(TIMEOUT);
                    Awaitable<?> winner = Async.await(whenAny(work, timeout));
                    if (winner == timeout) {
                        race.delayWon = true;
                        race.workAtTimeout = work.status();
                        throw timedOut();
                    }
                    return Async.await(work);
                });
            }
        });
    }
}
