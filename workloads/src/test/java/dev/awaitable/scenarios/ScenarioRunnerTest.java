package dev.awaitable.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The runner never fails or hangs itself: a hung scenario, a throwing one and an unknown backend
 * each become one failed result saying what happened; and the catalog's contract.
 */
class ScenarioRunnerTest {

    /** A scenario whose run is given as a lambda; ignores the backend. */
    private record Fake(String id, Run body) implements Scenario {
        interface Run {
            Outcome run(String backend) throws Exception;
        }

        @Override
        public String title() {
            return "fake " + id;
        }

        @Override
        public String claim() {
            return "none";
        }

        @Override
        public String seed() {
            return "none";
        }

        @Override
        public String expected() {
            return "whatever " + id + " expects";
        }

        @Override
        public Outcome run(String backend) throws Exception {
            return body.run(backend);
        }
    }

    /** A run that never returns is reported as "timed out after Ns", and its thread is interrupted. */
    @Test
    void hungScenarioTimesOut() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Fake hang = new Fake("hang", b -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Outcome.of(true, "unreachable");
        });
        List<ScenarioResult> results =
                ScenarioRunner.run(List.of(hang), List.of("statemachine"), Duration.ofSeconds(1));
        assertThat(results).hasSize(1);
        ScenarioResult r = results.get(0);
        assertThat(r.passed()).isFalse();
        assertThat(r.observed()).startsWith("timed out after 1s").contains("stuck in");
        assertThat(r.expected()).isEqualTo(hang.expected());
        assertThat(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    /** An exception thrown by a run becomes a failed result with the exception's message. */
    @Test
    void throwingScenarioFails() {
        Fake boom = new Fake("boom", b -> {
            throw new IllegalStateException("experiment broke on " + b);
        });
        ScenarioResult r = ScenarioRunner.runOne(boom, "loom", Duration.ofSeconds(10));
        assertThat(r.passed()).isFalse();
        assertThat(r.observed()).isEqualTo("threw IllegalStateException: experiment broke on loom");
    }

    /** An unknown backend is a failed result listing the backends on the class path. */
    @Test
    void unknownBackendFails() {
        ScenarioResult r =
                ScenarioRunner.runOne(ScenarioCatalog.byId("resume-order-abc"), "nope", Duration.ofSeconds(10));
        assertThat(r.passed()).isFalse();
        assertThat(r.backend()).isEqualTo("nope");
        assertThat(r.observed())
                .contains("unknown Awaitable backend 'nope'")
                .contains("loom")
                .contains("statemachine");
    }

    /** Results come scenario by scenario, each on the backends in the order given, with its outcome. */
    @Test
    void resultsInScenarioThenBackendOrder() {
        Fake pass = new Fake("pass", b -> Outcome.of(true, "saw it on " + b));
        Fake fail = new Fake("fail", b -> Outcome.of(false, "missed it on " + b));
        List<ScenarioResult> results = ScenarioRunner.run(List.of(pass, fail), List.of("statemachine", "loom"));
        assertThat(results)
                .extracting(r -> r.id() + "/" + r.backend() + "/" + r.passed() + "/" + r.observed())
                .containsExactly(
                        "pass/statemachine/true/saw it on statemachine",
                        "pass/loom/true/saw it on loom",
                        "fail/statemachine/false/missed it on statemachine",
                        "fail/loom/false/missed it on loom");
    }

    /** The catalog lists the scenarios in report order, and byId names the valid ids when it fails. */
    @Test
    void catalog() {
        assertThat(ScenarioCatalog.ids())
                .containsExactly(
                        "resume-order-abc",
                        "resume-order-five-step",
                        "exception-before-first-await",
                        "fire-and-forget-unobserved",
                        "join-on-loop-deadlock",
                        "value-awaitable-twice",
                        "cancellation-cooperative",
                        "when-all-two-failures",
                        "when-any-timeout",
                        "stream-early-exit",
                        "threads-during-io-wait");
        assertThat(ScenarioCatalog.backends()).containsExactly("statemachine", "loom");
        assertThat(ScenarioCatalog.byId(" when-any-timeout ").id()).isEqualTo("when-any-timeout");
        for (Scenario s : ScenarioCatalog.all()) {
            assertThat(List.of(s.title(), s.claim(), s.seed(), s.expected()))
                    .allSatisfy(t -> assertThat(t).isNotBlank());
        }
        assertThatThrownBy(() -> ScenarioCatalog.byId("resume-order"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario 'resume-order'")
                .hasMessageContaining("resume-order-abc, resume-order-five-step");
    }
}
