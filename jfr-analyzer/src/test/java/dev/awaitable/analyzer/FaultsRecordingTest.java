package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Awaitable's fault events, produced for real: a join() on a loop's own thread that the deadlock
 * detector refuses, and a faulted awaitable that becomes unreachable unobserved.
 */
class FaultsRecordingTest {

    /** Both events are read, with their fields, and each has its own warning. */
    @Test
    void deadlocksAndUnobservedFaultsAreReportedAndWarned() throws Exception {
        Analysis a = Recordings.analysis(Recordings.faults());
        Analysis.Faults f = a.faults();
        assertThat(f.recorded()).isTrue();
        assertThat(f.deadlocks()).isGreaterThanOrEqualTo(1);
        assertThat(f.firstDeadlocks()).anySatisfy(d -> assertThat(d.context()).isEqualTo("ui-loop"));
        assertThat(f.unobserved()).isGreaterThanOrEqualTo(1);
        assertThat(f.firstUnobserved()).anySatisfy(u -> {
            assertThat(u.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(u.message()).isEqualTo("nobody looked");
        });

        RuleResult deadlocks = AwaitsRecordingTest.rule(a, AwaitableRules.DEADLOCKS);
        assertThat(deadlocks.severity()).isEqualTo(RuleResult.Severity.WARNING);
        assertThat(deadlocks.summary()).contains("ui-loop");
        RuleResult unobserved = AwaitsRecordingTest.rule(a, AwaitableRules.UNOBSERVED_FAULTS);
        assertThat(unobserved.severity()).isEqualTo(RuleResult.Severity.WARNING);
        assertThat(unobserved.summary()).contains("nobody looked");

        assertThat(JfrAnalyzer.highlights(a, "faults.jfr", null).findings())
                .anyMatch(s -> s.startsWith("warning: Deadlocks detected: "))
                .anyMatch(s -> s.startsWith("warning: Unobserved faults: "));
        assertThat(JfrAnalyzer.toText(a))
                .contains(
                        "Awaitable faults: ",
                        "deadlock    context 'ui-loop'",
                        "unobserved  java.lang.IllegalStateException: nobody looked");
    }
}
