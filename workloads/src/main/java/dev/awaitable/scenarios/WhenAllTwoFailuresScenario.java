package dev.awaitable.scenarios;

import dev.awaitable.AggregateException;
import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * {@code when-all-two-failures}: when several inputs of {@code whenAll} fail, an await rethrows
 * the first (in input order) and the combined awaitable keeps them all.
 *
 * <p>Claim (how-csharp-async-await-works-under-the-hood.md, "Exception handling with WhenAll"):
 * {@code await Task.WhenAll(tasks)} re-throws only the first exception; every fault is still there
 * to inspect ({@code Task.Exception}, an AggregateException). Here: {@code whenAll(a, b, c)} where
 * {@code a} fails with an IOException after a 20 ms delay, {@code b} succeeds and {@code c} fails
 * with an IllegalStateException right after a yield (so usually before {@code a}).
 *
 * <p>Observed: what the caller's await rethrew (and whether it is {@code a}'s very exception,
 * unwrapped), what {@code exception()} of the whenAll holds, and the order in which the inputs
 * actually failed, to show "first" means input order, not time.
 */
final class WhenAllTwoFailuresScenario extends AbstractScenario<WhenAllTwoFailuresScenario.Facts> {

    /**
     * @param first     what {@code a} throws (first input)
     * @param third     what {@code c} throws (third input)
     * @param rethrown  what the caller's await of whenAll rethrew
     * @param kept      {@code exception()} of the whenAll
     * @param failOrder the inputs in the order they failed in time
     */
    record Facts(Throwable first, Throwable third, Throwable rethrown, Throwable kept, List<String> failOrder) {}

    WhenAllTwoFailuresScenario() {
        super(
                "when-all-two-failures",
                "whenAll with two failures rethrows the first at await and keeps both",
                "await Task.WhenAll re-throws only the first exception; all faults remain available on the task",
                "how-csharp-async-await-works-under-the-hood.md, Task.WhenAll and Task.WhenAny (exception handling with WhenAll)",
                "await rethrows the first input's IOException itself (not wrapped); exception() is an AggregateException "
                        + "holding [IOException, IllegalStateException] in input order");
    }

    @Override
    Outcome judge(Facts f) {
        boolean keptBoth =
                f.kept() instanceof AggregateException agg && agg.exceptions().equals(List.of(f.first(), f.third()));
        boolean passed = f.rethrown() == f.first() && keptBoth;
        String kept = f.kept() instanceof AggregateException agg
                ? "AggregateException of " + agg.exceptions().size() + " "
                        + agg.exceptions().stream().map(Probes::describe).collect(Collectors.joining(", ", "[", "]"))
                : Probes.describe(f.kept());
        return Outcome.of(
                passed,
                "await rethrew " + Probes.describe(f.rethrown())
                        + (f.rethrown() == f.first()
                                ? " (the first input's own exception)"
                                : " (NOT the first input's exception)")
                        + "; exception() kept " + kept + "; inputs failed in time order "
                        + String.join(" then ", f.failOrder()));
    }

    /** The children: a fails late, b succeeds, c fails early; each records when it fails. */
    private record Children(IOException first, IllegalStateException third, List<String> failOrder) {
        Children() {
            this(
                    new IOException("a: disk failed"),
                    new IllegalStateException("c: bad state"),
                    new CopyOnWriteArrayList<>());
        }

        Callable<Integer> failsWith(String name, Exception e) {
            return () -> {
                failOrder.add(name);
                throw e;
            };
        }
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        Children kids = new Children();
        Awaitable<Integer> a =
                ChildMachine.call(Awaitables.delay(Duration.ofMillis(20)), kids.failsWith("a", kids.first()));
        Awaitable<Integer> b = ChildMachine.call(Awaitables.yieldNow(), () -> 2);
        Awaitable<Integer> c = ChildMachine.call(Awaitables.yieldNow(), kids.failsWith("c", kids.third()));
        CallerMachine m = new CallerMachine(a, b, c);
        m.builder.start(m);
        Probes.join(m.builder.awaitable(), "CallerAsync");
        return new Facts(kids.first(), kids.third(), m.rethrown, m.kept, List.copyOf(kids.failOrder()));
    }

    /**
     * <pre>{@code
     * static async Task<int> ChildAsync(Func<Task> wait, Func<int> then) {
     *     await wait();
     *     return then();             // returns a value, or throws
     * }
     * }</pre>
     */
    static final class ChildMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final AwaitableLike<Void> wait;
        final Callable<Integer> then;
        int state;
        Awaiter<Void> awaiter;

        ChildMachine(AwaitableLike<Void> wait, Callable<Integer> then) {
            this.wait = wait;
            this.then = then;
        }

        static Awaitable<Integer> call(AwaitableLike<Void> wait, Callable<Integer> then) {
            ChildMachine m = new ChildMachine(wait, then);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = wait.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                awaiter.getResult();
                awaiter = null;
                int v = then.call();
                state = -1;
                builder.setResult(v);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /**
     * <pre>{@code
     * static async Task CallerAsync(Task<int> a, Task<int> b, Task<int> c) {
     *     Task<int[]> all = Task.WhenAll(a, b, c);
     *     try { await all; } catch (Exception e) { rethrown = e; }
     *     kept = all.Exception;
     * }
     * }</pre>
     */
    static final class CallerMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> a;
        final Awaitable<Integer> b;
        final Awaitable<Integer> c;
        int state;
        Awaitable<List<Integer>> all;
        Throwable rethrown;
        Throwable kept;

        CallerMachine(Awaitable<Integer> a, Awaitable<Integer> b, Awaitable<Integer> c) {
            this.a = a;
            this.b = b;
            this.c = c;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    all = Awaitables.whenAll(a, b, c);
                    Awaiter<List<Integer>> aw = all.getAwaiter();
                    if (!aw.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                }
                try {
                    all.getAwaiter().getResult();
                } catch (Exception e) {
                    rethrown = e;
                }
                kept = all.exception();
                state = -1;
                builder.setResult(null);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    Facts onLoom() {
        Children kids = new Children();
        Awaitable<Integer> a = child(Awaitables.delay(Duration.ofMillis(20)), kids.failsWith("a", kids.first()));
        Awaitable<Integer> b = child(Awaitables.yieldNow(), () -> 2);
        Awaitable<Integer> c = child(Awaitables.yieldNow(), kids.failsWith("c", kids.third()));
        Throwable[] seen = new Throwable[2];
        Probes.join(
                Async.run(() -> {
                    Awaitable<List<Integer>> all = Awaitables.whenAll(a, b, c);
                    try {
                        Async.await(all);
                    } catch (Exception e) { // await rethrows the original exception, checked ones included
                        seen[0] = e;
                    }
                    seen[1] = all.exception();
                }),
                "the caller body");
        return new Facts(kids.first(), kids.third(), seen[0], seen[1], List.copyOf(kids.failOrder()));
    }

    private static Awaitable<Integer> child(AwaitableLike<Void> wait, Callable<Integer> then) {
        AsyncBody<Integer> body = () -> {
            Async.await(wait);
            return then.call();
        };
        return Async.run(body);
    }
}
