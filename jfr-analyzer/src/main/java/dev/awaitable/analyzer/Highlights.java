package dev.awaitable.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The few numbers of an {@link Analysis} that the report shows per cell, normalized per operation.
 *
 * <p>Suspensions and resumptions come from the per-await events when they were on, else from the
 * growth of the {@code dev.awaitable.Statistics} counters (which needs two samples). Findings are
 * every warning (JMC's and ours) and our own rules' infos; JMC's infos are mostly descriptive
 * ("the JVM shut down because no non-daemon thread was left") and stay in the full analysis.
 */
final class Highlights {
    static final int TOP = 5;
    static final int MAX_FINDINGS = 10;
    static final int MAX_FINDING_CHARS = 300;

    private Highlights() {}

    static JfrHighlights of(Analysis a, String relativePath, Long operations) {
        Double ops = operations != null && operations > 0 ? operations.doubleValue() : null;
        Analysis.Awaits w = a.awaits();
        boolean stats = w.statistics() != null && w.statistics().samples() >= 2;
        Long suspensions = w.suspendEvents() > 0 || w.perAwaitEvents()
                ? Long.valueOf(w.suspendEvents())
                : stats ? Long.valueOf(w.statistics().suspensions()) : null;
        Long resumptions = w.resumeEvents() > 0 || w.perAwaitEvents()
                ? Long.valueOf(w.resumeEvents())
                : stats ? Long.valueOf(w.statistics().resumptions()) : null;

        Analysis.Latency l = w.resumeLatency();
        Analysis.Pinning p = a.pinning();
        boolean pinningRecorded = p.recorded() || p.count() > 0;
        Analysis.Parking park = a.parking();
        Analysis.GcPauses gc = a.gc();
        boolean gcRecorded = gc.recorded() || gc.count() > 0;

        List<String> classes = a.allocations().source() == null
                ? null
                : a.allocations().topClasses().stream()
                        .limit(TOP)
                        .map(s -> s.name() + " (" + Units.percent(s.percent()) + ")")
                        .toList();

        return new JfrHighlights(
                relativePath,
                operations,
                perOp(suspensions, ops),
                perOp(resumptions, ops),
                l == null ? null : (double) l.p50Ns(),
                l == null ? null : (double) l.p99Ns(),
                pinningRecorded ? p.count() : null,
                pinningRecorded
                        ? p.topFrames().stream()
                                .limit(TOP)
                                .map(c -> c.name() + " (" + c.count() + ")")
                                .toList()
                        : null,
                park.recorded() || park.count() > 0 ? park.count() : null,
                gcRecorded ? gc.count() : null,
                gcRecorded ? gc.totalPauseMs() : null,
                classes,
                findings(a.rules()));
    }

    static List<String> findings(List<RuleResult> rules) {
        List<RuleResult> worth = new ArrayList<>();
        for (RuleResult r : rules) {
            if (r.severity() == RuleResult.Severity.WARNING
                    || (r.severity() == RuleResult.Severity.INFO && RuleResult.AWAITABLE.equals(r.source()))) {
                worth.add(r);
            }
        }
        worth.sort(Comparator.comparing(RuleResult::severity)
                .thenComparingDouble(r -> r.score() == null ? 0 : -r.score())
                .thenComparingInt(r -> RuleResult.AWAITABLE.equals(r.source()) ? 0 : 1));
        return worth.stream()
                .limit(MAX_FINDINGS)
                .map(r -> Units.cut(
                        r.severity().label() + ": " + r.name() + ": " + (r.summary() == null ? "" : r.summary()),
                        MAX_FINDING_CHARS))
                .toList();
    }

    private static Double perOp(Long total, Double ops) {
        return total == null || ops == null ? null : total / ops;
    }
}
