package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our rules on analyses built by hand: each verdict, including the ones real recordings in this
 * suite do not reach (a slow p99, statistics without per-await events, nothing recorded at all).
 */
class AwaitableRulesTest {

    private static final Analysis.RecordingInfo INFO = new Analysis.RecordingInfo(1, null, null, 0, 0, null, Map.of());

    static Analysis analysis(Analysis.Awaits awaits, Analysis.Pinning pinning, Analysis.Faults faults) {
        return new Analysis(
                "synthetic.jfr",
                INFO,
                awaits,
                pinning,
                new Analysis.Allocations(null, 0, List.of(), List.of(), List.of()),
                new Analysis.GcPauses(false, 0, 0, 0, List.of(), null),
                new Analysis.Parking(false, 0, 0, 0, List.of(), List.of()),
                new Analysis.VirtualThreads(false, 0, 0, 0),
                faults,
                new Analysis.Cpu(false, null, 0, List.of(), List.of(), List.of()),
                new Analysis.Blocking(false, 0, 0, 0, List.of()),
                new Analysis.Blocking(false, 0, 0, 0, List.of()),
                new Analysis.Sockets(false, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of()),
                List.of(),
                List.of(),
                new Analysis.ThrownErrors(false, 0, 0, List.of()),
                List.of(),
                List.of());
    }

    static final Analysis.Awaits NO_AWAITS = new Analysis.Awaits(false, 0, 0, null, null, null, List.of());
    static final Analysis.Pinning NOT_RECORDED = new Analysis.Pinning(false, 0, 0, 0, List.of(), List.of(), List.of());
    static final Analysis.Faults NO_FAULT_EVENTS = new Analysis.Faults(false, 0, List.of(), 0, List.of());

    /** Pinned events warn, naming the most frequent frames with their counts and the first reason. */
    @Test
    void pinningWarnsWithTopFrames() {
        Analysis.Pinning p = new Analysis.Pinning(
                true,
                5,
                120.0,
                40.0,
                List.of(new Analysis.Count("app.Cache.load:42", 4), new Analysis.Count("app.Db.query:7", 1)),
                List.of(new Analysis.Count("Native or VM frame on stack", 5)),
                List.of());
        RuleResult r = AwaitableRules.pinning(p, null);
        assertThat(r.severity()).isEqualTo(RuleResult.Severity.WARNING);
        assertThat(r.score()).isGreaterThanOrEqualTo(75);
        assertThat(r.summary())
                .contains(
                        "5 pinned",
                        "120.00 ms",
                        "app.Cache.load:42 (4)",
                        "app.Db.query:7 (1)",
                        "Native or VM frame on stack");

        JfrHighlights h = Highlights.of(withRules(analysis(NO_AWAITS, p, NO_FAULT_EVENTS)), "x.jfr", 10L);
        assertThat(h.pinnedEvents()).isEqualTo(5);
        assertThat(h.pinnedTopFrames()).containsExactly("app.Cache.load:42 (4)", "app.Db.query:7 (1)");
        assertThat(h.findings()).singleElement().asString().startsWith("warning: Virtual thread pinning: 5 pinned");
    }

    /** Recorded but none pinned is OK; not recorded is n/a, and the highlights say null, not 0. */
    @Test
    void noPinningIsOkOnlyWhenRecorded() {
        assertThat(AwaitableRules.pinning(new Analysis.Pinning(true, 0, 0, 0, List.of(), List.of(), List.of()), null)
                        .severity())
                .isEqualTo(RuleResult.Severity.OK);
        RuleResult na = AwaitableRules.pinning(NOT_RECORDED, null);
        assertThat(na.severity()).isEqualTo(RuleResult.Severity.NA);
        assertThat(na.summary()).startsWith("n/a: ");
        assertThat(Highlights.of(analysis(NO_AWAITS, NOT_RECORDED, NO_FAULT_EVENTS), "x", 1L)
                        .pinnedEvents())
                .isNull();
    }

