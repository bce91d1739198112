package dev.awaitable.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Two recordings side by side ({@code analyze A.jfr --vs B.jfr}): the same metrics for each, and
 * B / A. A is the one under study, B the baseline it is held against.
 *
 * @param a     the first recording's analysis
 * @param b     the second's
 * @param rows  one per metric, in reading order
 */
public record Comparison(Analysis a, Analysis b, List<Row> rows) {

    /**
     * One metric of both recordings and their ratio.
     *
     * @param section  the group the metric belongs to ("awaits", "gc", ...)
     * @param metric   what is measured
     * @param unit     "count", "ns", "ms" or "bytes"
     * @param a        A's value, or null when A did not record it
     * @param b        B's value, or null
     * @param ratio    b / a, or null when either is missing or a is 0
     */
    public record Row(String section, String metric, String unit, Double a, Double b, Double ratio) {}

    /** The rows for two analyses. */
    public static Comparison of(Analysis a, Analysis b) {
        List<Row> rows = new ArrayList<>();
        add(rows, a, b, "recording", "duration", "ms", x -> x.recording().durationMs());
        add(rows, a, b, "recording", "events", "count", x ->
                (double) x.recording().events());
        add(rows, a, b, "awaits", "suspend events", "count", x ->
                (double) x.awaits().suspendEvents());
        add(rows, a, b, "awaits", "resume events", "count", x ->
                (double) x.awaits().resumeEvents());
        add(
                rows,
                a,
                b,
                "awaits",
                "statistics: suspensions",
                "count",
                x -> x.awaits().statistics() == null
                        ? null
                        : (double) x.awaits().statistics().suspensions());
        add(
                rows,
                a,
                b,
                "awaits",
                "statistics: resumptions",
                "count",
                x -> x.awaits().statistics() == null
                        ? null
                        : (double) x.awaits().statistics().resumptions());
        add(
                rows,
                a,
                b,
                "awaits",
                "statistics: sync completions",
                "count",
                x -> x.awaits().statistics() == null
                        ? null
                        : (double) x.awaits().statistics().synchronousCompletions());
        add(rows, a, b, "awaits", "resume latency p50", "ns", x -> latency(x, 50));
        add(rows, a, b, "awaits", "resume latency p90", "ns", x -> latency(x, 90));
        add(rows, a, b, "awaits", "resume latency p99", "ns", x -> latency(x, 99));
        add(rows, a, b, "awaits", "resume latency max", "ns", x -> latency(x, 100));
        add(
                rows,
                a,
                b,
                "virtual threads",
                "started",
                "count",
                x -> recorded(x.virtualThreads().recorded(), x.virtualThreads().started()));
        add(
                rows,
                a,
                b,
                "virtual threads",
                "ended",
                "count",
                x -> recorded(x.virtualThreads().recorded(), x.virtualThreads().ended()));
        add(
                rows,
                a,
                b,
                "pinning",
                "pinned events",
                "count",
                x -> recorded(x.pinning().recorded(), x.pinning().count()));
        add(
                rows,
                a,
                b,
                "pinning",
                "pinned total",
                "ms",
                x -> x.pinning().recorded() || x.pinning().count() > 0
                        ? x.pinning().totalMs()
                        : null);
        add(
                rows,
                a,
                b,
                "allocation",
                "sampled bytes",
                "bytes",
                x -> x.allocations().source() == null
                        ? null
                        : (double) x.allocations().totalBytes());
        add(rows, a, b, "gc", "pauses", "count", x -> recorded(x.gc().recorded(), x.gc().count()));
        add(
                rows,
                a,
                b,
                "gc",
                "pause total",
                "ms",
                x -> x.gc().recorded() || x.gc().count() > 0 ? x.gc().totalPauseMs() : null);
        add(
                rows,
                a,
                b,
                "gc",
                "longest pause",
                "ms",
                x -> x.gc().recorded() || x.gc().count() > 0 ? x.gc().maxPauseMs() : null);
        add(
                rows,
                a,
                b,
                "parking",
                "park events",
                "count",
                x -> recorded(x.parking().recorded(), x.parking().count()));
        add(
                rows,
                a,
                b,
                "parking",
                "parked total",
                "ms",
                x -> x.parking().recorded() || x.parking().count() > 0
                        ? x.parking().totalMs()
                        : null);
        add(
                rows,
                a,
                b,
                "faults",
                "unobserved faults",
                "count",
                x -> recorded(x.faults().recorded(), x.faults().unobserved()));
        add(
                rows,
                a,
                b,
                "faults",
                "deadlocks detected",
                "count",
                x -> recorded(x.faults().recorded(), x.faults().deadlocks()));
        add(rows, a, b, "rules", "warnings", "count", x -> (double) count(x, RuleResult.Severity.WARNING));
        add(rows, a, b, "rules", "info", "count", x -> (double) count(x, RuleResult.Severity.INFO));
        return new Comparison(a, b, List.copyOf(rows));
    }

    private static void add(
            List<Row> rows,
            Analysis a,
            Analysis b,
            String section,
            String metric,
            String unit,
            Function<Analysis, Double> value) {
        Double va = value.apply(a);
        Double vb = value.apply(b);
        Double ratio = va == null || vb == null || va == 0 ? null : vb / va;
        rows.add(new Row(section, metric, unit, va, vb, ratio));
    }

    private static Double latency(Analysis x, int percentile) {
        Analysis.Latency l = x.awaits().resumeLatency();
        if (l == null) {
            return null;
        }
        return (double)
                switch (percentile) {
                    case 50 -> l.p50Ns();
                    case 90 -> l.p90Ns();
                    case 99 -> l.p99Ns();
                    case 100 -> l.maxNs();
                    default -> throw new IllegalArgumentException("percentile " + percentile);
                };
    }

    private static Double recorded(boolean recorded, long count) {
        return recorded || count > 0 ? (double) count : null;
    }

    private static long count(Analysis x, RuleResult.Severity s) {
        return x.rules().stream().filter(r -> r.severity() == s).count();
    }
}
