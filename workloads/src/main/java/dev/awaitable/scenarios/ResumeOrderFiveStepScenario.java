package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code resume-order-five-step}: an async method runs synchronously up to its first real await;
 * there it returns to its caller, which goes on before the continuation runs.
 *
 * <p>Claim (asynchronous-programming-internals-lesson.md, "Mini-Challenge: Prove the Resume
 * Order", and section 1): Main prints 1, calls PourAsync without awaiting it; PourAsync prints 2
 * and awaits; Main prints 3, then awaits the task; PourAsync's line after its await prints 4;
 * Main prints 5. The five lines come out as 1, 2, 3, 4, 5.
 *
 * <p>The experiment: the awaited I/O is a {@link CompletionSource} completed by another platform
 * thread ({@code io-completer}) 20 ms after the caller has reached step 3 (or, at the latest,
 * after {@link Probes#WAIT}). So the order does not hang on timing: a backend whose call
 * blocked until the I/O finished would show 1,2,4,3,5 after that wait instead of passing by luck.
 *
 * <p>Observed: the order of the steps; the status of the awaitable the call returned, read at
 * step 3 (PENDING: the method stopped at its await); and the platform thread of each step.
 */
final class ResumeOrderFiveStepScenario extends AbstractScenario<ResumeOrderFiveStepScenario.Facts> {

    /**
     * How long the I/O takes once the caller is at step 3. Not needed for the order (the latch
     * guarantees it); it only makes the caller's await of PourAsync a real suspension, so step 5
     * shows where the backend resumes it.
     */
    private static final long IO_LATENCY_MILLIS = 20;

    /** The trace of steps 1-5 and the status of PourAsync's awaitable right after the call returned. */
    record Facts(Trace trace, AwaitableStatus statusAtReturn) {}

    ResumeOrderFiveStepScenario() {
        super(
                "resume-order-five-step",
                "1..5: a method runs synchronously to its first real await; the caller continues before the continuation",
                "an async method runs synchronously until its first real await, then hands control back to its "
                        + "caller; the code after the await runs later, once the awaited work completes",
                "asynchronous-programming-internals-lesson.md, Mini-Challenge (prove the resume order) and section 1",
                "1,2,3,4,5; the call returns a PENDING awaitable after step 2");
    }

    @Override
    Outcome judge(Facts f) {
        boolean passed = f.trace().labels().equals(List.of("1", "2", "3", "4", "5"))
                && f.statusAtReturn() == AwaitableStatus.PENDING;
        return Outcome.of(
                passed,
                f.trace().order() + "; the call returned a " + f.statusAtReturn() + " awaitable; "
                        + f.trace().where());
    }

    /** The I/O: completed on another platform thread, 20 ms (its latency) after {@code callerAtStep3} opens. */
    private static CompletionSource<String> io(CountDownLatch callerAtStep3) {
        CompletionSource<String> io = new CompletionSource<>();
        Probes.daemon("io-completer", () -> {
            Probes.await(callerAtStep3);
            Probes.sleep(IO_LATENCY_MILLIS);
            io.setResult("coffee");
        });
        return io;
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        Trace trace = new Trace();
        CountDownLatch atStep3 = new CountDownLatch(1);
        MainMachine m = new MainMachine(trace, io(atStep3).awaitable(), atStep3);
        m.builder.start(m);
        Probes.join(m.builder.awaitable(), "MainAsync");
        return new Facts(trace, m.statusAtReturn);
    }

    /**
     * <pre>{@code
     * static async Task<string> PourAsync(Trace trace, Task<string> io) {
     *     trace.Step("2");               // synchronous part
     *     string cup = await io;         // first real await: returns to the caller
     *     trace.Step("4");               // the continuation
     *     return cup;
     * }
     * }</pre>
     */
    static final class PourMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<String> builder = AsyncMethodBuilder.create();
        final Trace trace;
        final Awaitable<String> io;
        int state;
        Awaiter<String> awaiter;

        PourMachine(Trace trace, Awaitable<String> io) {
            this.trace = trace;
            this.io = io;
        }

        static Awaitable<String> call(Trace trace, Awaitable<String> io) {
            PourMachine m = new PourMachine(trace, io);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    trace.step("2");
                    awaiter = io.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                String cup = awaiter.getResult();
                awaiter = null;
                trace.step("4");
                state = -1;
                builder.setResult(cup);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /**
     * <pre>{@code
     * static async Task MainAsync(Trace trace, Task<string> io) {
     *     trace.Step("1");
     *     Task<string> pour = PourAsync(trace, io);   // not awaited yet
     *     statusAtReturn = pour.Status;
     *     trace.Step("3");
     *     await pour;
     *     trace.Step("5");
     * }
     * }</pre>
     */
    static final class MainMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final Trace trace;
        final Awaitable<String> io;
        final CountDownLatch atStep3;
        int state;
        Awaiter<String> awaiter;
        AwaitableStatus statusAtReturn;

        MainMachine(Trace trace, Awaitable<String> io, CountDownLatch atStep3) {
            this.trace = trace;
            this.io = io;
            this.atStep3 = atStep3;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    trace.step("1");
                    Awaitable<String> pour = PourMachine.call(trace, io);
                    statusAtReturn = pour.status();
                    trace.step("3");
                    atStep3.countDown();
                    awaiter = pour.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                awaiter.getResult();
                awaiter = null;
                trace.step("5");
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
        CountDownLatch atStep3 = new CountDownLatch(1);
        Awaitable<String> io = io(atStep3).awaitable();
        AwaitableStatus[] statusAtReturn = new AwaitableStatus[1];
        Awaitable<Void> main = Async.run(() -> {
            trace.step("1");
            Awaitable<String> pour = Async.run(() -> {
                trace.step("2");
                String cup = Async.await(io);
                trace.step("4");
                return cup;
            });
            statusAtReturn[0] = pour.status();
            trace.step("3");
            atStep3.countDown();
            Async.await(pour);
            trace.step("5");
        });
        Probes.join(main, "the main body");
        return new Facts(trace, statusAtReturn[0]);
    }
}
