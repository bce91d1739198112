package dev.awaitable.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every seed claim holds on every backend: each scenario of the catalog, run through the
 * {@link ScenarioRunner} (so a hang is a failed result, not a stuck build), observes its expected
 * outcome on statemachine and on loom. A failure's message is the scenario's own observation.
 */
class ScenarioTest {

    /** Far above what any scenario needs; the scenarios bound their own waits well below it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static Stream<Arguments> scenarioOnBackend() {
        return ScenarioCatalog.all().stream()
                .flatMap(s -> ScenarioCatalog.backends().stream().map(b -> Arguments.of(s, b)));
    }

    /** The scenario's expected outcome is what the backend shows. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarioOnBackend")
    void expectedOutcomeHolds(Scenario scenario, String backend) {
        ScenarioResult r = ScenarioRunner.runOne(scenario, backend, TIMEOUT);
        assertThat(r.id()).isEqualTo(scenario.id());
        assertThat(r.backend()).isEqualTo(backend);
        assertThat(r.expected()).isEqualTo(scenario.expected());
        assertThat(r.observed()).isNotBlank();
        assertThat(r.passed())
                .as("%s on %s: expected %s; observed %s", scenario.id(), backend, r.expected(), r.observed())
                .isTrue();
    }
}
