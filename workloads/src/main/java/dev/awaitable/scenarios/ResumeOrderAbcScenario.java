package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.time.Duration;
import java.util.List;

/**
 * {@code resume-order-abc}: code after an await is a continuation that runs once the awaited
 * work is done.
 *
 * <p>Claim (asynchronous-programming-internals-lesson.md, section 1, "Your turn: see the
 * continuation ordering"): a method prints A, awaits a 100 ms delay, prints B; its caller awaits it
 * and prints C. The output is A, B, C: the line after the await runs only after the delay
 * completed, and the caller's line after its own await runs after that.
 *
 * <p>Observed: the order of the three steps, whether the delay had completed when B ran, and the
 * platform thread of each step (B and C run wherever the backend resumes continuations that
 * captured no context: a statemachine worker, or a loom carrier).
 */
final class ResumeOrderAbcScenario extends AbstractScenario<ResumeOrderAbcScenario.Facts> {

    private static final Duration DELAY = Duration.ofMillis(50);

    /** What a run saw: the trace of A, B, C and whether the delay was complete at B. */
    record Facts(Trace trace, boolean delayDoneAtB) {}

    ResumeOrderAbcScenario() {
        super(
                "resume-order-abc",
                "A, B, C: the line after an await runs after the awaited delay, then the caller",
                "code after await is a continuation scheduled to run once the awaited task completes",
                "asynchronous-programming-internals-lesson.md, section 1 (continuation ordering: A, B, C)",
                "A,B,C; B runs after the delay completed");
    }

    @Override
    Outcome judge(Facts f) {
        boolean passed = f.trace().labels().equals(List.of("A", "B", "C")) && f.delayDoneAtB();
        return Outcome.of(
                passed,
                f.trace().order() + "; delay completed when B ran: " + (f.delayDoneAtB() ? "yes" : "NO") + "; "
                        + f.trace().where());
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        Trace trace = new Trace();
        boolean[] delayDoneAtB = new boolean[1];
        Probes.join(MainMachine.call(trace, delayDoneAtB), "MainAsync");
        return new Facts(trace, delayDoneAtB[0]);
    }

    /**
     * <pre>{@code
     * static async Task AbcAsync(Trace trace) {
     *     trace.Step("A");
     *     Task delay = Task.Delay(50);
     *     await delay;
     *     trace.Step("B");          // delay.IsCompleted is recorded here
     * }
     * }</pre>
     * {@code delay} lives across the await, so it is hoisted into a field.
     */
    static final class AbcMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final Trace trace;
        final boolean[] delayDoneAtB;
        int state;
        Awaitable<Void> delay;

        AbcMachine(Trace trace, boolean[] delayDoneAtB) {
            this.trace = trace;
            this.delayDoneAtB = delayDoneAtB;
        }

        static Awaitable<Void> call(Trace trace, boolean[] delayDoneAtB) {
            AbcMachine m = new AbcMachine(trace, delayDoneAtB);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    trace.step("A");
                    delay = Awaitables.delay(DELAY);
                    Awaiter<Void> aw = delay.getAwaiter();
                    if (!aw.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                }
                delay.getAwaiter().getResult();
                delayDoneAtB[0] = delay.isCompleted();
                trace.step("B");
                state = -1;
                builder.setResult(null);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /**
     * <pre>{@code
     * static async Task MainAsync(Trace trace) {
     *     await AbcAsync(trace);
     *     trace.Step("C");
     * }
     * }</pre>
     */
    static final class MainMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final Trace trace;
        final boolean[] delayDoneAtB;
        int state;
        Awaiter<Void> awaiter;

        MainMachine(Trace trace, boolean[] delayDoneAtB) {
            this.trace = trace;
            this.delayDoneAtB = delayDoneAtB;
        }

        static Awaitable<Void> call(Trace trace, boolean[] delayDoneAtB) {
            MainMachine m = new MainMachine(trace, delayDoneAtB);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = AbcMachine.call(trace, delayDoneAtB).getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                awaiter.getResult();
                awaiter = null;
                trace.step("C");
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
        Trace trace = new Trace();
        boolean[] delayDoneAtB = new boolean[1];
        Awaitable<Void> main = Async.run(() -> {
            Async.await(Async.run(() -> {
                trace.step("A");
                Awaitable<Void> delay = Awaitables.delay(DELAY);
                Async.await(delay);
                delayDoneAtB[0] = delay.isCompleted();
                trace.step("B");
            }));
            trace.step("C");
        });
        Probes.join(main, "the main body");
        return new Facts(trace, delayDoneAtB[0]);
    }
}