    /** A p99 resume latency above 1 ms is an info naming the backend. */
    @Test
    void slowResumeLatencyIsInfo() {
        Analysis.Latency slow = new Analysis.Latency(100, 400_000, 200_000, 900_000, 5_000_000, 9_000_000);
        Analysis.Awaits awaits = new Analysis.Awaits(
                true, 100, 100, slow, slow, null, List.of(new Analysis.Backend("loom", 100, 100, slow, slow, null)));
        RuleResult r = AwaitableRules.resumeLatency(awaits);
        assertThat(r.severity()).isEqualTo(RuleResult.Severity.INFO);
        assertThat(r.summary()).contains("loom p99 5.00 ms");

        Analysis.Latency fast = new Analysis.Latency(100, 4_000, 2_000, 9_000, 50_000, 90_000);
        assertThat(AwaitableRules.resumeLatency(new Analysis.Awaits(
                                true,
                                100,
                                100,
                                fast,
                                fast,
                                null,
                                List.of(new Analysis.Backend("loom", 100, 100, fast, fast, null))))
                        .severity())
                .isEqualTo(RuleResult.Severity.OK);
        assertThat(AwaitableRules.resumeLatency(NO_AWAITS).severity()).isEqualTo(RuleResult.Severity.NA);
    }

    /** Statistics without Suspend/Resume events: an info saying how to turn them on; highlights use the counters. */
    @Test
    void statisticsOnlyRecordingSuggestsPerAwaitEvents() {
        Analysis.Counters c = new Analysis.Counters(5, 10, 300, 300);
        Analysis.Awaits awaits = new Analysis.Awaits(
                false, 0, 0, null, null, c, List.of(new Analysis.Backend("statemachine", 0, 0, null, null, c)));
        RuleResult r = AwaitableRules.perAwaitEvents(awaits);
        assertThat(r.severity()).isEqualTo(RuleResult.Severity.INFO);
        assertThat(r.summary()).contains("dev.awaitable.Suspend", "dev.awaitable.Resume");

        JfrHighlights h = Highlights.of(analysis(awaits, NOT_RECORDED, NO_FAULT_EVENTS), "x", 100L);
        assertThat(h.suspensionsPerOp()).isEqualTo(3.0);
        assertThat(h.resumptionsPerOp()).isEqualTo(3.0);
        assertThat(h.resumeLatencyP50Ns()).isNull();
    }

    /** Fault rules: n/a without Awaitable's events, OK with none, warnings with the first example. */
    @Test
    void faultRules() {
        assertThat(AwaitableRules.unobservedFaults(NO_FAULT_EVENTS).severity()).isEqualTo(RuleResult.Severity.NA);
        Analysis.Faults none = new Analysis.Faults(true, 0, List.of(), 0, List.of());
        assertThat(AwaitableRules.unobservedFaults(none).severity()).isEqualTo(RuleResult.Severity.OK);
        assertThat(AwaitableRules.deadlocks(none).severity()).isEqualTo(RuleResult.Severity.OK);

        Analysis.Faults some = new Analysis.Faults(
                true,
                2,
                List.of(new Analysis.UnobservedFault("t", "java.io.IOException", "disk", "fetchAsync")),
                1,
                List.of(new Analysis.Deadlock("t", "ui", "GetDataAsync", "GetDataAsync -> io")));
        assertThat(AwaitableRules.unobservedFaults(some).summary())
                .startsWith("2 faulted")
                .contains("java.io.IOException: disk in fetchAsync");
        assertThat(AwaitableRules.deadlocks(some).summary()).contains("context 'ui'", "GetDataAsync -> io");
    }

    /** The text rendering copes with an analysis that has nothing in it. */
    @Test
    void emptyAnalysisRenders() {
        Analysis a = withRules(analysis(NO_AWAITS, NOT_RECORDED, NO_FAULT_EVENTS));
        assertThat(JfrAnalyzer.toText(a))
                .contains(
                        "Awaits: no Awaitable events",
                        "Pinned: not recorded",
                        "Allocation: no allocation events",
                        "GC pauses: not recorded",
                        "Findings: none");
        JfrHighlights h = Highlights.of(a, "x", null);
        assertThat(h.suspensionsPerOp()).isNull();
        assertThat(h.gcPauses()).isNull();
        assertThat(h.topAllocatingClasses()).isNull();
        assertThat(h.findings()).isEmpty();
    }

    private static Analysis withRules(Analysis a) {
        return a.withRules(AwaitableRules.evaluate(a), a.notes());
    }
}
