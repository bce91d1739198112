package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.LoomOnly;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.function.Supplier;

/**
 * {@code exception-before-first-await}: an exception thrown by an async method, before or after
 * its first await, is stored in the awaitable it returns; the caller sees it when it awaits.
 *
 * <p>Claim (async-await-internals-state-machines-allocation-traps.md, section 9, "Exception timing
 * depends on await boundaries"; how-csharp-async-await-works-under-the-hood.md, "async void"): a
 * plain method that returns a task and throws, throws at the call; an async method stores what it
 * throws in its task (the task "is faultable"), and the exception appears only when awaited. We
 * check both sides of the first await: thrown before it, the call returns an awaitable that is
 * already FAULTED; thrown after it, the call returns a PENDING awaitable that faults later. Either
 * way an await in the caller rethrows the very exception the method threw, unwrapped.
 *
 * <p>The seed's example awaits {@code Task.Yield()}; a yield resumes on the scheduler at once, so
 * the method may fault before the caller even looks at it, on .NET too. Here the method awaits an
 * I/O-like awaitable the caller completes after it has looked, so "PENDING at return" is
 * deterministic.
 *
 * <p>Observed, per variant: whether anything was thrown at the call, the status of the returned
 * awaitable right after the call, and what the caller's await rethrew (same instance or not).
 * The plain (not async) method is the seed's contrast; it is plain Java on both backends.
 */
// Its loom side shows what loom does with direct style written for loom (an await in a
// helper or in an AsyncBody class): left as written, not woven.
@LoomOnly
final class ExceptionBeforeFirstAwaitScenario extends AbstractScenario<ExceptionBeforeFirstAwaitScenario.Facts> {

    /** One call observed by the caller. */
    static final class Call {
        Throwable thrown; // what the method threw (recorded by the method itself)
        Throwable thrownAtCall; // what escaped the call expression
        AwaitableStatus statusAtReturn;
        Throwable caughtAtAwait;

        String describe() {
            if (thrownAtCall != null) {
                return "threw " + Probes.describe(thrownAtCall) + " at the call";
            }
            String rethrew = caughtAtAwait == null
                    ? "nothing"
                    : caughtAtAwait == thrown
                            ? "the same " + caughtAtAwait.getClass().getSimpleName()
                            : "a different exception: " + Probes.describe(caughtAtAwait);
            return "the call returned " + statusAtReturn + " (nothing thrown at the call), await rethrew " + rethrew;
        }

        boolean storedAndRethrown(AwaitableStatus expectedAtReturn) {
            return thrownAtCall == null
                    && statusAtReturn == expectedAtReturn
                    && thrown != null
                    && caughtAtAwait == thrown;
        }
    }

    /** The two async variants and the plain-method contrast. */
    record Facts(Call beforeFirstAwait, Call afterAwait, Call plainMethod) {}

    ExceptionBeforeFirstAwaitScenario() {
        super(
                "exception-before-first-await",
                "an exception before the first await is stored in the awaitable, not thrown to the caller (also after an await)",
                "where an exception surfaces depends on await boundaries: a plain method throws at the call; an async "
                        + "method returns a faulted task and the exception appears only when awaited",
                "async-await-internals-state-machines-allocation-traps.md, section 9 (exception timing depends on await boundaries)",
                "before the first await: the call returns FAULTED and await rethrows the same exception; after an await: "
                        + "the call returns PENDING and await rethrows the same exception (a plain method throws at the call)");
    }

    @Override
    Outcome judge(Facts f) {
        boolean passed = f.beforeFirstAwait().storedAndRethrown(AwaitableStatus.FAULTED)
                && f.afterAwait().storedAndRethrown(AwaitableStatus.PENDING)
                && f.plainMethod().thrownAtCall != null;
        return Outcome.of(
                passed,
                "before the first await: " + f.beforeFirstAwait().describe()
                        + "; after an await: " + f.afterAwait().describe()
                        + "; contrast, plain method: " + f.plainMethod().describe());
    }

    /** A method that is not async: it throws before it has an awaitable to return. */
    private static Awaitable<Integer> plainMethod(Call call) {
        IllegalStateException e = new IllegalStateException("thrown by a plain method");
        call.thrown = e;
        throw e;
    }

    private static Call plainContrast() {
        Call call = new Call();
        try {
            Awaitable<Integer> a = plainMethod(call);
            call.statusAtReturn = a.status();
        } catch (IllegalStateException e) {
            call.thrownAtCall = e;
        }
        return call;
    }

    /** The call expression: anything thrown out of it is recorded, and then there is nothing to await. */
    private static Awaitable<Integer> call(Call call, Supplier<Awaitable<Integer>> method) {
        try {
            Awaitable<Integer> a = method.get();
            call.statusAtReturn = a.status();
            return a;
        } catch (Throwable t) {
            call.thrownAtCall = t;
            return null;
        }
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        Call before = new Call();
        Call after = new Call();
        CallerMachine m = new CallerMachine(before, after);
        m.builder.start(m);
        Probes.join(m.builder.awaitable(), "CallerAsync");
        return new Facts(before, after, plainContrast());
    }

