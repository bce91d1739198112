package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.LoomOnly;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.statemachine.ValueAsyncMethodBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value-awaitable-twice}: a {@link ValueAwaitable} may be awaited once; a second await
 * throws {@link IllegalStateException} saying so, where .NET's {@code ValueTask} misbehaves silently.
 *
 * <p>Claim (asynchronous-programming-internals-lesson.md, section 5 and Common Errors;
 * how-csharp-async-await-works-under-the-hood.md, "ValueTask constraints"): a ValueTask must be
 * awaited at most once; a second await is undefined behaviour ("already consumed", or silent
 * corruption). To await twice or store it, convert it first ({@code AsTask()}, here
 * {@code asAwaitable()}), after which awaiting many times is fine.
 *
 * <p>The experiment awaits, twice in a row, from an async caller: the ValueAwaitable of a method
 * that completed synchronously (a cache hit: value-backed), the ValueAwaitable of a method that
 * suspended (backed by an awaitable), and, as the contrast, {@code asAwaitable()} of one.
 *
 * <p>Observed: the first await's value and what the second await did, per subject.
 */
// Its loom side shows what loom does with direct style written for loom (an await in a
// helper or in an AsyncBody class): left as written, not woven.
@LoomOnly
final class ValueAwaitableTwiceScenario extends AbstractScenario<List<ValueAwaitableTwiceScenario.Twice>> {

    /** Two awaits of one subject: the first value, and the second value or what it threw. */
    record Twice(String subject, Object first, Object second, Throwable secondError) {
        /** {@code previous}: the error described just before, so a repeated message is not printed twice. */
        String describe(Throwable previous) {
            String second = secondError == null
                    ? "returned " + this.second
                    : previous != null
                                    && previous.getClass() == secondError.getClass()
                                    && String.valueOf(previous.getMessage()).equals(secondError.getMessage())
                            ? "threw the same " + secondError.getClass().getSimpleName()
                            : "threw " + Probes.describe(secondError);
            return subject + ": first await " + first + ", second await " + second;
        }
    }

    ValueAwaitableTwiceScenario() {
        super(
                "value-awaitable-twice",
                "awaiting a ValueAwaitable twice throws IllegalStateException saying it may be awaited once",
                "a ValueTask must be awaited only once (a second await is undefined behaviour); convert with AsTask() to await it again",
                "asynchronous-programming-internals-lesson.md, section 5 (ValueTask vs Task) and Common Errors",
                "for a completed and a suspended ValueAwaitable, the first await returns 42 and the second throws "
                        + "IllegalStateException saying it may be awaited once; asAwaitable() may be awaited twice");
    }

    @Override
    Outcome judge(List<Twice> results) {
        boolean passed = results.size() == 3;
        for (Twice t : results) {
            boolean convertible = t.subject().startsWith("asAwaitable");
            passed &= Integer.valueOf(42).equals(t.first());
            passed &= convertible
                    ? t.secondError() == null && Integer.valueOf(42).equals(t.second())
                    : t.secondError() instanceof IllegalStateException e
                            && e.getMessage().contains("awaited once");
        }
        List<String> parts = new ArrayList<>();
        Throwable previous = null;
        for (Twice t : results) {
            parts.add(t.describe(previous));
            previous = t.secondError() != null ? t.secondError() : previous;
        }
        return Outcome.of(passed, String.join("; ", parts));
    }

    /* ---------------- statemachine ---------------- */

    @Override
    List<Twice> onStatemachine() {
        List<Twice> results = new ArrayList<>();
        results.add(Probes.join(
                AwaitTwiceMachine.call("ValueAwaitable of a cache hit", GetValueMachine.call(true)),
                "AwaitTwiceAsync"));
        results.add(Probes.join(
                AwaitTwiceMachine.call("ValueAwaitable of a method that suspended", GetValueMachine.call(false)),
                "AwaitTwiceAsync"));
        results.add(Probes.join(
                AwaitTwiceMachine.call(
                        "asAwaitable()", GetValueMachine.call(false).asAwaitable()),
                "AwaitTwiceAsync"));
        return results;
    }

