package dev.awaitable.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Two recordings side by side ({@code analyze A.jfr --vs B.jfr}): A is the one under study, B the
 * baseline it is held against.
 *
 * <p>Raw counts say nothing when the recordings differ in length or load, so every total (events,
 * bytes, milliseconds of pinning or GC pause) is compared <em>per second</em> of its own recording
 * (first event to last) and, when both recordings' operation counts are known, <em>per
 * operation</em>. Distributions (percentiles, the longest pause) are compared as they are. Each
 * row has the ratio B / A and, where one direction is better, which side is: lower is better for
 * costs (time blocked or paused, bytes allocated, pinning, contention, faults, CPU per operation),
 * higher for operations per second; rows that are neither (events, sleeps, socket bytes) say
 * nothing.
 *
 * @param a            the first recording's analysis
 * @param b            the second's
 * @param aSeconds     A's duration in seconds, the per-second divisor
 * @param bSeconds     B's
 * @param aOperations  A's operation count, or null when unknown
 * @param bOperations  B's
 * @param operations   where the operation counts come from ("given", or the statistics events)
 * @param caveats      event types whose thresholds differ between A and B, so their rows compare
 *                     different things ("jdk.VirtualThreadPinned: threshold 0 ms in A, 20 ms in B")
 * @param rows         one per metric and basis, in reading order; rows neither recording has, and
 *                     counts that are 0 on both sides, are left out
 */
