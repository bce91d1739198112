package dev.awaitable.reliability.lincheck;

import dev.awaitable.reliability.Stress;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The one place the model checks' sizes are chosen, so that the whole package stays within
 * about two minutes on a 2-core machine (see docs/testing.md for the numbers and why).
 *
 * <p>A scenario is 3 threads of 2 operations each, between 2 operations run before them and 2
 * after (all chosen at random from the test class's {@code @Operation}s): enough for a
 * registration, a completion and an observer to meet in every order, small enough for the
 * model checker to cover a scenario's interleavings in a few hundred invocations. Iterations
 * (scenarios) scale with {@code -Dawaitable.stress}.
 */
final class LincheckRuns {

    /** Scenarios the model checker tries per test, times the stress factor. */
    static final int MODEL_SCENARIOS = 8;
    /** Interleavings explored per scenario. */
    static final int MODEL_INVOCATIONS = 150;
    /** Scenarios the stress runner tries per test, times the stress factor. */
    static final int STRESS_SCENARIOS = 8;
    /** Real-thread runs per scenario. */
    static final int STRESS_INVOCATIONS = 500;

    private LincheckRuns() {}

    static ModelCheckingOptions modelChecking() {
        return modelChecking(MODEL_SCENARIOS, MODEL_INVOCATIONS);
    }

    /** For a structure whose every step costs more to explore (a lock's queue, a condition wait). */
    static ModelCheckingOptions modelChecking(int scenarios, int invocations) {
        return new ModelCheckingOptions()
                .iterations(Stress.scaled(scenarios))
                .invocationsPerIteration(invocations)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    static StressOptions stress() {
        return stress(STRESS_SCENARIOS);
    }

    static StressOptions stress(int scenarios) {
        return new StressOptions()
                .iterations(Stress.scaled(scenarios))
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1);
    }
}
