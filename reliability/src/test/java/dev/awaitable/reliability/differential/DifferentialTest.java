package dev.awaitable.reliability.differential;

import static org.quicktheories.QuickTheory.qt;

import dev.awaitable.Async;
import dev.awaitable.Awaitables;
import dev.awaitable.UnobservedFaultHandler;
import dev.awaitable.reliability.Stress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential testing: random async programs ({@link SpecGen}) run on the statemachine backend,
 * the loom backend and a CompletableFuture reference interpreter must agree on the outcome and
 * on every body's steps ({@link Differential}). QuickTheories shrinks a failing program to a
 * program, then {@link Shrinker} removes what it can; the failure names the minimal program as
 * {@link Spec} code: keep it in {@link DifferentialRegressionTest}, named after what broke.
 *
 * <p>Scale: 1,500 programs at {@code -Dawaitable.stress=1}, times the factor above that. Pick
 * the seed with {@code -Dawaitable.seed=N} to replay a run (the seed is printed).
 */
class DifferentialTest {

    static final int PROGRAMS = Stress.scaled(3_000);
    static final long SEED = Long.getLong("awaitable.seed", System.nanoTime());

    private static UnobservedFaultHandler previous;

    @BeforeAll
    static void quietUnobservedFaults() {
        // Losing whenAny branches that fault are unobserved by design; count nothing, log nothing.
        previous = Awaitables.setUnobservedFaultHandler(fault -> {});
    }

    @AfterAll
    static void restore() {
        Awaitables.setUnobservedFaultHandler(previous);
        Async.useBackend("statemachine");
    }

    /** Every generated program has the same outcome and the same steps per body on all three interpreters. */
    @Test
    void backendsAgreeWithTheReference() {
        System.out.println("differential: " + PROGRAMS + " programs, seed " + SEED + " (replay with -Dawaitable.seed="
                + SEED + ")");
        try {
            qt().withFixedSeed(SEED)
                    .withExamples(PROGRAMS)
                    .withShrinkCycles(200)
                    .forAll(SpecGen.programs(3))
                    .checkAssert(DifferentialTest::checkRemembering);
        } catch (AssertionError e) {
            Spec.Body smallest = smallestFailure;
            if (smallest == null) {
                throw e;
            }
            Spec.Body minimal = Shrinker.shrink(smallest, DifferentialTest::fails);
            String why;
            try {
                Differential.check(minimal);
                why = "(the minimal program passed on its own re-run: timing-dependent)";
            } catch (AssertionError again) {
                why = again.getMessage();
            }
            throw new AssertionError(
                    "minimal failing program, to keep in DifferentialRegressionTest:\n    " + minimal + "\n" + why
                            + "\n\nQuickTheories' report follows.",
                    e);
        }
    }

    private static volatile Spec.Body smallestFailure;

    private static void checkRemembering(Spec.Body spec) {
        try {
            Differential.check(spec);
        } catch (AssertionError e) {
            Spec.Body s = smallestFailure;
            if (s == null || Spec.size(spec) <= Spec.size(s)) {
                smallestFailure = spec;
            }
            throw e;
        }
    }

    private static boolean fails(Spec.Body spec) {
        try {
            Differential.check(spec);
            return false;
        } catch (AssertionError e) {
            return true;
        }
    }
}