public record Comparison(
        Analysis a,
        Analysis b,
        double aSeconds,
        double bSeconds,
        Long aOperations,
        Long bOperations,
        String operations,
        List<String> caveats,
        List<Row> rows) {

    /** A per-operation row's basis. */
    public static final String PER_OP = "op";
    /** A per-second row's basis. */
    public static final String PER_SECOND = "s";
    /** A row compared as it is. */
    public static final String AS_IS = "recording";

    /** Within this factor of 1 the two sides are the same. */
    static final double SAME = 0.01;

    /** Where the operation counts come from when Awaitable's statistics supply them. */
    static final String FROM_STATISTICS =
            "dev.awaitable.Statistics (one operation = one await: synchronous completions + suspensions)";

    static final String FROM_USER = "given (--ops / --vs-ops)";

    /**
     * One metric of both recordings and their ratio.
     *
     * @param section  the group the metric belongs to ("awaits", "gc", ...)
     * @param metric   what is measured
     * @param unit     "count", "ns", "ms" or "bytes"
     * @param per      {@link #PER_SECOND}, {@link #PER_OP} or {@link #AS_IS}
     * @param a        A's value on that basis, or null when A did not record it
     * @param b        B's value, or null
     * @param ratio    b / a, or null when either is missing or a is 0
     * @param better   "A", "B" or "same" where lower (or higher) is better; null where neither is
     */
    public record Row(
            String section, String metric, String unit, String per, Double a, Double b, Double ratio, String better) {}

    /** Which way is better for a metric. */
    enum Better {
        LOWER,
        HIGHER,
        NEITHER
    }

    /**
     * The rows for two analyses; {@code aOps} and {@code bOps} are the operation counts the user
     * gave, both or neither. Without them, both recordings' Awaitable statistics supply them if both
     * have two samples or more; otherwise there are no per-operation rows.
     */
    public static Comparison of(Analysis a, Analysis b, Long aOps, Long bOps) {
        if ((aOps == null) != (bOps == null)) {
            throw new IllegalArgumentException("give both operation counts or neither");
        }
        Long opsA = aOps;
        Long opsB = bOps;
        String source = FROM_USER;
        if (opsA == null) {
            opsA = statisticsOperations(a);
            opsB = statisticsOperations(b);
            source = FROM_STATISTICS;
            if (opsA == null || opsB == null) {
                opsA = null;
                opsB = null;
                source = null;
            }
        }
        Builder r = new Builder(a, b, seconds(a), seconds(b), opsA, opsB);
        r.level(
                "recording",
                "duration",
                "ms",
                Better.NEITHER,
                x -> x.recording().durationMs());
        if (opsA != null && opsB != null) {
            r.add(rowPerSecond(r, "recording", "operations", opsA, opsB));
        }
        r.total("recording", "events", "count", Better.NEITHER, x ->
                (double) x.recording().events());

        r.total(
                "cpu",
                "execution samples",
                "count",
                Better.LOWER,
                x -> x.cpu().recorded() ? (double) x.cpu().samples() : null);

        r.total("awaits", "suspend events", "count", Better.NEITHER, x ->
                (double) x.awaits().suspendEvents());
        r.total("awaits", "resume events", "count", Better.NEITHER, x ->
                (double) x.awaits().resumeEvents());
        r.total(
                "awaits",
                "statistics: suspensions",
                "count",
                Better.NEITHER,
                x -> stats(x, Analysis.Counters::suspensions));
        r.total(
                "awaits",
                "statistics: resumptions",
                "count",
                Better.NEITHER,
                x -> stats(x, Analysis.Counters::resumptions));
        r.total(
                "awaits",
                "statistics: sync completions",
                "count",
                Better.NEITHER,
                x -> stats(x, Analysis.Counters::synchronousCompletions));
        r.level("awaits", "resume latency p50", "ns", Better.LOWER, x -> latency(x, 50));
        r.level("awaits", "resume latency p90", "ns", Better.LOWER, x -> latency(x, 90));
        r.level("awaits", "resume latency p99", "ns", Better.LOWER, x -> latency(x, 99));
        r.level("awaits", "resume latency max", "ns", Better.LOWER, x -> latency(x, 100));

        r.total(
                "virtual threads",
                "started",
                "count",
                Better.NEITHER,
                x -> recorded(x.virtualThreads().recorded(), x.virtualThreads().started()));
        r.total(
                "pinning",
                "pinned events",
                "count",
                Better.LOWER,
                x -> recorded(x.pinning().recorded(), x.pinning().count()));
        r.total(
                "pinning",
                "pinned time",
                "ms",
                Better.LOWER,
                x -> recordedMs(
                        x.pinning().recorded(), x.pinning().count(), x.pinning().totalMs()));
        r.total(
                "contention",
                "contended monitor entries",
                "count",
                Better.LOWER,
                x -> recorded(x.contention().recorded(), x.contention().count()));
        r.total(
                "contention",
                "time blocked on monitors",
                "ms",
                Better.LOWER,
                x -> recordedMs(
                        x.contention().recorded(),
                        x.contention().count(),
                        x.contention().totalMs()));
        r.total(
                "parking",
                "park events",
                "count",
                Better.NEITHER,
                x -> recorded(x.parking().recorded(), x.parking().count()));
        r.total(
                "parking",
                "parked time",
                "ms",
                Better.NEITHER,
                x -> recordedMs(
                        x.parking().recorded(), x.parking().count(), x.parking().totalMs()));
        r.total(
                "sleeps",
                "sleep time",
                "ms",
                Better.NEITHER,
                x -> recordedMs(
                        x.sleeps().recorded(), x.sleeps().count(), x.sleeps().totalMs()));
        r.total(
                "sockets",
                "bytes read",
                "bytes",
                Better.NEITHER,
                x -> recorded(x.sockets().recorded(), x.sockets().bytesRead()));
        r.total(
                "sockets",
                "bytes written",
                "bytes",
                Better.NEITHER,
                x -> recorded(x.sockets().recorded(), x.sockets().bytesWritten()));

        r.total(
                "allocation",
                "sampled bytes",
                "bytes",
                Better.LOWER,
                x -> x.allocations().source() == null
                        ? null
                        : (double) x.allocations().totalBytes());
        r.total("gc", "collections", "count", Better.LOWER, x -> recorded(x.gc().recorded(), x.gc().count()));
        r.total(
                "gc",
                "pause time",
                "ms",
                Better.LOWER,
                x -> recordedMs(x.gc().recorded(), x.gc().count(), x.gc().totalPauseMs()));
        r.level(
                "gc",
                "longest pause",
                "ms",
                Better.LOWER,
                x -> recordedMs(x.gc().recorded(), x.gc().count(), x.gc().maxPauseMs()));

        r.total(
                "faults",
                "unobserved faults",
                "count",
                Better.LOWER,
                x -> recorded(x.faults().recorded(), x.faults().unobserved()));
        r.total(
                "faults",
                "deadlocks detected",
                "count",
                Better.LOWER,
                x -> recorded(x.faults().recorded(), x.faults().deadlocks()));
        r.total(
                "faults",
                "errors thrown (JDK-internal left out)",
                "count",
                Better.LOWER,
                x -> recorded(
                        x.errors().recorded(), x.errors().count() - x.errors().jdkInternal()));

        r.level("rules", "warnings", "count", Better.LOWER, x -> (double) count(x, RuleResult.Severity.WARNING));
        List<Row> rows = r.rows.stream()
                .filter(x -> (x.a() != null || x.b() != null) && !(x.better() == null && zero(x.a()) && zero(x.b())))
                .toList();
        return new Comparison(a, b, r.aSeconds, r.bSeconds, opsA, opsB, source, caveats(a, b), rows);
    }

    private static boolean zero(Double v) {
        return v == null || v == 0;
    }

    /** The thresholded types recorded on both sides with different thresholds. */
    static List<String> caveats(Analysis a, Analysis b) {
        List<String> out = new ArrayList<>();
        for (Analysis.Coverage ca : a.coverage()) {
            for (Analysis.Coverage cb : b.coverage()) {
                if (ca.eventType().equals(cb.eventType())
                        && ca.enabled()
                        && cb.enabled()
                        && ca.thresholdNs() != cb.thresholdNs()) {
                    out.add(ca.eventType() + ": threshold " + known(ca.threshold()) + " in A, " + known(cb.threshold())
                            + " in B; its rows compare events of different lengths");
                }
            }
        }
        return out;
    }

    private static String known(String threshold) {
        return threshold == null ? "unknown" : threshold;
    }

    /** Awaits in the statistics' growth (synchronous completions + suspensions), or null without two samples. */
    static Long statisticsOperations(Analysis x) {
        Analysis.Counters c = x.awaits().statistics();
        if (c == null || c.samples() < 2) {
            return null;
        }
        long ops = c.synchronousCompletions() + c.suspensions();
        return ops > 0 ? ops : null;
    }

    private static double seconds(Analysis x) {
        return x.recording().durationMs() / 1e3;
    }

    private static Row rowPerSecond(Builder r, String section, String metric, long opsA, long opsB) {
        Double va = r.aSeconds > 0 ? opsA / r.aSeconds : null;
        Double vb = r.bSeconds > 0 ? opsB / r.bSeconds : null;
        return row(section, metric, "count", PER_SECOND, va, vb, Better.HIGHER);
    }

    static Row row(String section, String metric, String unit, String per, Double va, Double vb, Better better) {
        Double ratio = va == null || vb == null || va == 0 ? null : vb / va;
        return new Row(section, metric, unit, per, va, vb, ratio, better(va, vb, better));
    }

    /** "A", "B" or "same" by {@code direction}; null when neither is better or a value is missing. */
    static String better(Double va, Double vb, Better direction) {
        if (direction == Better.NEITHER || va == null || vb == null) {
            return null;
        }
        double hi = Math.max(Math.abs(va), Math.abs(vb));
        if (hi == 0 || Math.abs(va - vb) <= SAME * hi) {
            return "same";
        }
        boolean bLower = vb < va;
        return (direction == Better.LOWER) == bLower ? "B" : "A";
    }

    /** Collects rows, normalizing totals per second and per operation. */
    private static final class Builder {
        final Analysis a;
        final Analysis b;
        final double aSeconds;
        final double bSeconds;
        final Long aOps;
        final Long bOps;
        final List<Row> rows = new ArrayList<>();

        Builder(Analysis a, Analysis b, double aSeconds, double bSeconds, Long aOps, Long bOps) {
            this.a = a;
            this.b = b;
            this.aSeconds = aSeconds;
            this.bSeconds = bSeconds;
            this.aOps = aOps;
            this.bOps = bOps;
        }

        void add(Row row) {
            rows.add(row);
        }

        /** A level (a percentile, a maximum), compared as it is. */
        void level(String section, String metric, String unit, Better better, Function<Analysis, Double> value) {
            rows.add(row(section, metric, unit, AS_IS, value.apply(a), value.apply(b), better));
        }

        /**
         * A total: per second of each recording and, with both operation counts, per operation. CPU
         * samples per second are load, not cost: only their per-operation row says which is better.
         */
        void total(String section, String metric, String unit, Better better, Function<Analysis, Double> value) {
            Double ta = value.apply(a);
            Double tb = value.apply(b);
            Better perSecond = section.equals("cpu") ? Better.NEITHER : better;
            rows.add(row(section, metric, unit, PER_SECOND, divide(ta, aSeconds), divide(tb, bSeconds), perSecond));
            if (aOps != null && bOps != null) {
                rows.add(row(section, metric, unit, PER_OP, divide(ta, aOps), divide(tb, bOps), better));
            }
        }

        private static Double divide(Double total, double by) {
            return total == null || by <= 0 ? null : total / by;
        }
    }

    private static Double stats(Analysis x, Function<Analysis.Counters, Long> counter) {
        Analysis.Counters c = x.awaits().statistics();
        return c == null ? null : (double) counter.apply(c);
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

    private static Double recordedMs(boolean recorded, long count, double ms) {
        return recorded || count > 0 ? ms : null;
    }

    private static long count(Analysis x, RuleResult.Severity s) {
        return x.rules().stream().filter(r -> r.severity() == s).count();
    }
}
