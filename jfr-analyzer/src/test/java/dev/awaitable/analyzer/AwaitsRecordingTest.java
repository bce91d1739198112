package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.jfr.ResumeEvent;
import dev.awaitable.jfr.SuspendEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recording of our own events, made in this JVM: statemachine bodies that suspend on
 * {@code CompletionSource}s and resume when another thread completes them, with the per-await
 * events and the periodic statistics on.
 */
class AwaitsRecordingTest {

    /** Suspend and Resume events are counted per backend, and resume latency has percentiles. */
    @Test
    void suspensionsResumptionsAndLatencyPerBackend() throws Exception {
        Analysis a = Recordings.analysis(Recordings.awaits());
        int expected = 2 * Recordings.AWAITS_PER_PHASE;

        assertThat(a.awaits().perAwaitEvents()).isTrue();
        assertThat(a.awaits().suspendEvents()).isGreaterThanOrEqualTo(expected);
        assertThat(a.awaits().resumeEvents()).isGreaterThanOrEqualTo(expected);
        assertThat(a.recording().eventsByType()).containsKeys(SuspendEvent.NAME, ResumeEvent.NAME);

        Analysis.Backend sm = a.awaits().backends().stream()
                .filter(b -> b.name().equals("statemachine"))
                .findFirst()
                .orElseThrow();
        assertThat(sm.suspendEvents()).isGreaterThanOrEqualTo(expected);
        assertThat(sm.resumeEvents()).isGreaterThanOrEqualTo(expected);
        Analysis.Latency l = sm.resumeLatency();
        assertThat(l).isNotNull();
        assertThat(l.count()).isEqualTo(sm.resumeEvents());
        assertThat(l.p50Ns()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(l.p90Ns());
        assertThat(l.p90Ns()).isLessThanOrEqualTo(l.p99Ns());
        assertThat(l.p99Ns()).isLessThanOrEqualTo(l.maxNs());
        assertThat(sm.suspendedFor()).isNotNull();
    }

    /** The Statistics counters grow by at least the work done between the first and last sample. */
    @Test
    void statisticsCountersAreLastMinusFirst() throws Exception {
        Analysis a = Recordings.analysis(Recordings.awaits());
        Analysis.Backend sm = a.awaits().backends().stream()
                .filter(b -> b.name().equals("statemachine"))
                .findFirst()
                .orElseThrow();
        Analysis.Counters c = sm.statistics();
        assertThat(c).isNotNull();
        assertThat(c.samples()).isGreaterThanOrEqualTo(2);
        // Samples every 100 ms, 250 ms of quiet between the phases: at least one whole phase lies
        // between the first and the last sample.
        assertThat(c.suspensions()).isGreaterThanOrEqualTo(Recordings.AWAITS_PER_PHASE);
        assertThat(c.resumptions()).isGreaterThanOrEqualTo(Recordings.AWAITS_PER_PHASE);
        assertThat(a.awaits().statistics().suspensions()).isGreaterThanOrEqualTo(c.suspensions());
    }

    /** Our rules judge the recording: nothing pinned or faulted, latency measured, per-await events on. */
    @Test
    void ourRulesRunAlongsideJmcs() throws Exception {
        Analysis a = Recordings.analysis(Recordings.awaits());
        assertThat(rule(a, AwaitableRules.PER_AWAIT_EVENTS).severity()).isEqualTo(RuleResult.Severity.OK);
        assertThat(rule(a, AwaitableRules.UNOBSERVED_FAULTS).severity()).isEqualTo(RuleResult.Severity.OK);
        assertThat(rule(a, AwaitableRules.DEADLOCKS).severity()).isEqualTo(RuleResult.Severity.OK);
        assertThat(rule(a, AwaitableRules.RESUME_LATENCY).severity())
                .isIn(RuleResult.Severity.OK, RuleResult.Severity.INFO);
        assertThat(a.rules()).anyMatch(r -> r.source().equals(RuleResult.JMC));
        assertThat(a.rules()).allMatch(r -> r.severity() != null && r.id() != null);
    }

    /** Per-cell highlights divide by the operation count, and are null where nothing was measured. */
    @Test
    void highlightsNormalizePerOperation() throws Exception {
        Analysis a = Recordings.analysis(Recordings.awaits());
        long ops = 2L * Recordings.AWAITS_PER_PHASE;
        JfrHighlights h = JfrAnalyzer.highlights(a, "jfr/awaits.jfr", ops);

        assertThat(h.recording()).isEqualTo("jfr/awaits.jfr");
        assertThat(h.operations()).isEqualTo(ops);
        assertThat(h.suspensionsPerOp())
                .isEqualTo((double) a.awaits().suspendEvents() / ops)
                .isGreaterThanOrEqualTo(1.0);
        assertThat(h.resumptionsPerOp()).isGreaterThanOrEqualTo(1.0);
        assertThat(h.resumeLatencyP50Ns())
                .isEqualTo((double) a.awaits().resumeLatency().p50Ns());
        assertThat(h.resumeLatencyP99Ns())
                .isEqualTo((double) a.awaits().resumeLatency().p99Ns());
        assertThat(h.pinnedEvents()).isNull(); // jdk.VirtualThreadPinned was not enabled
        assertThat(h.findings()).isNotNull();

        JfrHighlights unnormalized = JfrAnalyzer.highlights(a, "jfr/awaits.jfr", null);
        assertThat(unnormalized.suspensionsPerOp()).isNull();
        assertThat(unnormalized.resumeLatencyP99Ns()).isEqualTo(h.resumeLatencyP99Ns());
    }

    /** The text names the backend and its latency columns; JSON reads back to the same analysis. */
    @Test
    void rendersAsTextAndRoundTripsThroughJson() throws Exception {
        Analysis a = Recordings.analysis(Recordings.awaits());
        String text = JfrAnalyzer.toText(a);
        assertThat(text)
                .contains(
                        "== " + a.file() + " ==",
                        "Awaits",
                        "statemachine",
                        "resume p50",
                        "p99",
                        "JMC automated analysis",
                        "Findings");

        String json = JfrAnalyzer.toJson(a);
        assertThat(json).contains("\"suspendEvents\"", "\"resumeLatency\"", "\"rules\"");
        assertThat(JfrAnalyzer.fromJson(json)).isEqualTo(a);
    }

    /** Without JMC's rules the numbers are the same, and only our rules are listed. */
    @Test
    void jmcRulesCanBeSkipped() throws Exception {
        Analysis full = Recordings.analysis(Recordings.awaits());
        Analysis quick = JfrAnalyzer.analyze(Recordings.awaits(), false);
        assertThat(quick.awaits()).isEqualTo(full.awaits());
        assertThat(quick.rules()).extracting(RuleResult::source).containsOnly(RuleResult.AWAITABLE);
        assertThat(quick.notes()).contains("JMC rules not evaluated");
    }

    static RuleResult rule(Analysis a, String id) {
        List<RuleResult> matches =
                a.rules().stream().filter(r -> r.id().equals(id)).toList();
        assertThat(matches).as("rule %s", id).hasSize(1);
        return matches.get(0);
    }
}