    /**
     * <pre>{@code
     * static async Task<int> FailsBeforeFirstAwaitAsync(Task io) {
     *     throw new InvalidOperationException("thrown before the first await");
     *     await io;                                  // never reached
     * }
     * static async Task<int> FailsAfterAwaitAsync(Task io) {
     *     await io;
     *     throw new InvalidOperationException("thrown after an await");
     * }
     * }</pre>
     * One machine class for both: {@code throwFirst} picks the variant.
     */
    static final class FailsMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final boolean throwFirst;
        final Awaitable<Void> io;
        final Call call;
        int state;
        Awaiter<Void> awaiter;

        FailsMachine(boolean throwFirst, Awaitable<Void> io, Call call) {
            this.throwFirst = throwFirst;
            this.io = io;
            this.call = call;
        }

        static Awaitable<Integer> call(boolean throwFirst, Awaitable<Void> io, Call call) {
            FailsMachine m = new FailsMachine(throwFirst, io, call);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    if (throwFirst) {
                        throw recorded(call, "thrown before the first await");
                    }
                    awaiter = io.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                awaiter.getResult();
                throw recorded(call, "thrown after an await");
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    private static IllegalStateException recorded(Call call, String message) {
        IllegalStateException e = new IllegalStateException(message);
        call.thrown = e;
        return e;
    }

    /**
     * <pre>{@code
     * static async Task CallerAsync(Call before, Call after) {
     *     var io = new TaskCompletionSource();
     *     Task<int> t = FailsBeforeFirstAwaitAsync(io.Task);   // status recorded right after the call
     *     try { await t; } catch (Exception e) { before.caught = e; }
     *     t = FailsAfterAwaitAsync(io.Task);                   // status recorded right after the call
     *     io.SetResult();                                      // the I/O completes
     *     try { await t; } catch (Exception e) { after.caught = e; }
     * }
     * }</pre>
     */
    static final class CallerMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final Call before;
        final Call after;
        final CompletionSource<Void> io = new CompletionSource<>();
        int state;
        Awaiter<Integer> awaiter;

        CallerMachine(Call before, Call after) {
            this.before = before;
            this.after = after;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    Awaitable<Integer> t = ExceptionBeforeFirstAwaitScenario.call(
                            before, () -> FailsMachine.call(true, io.awaitable(), before));
                    awaiter = t == null ? null : t.getAwaiter();
                    if (awaiter != null && !awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                if (state <= 1) {
                    before.caughtAtAwait = caught(awaiter);
                    Awaitable<Integer> t = ExceptionBeforeFirstAwaitScenario.call(
                            after, () -> FailsMachine.call(false, io.awaitable(), after));
                    io.setResult(null);
                    awaiter = t == null ? null : t.getAwaiter();
                    if (awaiter != null && !awaiter.isCompleted()) {
                        state = 2;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                after.caughtAtAwait = caught(awaiter);
                awaiter = null;
                state = -1;
                builder.setResult(null);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }

        /** The try/catch around {@code await t}, after resuming: what getResult threw. */
        private static Throwable caught(Awaiter<Integer> aw) {
            if (aw == null) {
                return null;
            }
            try {
                aw.getResult();
                return null;
            } catch (Throwable e) {
                return e;
            }
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    Facts onLoom() {
        Call before = new Call();
        Call after = new Call();
        Awaitable<Void> caller = Async.run(() -> {
            CompletionSource<Void> io = new CompletionSource<>();
            Awaitable<Integer> t = call(before, () -> failsBeforeFirstAwait(before));
            before.caughtAtAwait = caughtAwaiting(t);
            t = call(after, () -> failsAfterAwait(io.awaitable(), after));
            io.setResult(null);
            after.caughtAtAwait = caughtAwaiting(t);
        });
        Probes.join(caller, "the caller body");
        return new Facts(before, after, plainContrast());
    }

    /** The direct-style methods: a body throwing before its first await, and one throwing after it. */
    private static Awaitable<Integer> failsBeforeFirstAwait(Call call) {
        AsyncBody<Integer> body = () -> {
            throw recorded(call, "thrown before the first await");
        };
        return Async.run(body);
    }

    private static Awaitable<Integer> failsAfterAwait(Awaitable<Void> io, Call call) {
        AsyncBody<Integer> body = () -> {
            Async.await(io);
            throw recorded(call, "thrown after an await");
        };
        return Async.run(body);
    }

    /** {@code try { await t; } catch (Exception e) { return e; }} inside a body. */
    private static Throwable caughtAwaiting(Awaitable<Integer> t) {
        if (t == null) {
            return null;
        }
        try {
            Async.await(t);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
