package dev.awaitable.scenarios;

import java.time.Duration;

/**
 * A claim of the seed articles ({@code shared/seeds/}) turned into an experiment with an
 * observable outcome, run on a backend. Each scenario has one implementation per backend: a
 * hand-written state machine in the shape the C# compiler generates (statemachine) and direct-style
 * code on virtual threads (loom). Both do the same experiment and are judged by the same check, so
 * a claim that holds on one backend and not on the other shows up as one passed and one failed row.
 *
 * <p>Run scenarios through {@link ScenarioRunner}, which bounds each run with {@link #timeout()} and
 * turns exceptions into failed results; {@link ScenarioCatalog} lists them all.
 */
public interface Scenario {

    /** Stable id used by the CLI and the report, e.g. {@code resume-order-abc}. */
    String id();

    /** One line: what is put to the test. */
    String title();

    /** The seed's claim, in words. */
    String claim();

    /** The seed article (file name and section) the claim comes from. */
    String seed();

    /** The observable outcome that confirms the claim. */
    String expected();

    /**
     * Selects {@code backend} ({@code Async.useBackend}) and runs the experiment on it. Blocking
     * waits inside are bounded, so a broken backend normally yields a failed outcome saying what
     * did not complete, well before the runner's {@link #timeout()}.
     *
     * @throws IllegalStateException if the backend is not on the class path
     * @throws IllegalArgumentException if this scenario has no implementation for it
     */
    Outcome run(String backend) throws Exception;

    /** How long {@link ScenarioRunner} lets one run take before reporting it as timed out. */
    default Duration timeout() {
        return Duration.ofSeconds(30);
    }
}