    /**
     * <pre>{@code
     * static async ValueTask<int> GetValueAsync(bool cached) {
     *     if (cached) return 42;          // synchronous: a value-backed ValueTask, no Task at all
     *     await Task.Yield();
     *     return 42;
     * }
     * }</pre>
     */
    static final class GetValueMachine implements AsyncStateMachine {
        final ValueAsyncMethodBuilder<Integer> builder = ValueAsyncMethodBuilder.create();
        final boolean cached;
        int state;
        Awaiter<Void> awaiter;

        GetValueMachine(boolean cached) {
            this.cached = cached;
        }

        static ValueAwaitable<Integer> call(boolean cached) {
            GetValueMachine m = new GetValueMachine(cached);
            m.builder.start(m);
            return m.builder.valueAwaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    if (cached) {
                        state = -1;
                        builder.setResult(42);
                        return;
                    }
                    awaiter = Awaitables.yieldNow().getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                awaiter.getResult();
                awaiter = null;
                state = -1;
                builder.setResult(42);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /**
     * <pre>{@code
     * static async Task<Twice> AwaitTwiceAsync(string subject, ValueTask<int> x) {
     *     int first = await x;
     *     try {
     *         int second = await x;                 // the second await
     *         return new Twice(subject, first, second, null);
     *     } catch (InvalidOperationException e) {
     *         return new Twice(subject, first, null, e);
     *     }
     * }
     * }</pre>
     * The try spans the second await, so an exception from any part of it (getAwaiter, the
     * registration, getResult after resuming) lands in the catch: {@code inSecondAwait} says
     * whether the machine is inside that try.
     */
    static final class AwaitTwiceMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Twice> builder = AsyncMethodBuilder.create();
        final String subject;
        final AwaitableLike<Integer> x;
        int state;
        Awaiter<Integer> awaiter;
        Integer first;
        boolean inSecondAwait;

        AwaitTwiceMachine(String subject, AwaitableLike<Integer> x) {
            this.subject = subject;
            this.x = x;
        }

        static Awaitable<Twice> call(String subject, AwaitableLike<Integer> x) {
            AwaitTwiceMachine m = new AwaitTwiceMachine(subject, x);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = x.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                if (state <= 1) {
                    first = awaiter.getResult();
                    inSecondAwait = true;
                    awaiter = x.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 2;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                Integer second = awaiter.getResult();
                awaiter = null;
                state = -1;
                builder.setResult(new Twice(subject, first, second, null));
            } catch (Throwable t) {
                state = -1;
                if (inSecondAwait && t instanceof IllegalStateException e) {
                    builder.setResult(new Twice(subject, first, null, e));
                } else {
                    builder.setException(t);
                }
            }
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    List<Twice> onLoom() {
        return Probes.join(
                Async.run(() -> List.of(
                        awaitTwice("ValueAwaitable of a cache hit", getValue(true)),
                        awaitTwice("ValueAwaitable of a method that suspended", getValue(false)),
                        awaitTwice("asAwaitable()", getValue(false).asAwaitable()))),
                "the caller body");
    }

    /** The seed's ValueTask shape: the value itself on a cache hit, else a wrapped async call. */
    private static ValueAwaitable<Integer> getValue(boolean cached) {
        if (cached) {
            return ValueAwaitable.of(42);
        }
        return ValueAwaitable.from(Async.run(() -> {
            Async.await(Awaitables.yieldNow());
            return 42;
        }));
    }

    private static Twice awaitTwice(String subject, AwaitableLike<Integer> x) {
        Integer first = Async.await(x);
        try {
            return new Twice(subject, first, Async.await(x), null);
        } catch (IllegalStateException e) {
            return new Twice(subject, first, null, e);
        }
    }
}
