package dev.awaitable.reliability.differential;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.reliability.Tally;
import dev.awaitable.reliability.differential.Spec.Body;
import dev.awaitable.testkit.ProgramRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one {@link Spec} program three ways, the statemachine backend, the loom backend and the
 * {@link Reference} interpreter, and requires the same outcome (value, or exception class and
 * message, or cancellation) and the same steps in every body. Steps are compared per body, not
 * across bodies: the order of one body's steps is defined by the program; the interleaving of
 * concurrent bodies is not.
 */
final class Differential {

    /** Upper bound for one run; a run that takes longer is reported as hung. */
    static final Duration WAIT = Duration.ofSeconds(20);

    record Result(String interpreter, Outcome outcome, Map<String, List<String>> steps) {}

    private Differential() {}

    /** Runs {@code spec} on every interpreter and throws AssertionError describing any difference. */
    static void check(Body spec) {
        Tally.PROGRAMS.incrementAndGet();
        Tally.FAULTS.addAndGet(Spec.faults(spec));
        Result reference = onReference(spec);
        Result statemachine = onBackend("statemachine", spec);
        Result loom = onBackend("loom", spec);
        List<String> differences = new ArrayList<>();
        compare(reference, statemachine, differences);
        compare(reference, loom, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError(
                    "the interpreters disagree on\n    " + spec + "\n" + String.join("\n", differences));
        }
    }

    private static void compare(Result expected, Result actual, List<String> differences) {
        if (!Objects.equals(expected.outcome(), actual.outcome())) {
            differences.add("  outcome: " + expected.interpreter() + " " + expected.outcome() + ", "
                    + actual.interpreter() + " " + actual.outcome());
        }
        TreeSet<String> bodies = new TreeSet<>(expected.steps().keySet());
        bodies.addAll(actual.steps().keySet());
        for (String body : bodies) {
            List<String> e = expected.steps().getOrDefault(body, List.of());
            List<String> a = actual.steps().getOrDefault(body, List.of());
            if (!e.equals(a)) {
                differences.add("  steps of " + body + ": " + expected.interpreter() + " " + e + ", "
                        + actual.interpreter() + " " + a);
            }
        }
    }

    static Result onReference(Body spec) {
        Tally.PROGRAM_RUNS.incrementAndGet();
        Run run = new Run();
        CompletableFuture<Integer> f = new Reference(run).start(spec, "main");
        Outcome outcome;
        try {
            outcome = Outcome.succeeded(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            outcome = new Outcome("HUNG", null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            outcome = Outcome.failed(Reference.unwrap(e));
        }
        return new Result("reference", outcome, run.logs());
    }

    static Result onBackend(String backend, Body spec) {
        Tally.PROGRAM_RUNS.incrementAndGet();
        Async.useBackend(backend);
        Run run = new Run();
        ProgramCompiler.Starter starter = ProgramRunner.current()::start;
        Awaitable<Integer> a = starter.start(new ProgramCompiler(run, starter).compile(spec, "main"));
        try {
            a.join(WAIT);
        } catch (TimeoutException e) {
            if (!a.isCompleted()) {
                return new Result(backend, new Outcome("HUNG", null, null, a.toString()), run.logs());
            }
        } catch (RuntimeException e) {
            // the program's own fault or cancellation: read below
        }
        return new Result(backend, Outcome.of(a), run.logs());
    }
}
