package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.LoomOnly;
import dev.awaitable.UnobservedFault;
import dev.awaitable.UnobservedFaultHandler;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code fire-and-forget-unobserved}: the failure of an async call nobody awaited is not lost; it
 * reaches the unobserved-fault handler, once.
 *
 * <p>Claim (async-await-internals-state-machines-allocation-traps.md, section 9, "Fire-and-forget
 * tasks and lost failures"; async-await-in-dotnet.md, fire-and-forget): {@code _ = DoWorkAsync();}
 * drops the task, and if it faults, the runtime may surface the failure only at finalization, or
 * not at all. Awaitable's answer (DESIGN.md, "unobserved faults are never silent"): a fault nobody
 * observed is reported to {@code Awaitables.setUnobservedFaultHandler} once its awaitable becomes
 * unreachable, like .NET's {@code TaskScheduler.UnobservedTaskException}.
 *
 * <p>The experiment installs a recording handler, starts a method that awaits a trigger (I/O that
 * completes later) and then throws, drops the returned awaitable, fires the trigger, and collects
 * garbage until the handler heard of the fault (or {@link #PATIENCE} passed), then a few more
 * times to see that it is reported only once. The previous handler is restored afterwards.
 * Faults are matched by a per-run marker in the message, so faults from elsewhere in the JVM do
 * not count.
 *
 * <p>Observed: how many reports arrived for this run, after how many GCs, the exception and the
 * awaitable's description the handler received.
 */
// Its loom side shows what loom does with direct style written for loom (an await in a
// helper or in an AsyncBody class): left as written, not woven.
@LoomOnly
final class FireAndForgetUnobservedScenario extends AbstractScenario<FireAndForgetUnobservedScenario.Facts> {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final AtomicLong RUNS = new AtomicLong();

    /** The reports for this run's marker, how many GCs it took, and the count after more GCs. */
    record Facts(String marker, List<UnobservedFault> reports, int gcs, long millis, int reportsAfterMoreGcs) {}

    FireAndForgetUnobservedScenario() {
        super(
                "fire-and-forget-unobserved",
                "a fire-and-forget failure reaches the unobserved-fault handler",
                "fire-and-forget tasks can silently drop exceptions; a fault nobody observes should be reported, not lost",
                "async-await-internals-state-machines-allocation-traps.md, section 9 (fire-and-forget tasks and lost failures)",
                "the handler receives the method's exception exactly once, after its awaitable became unreachable");
    }

    @Override
    Outcome judge(Facts f) {
        if (f.reports().isEmpty()) {
            return Outcome.of(false, "nothing reported after " + f.gcs() + " GCs in " + f.millis() + " ms");
        }
        UnobservedFault first = f.reports().get(0);
        boolean passed = f.reportsAfterMoreGcs() == 1
                && first.exception() instanceof IllegalStateException
                && first.exception().getMessage().equals(f.marker());
        return Outcome.of(
                passed,
                f.reportsAfterMoreGcs() + " report(s) after " + f.gcs() + " GC(s) (" + f.millis() + " ms): "
                        + Probes.describe(first.exception()) + " from '" + first.awaitable() + "'");
    }

    /**
     * Installs a handler, fires (the method suspends on {@code trigger}), drops, completes the
     * trigger (the method throws), and collects garbage until reported; restores the handler.
     */
    private Facts observe(Runnable fireAndForget, CompletionSource<Void> trigger, String marker) {
        List<UnobservedFault> mine = new CopyOnWriteArrayList<>();
        UnobservedFaultHandler previous = Awaitables.setUnobservedFaultHandler(fault -> {
            if (marker.equals(fault.exception().getMessage())) {
                mine.add(fault);
            }
        });
        try {
            fireAndForget.run(); // the only reference to the awaitable dies with this call
            trigger.setResult(null);
            long start = System.nanoTime();
            long deadline = start + PATIENCE.toNanos();
            int gcs = 0;
            while (mine.isEmpty() && System.nanoTime() < deadline) {
                System.gc();
                gcs++;
                Probes.sleep(20);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<UnobservedFault> reports = List.copyOf(mine);
            for (int i = 0; i < 3 && !mine.isEmpty(); i++) {
                System.gc();
                Probes.sleep(30);
            }
            return new Facts(marker, reports, gcs, millis, mine.size());
        } finally {
            Awaitables.setUnobservedFaultHandler(previous);
        }
    }

    private static String marker() {
        return "fire-and-forget failure #" + RUNS.incrementAndGet();
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        String marker = marker();
        CompletionSource<Void> trigger = new CompletionSource<>();
        return observe(() -> FireAndForgetMachine.call(trigger.awaitable(), marker), trigger, marker);
    }

    /**
     * <pre>{@code
     * static async Task FireAndForgetAsync(Task trigger, string marker) {
     *     await trigger;
     *     throw new InvalidOperationException(marker);
     * }
     * _ = FireAndForgetAsync(trigger, marker);      // nobody keeps or awaits the task
     * }</pre>
     */
    static final class FireAndForgetMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final Awaitable<Void> trigger;
        final String marker;
        int state;
        Awaiter<Void> awaiter;

        FireAndForgetMachine(Awaitable<Void> trigger, String marker) {
            this.trigger = trigger;
            this.marker = marker;
        }

        static Awaitable<Void> call(Awaitable<Void> trigger, String marker) {
            FireAndForgetMachine m = new FireAndForgetMachine(trigger, marker);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = trigger.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                awaiter.getResult();
                awaiter = null;
                throw new IllegalStateException(marker);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }

        /** Names the method in diagnostics: the handler sees "async fireAndForget@...". */
        @Override
        public String toString() {
            return "fireAndForget";
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    Facts onLoom() {
        String marker = marker();
        CompletionSource<Void> trigger = new CompletionSource<>();
        return observe(() -> Async.run(new FireAndForgetBody(trigger.awaitable(), marker)), trigger, marker);
    }

    /** The same method as a named body, so the handler's description names it. */
    record FireAndForgetBody(Awaitable<Void> trigger, String marker) implements AsyncBody<Void> {
        @Override
        public Void run() {
            Async.await(trigger);
            throw new IllegalStateException(marker);
        }

        @Override
        public String toString() {
            return "fireAndForget";
        }
    }
}
