package dev.awaitable.analyzer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one kind that have a duration (a park, a contended monitor entry, a socket read):
 * their count, total, longest, every duration for percentiles, and the same per site (an
 * application frame and what it blocked on).
 *
 * <p>Percentiles are computed as {@code jfr view} computes them, so the numbers agree: the values
 * sorted, the rank {@code (n + 1) * p} interpolated between its neighbours.
 */
final class DurationTally {
    private long count;
    private long totalNs;
    private long maxNs;
    private long[] durations = new long[64];
    private final Map<List<String>, SiteTally> sites = new HashMap<>();

    private static final class SiteTally {
        long count;
        long totalNs;
        long maxNs;
        long bytes;
    }

    /** One event of {@code d}, at {@code frame}, blocked on {@code on} (may be null). */
    void add(Duration d, String frame, String on) {
        add(d, frame, on, 0);
    }

    /** One event that also moved {@code bytes} (socket I/O). */
    void add(Duration d, String frame, String on, long bytes) {
        long ns = nanos(d);
        if (count == durations.length) {
            durations = Arrays.copyOf(durations, durations.length * 2);
        }
        durations[(int) count] = ns;
        count++;
        totalNs += ns;
        maxNs = Math.max(maxNs, ns);
        if (frame != null) {
            SiteTally s = sites.computeIfAbsent(List.of(frame, on == null ? "" : on), k -> new SiteTally());
            s.count++;
            s.totalNs += ns;
            s.maxNs = Math.max(s.maxNs, ns);
            s.bytes += bytes;
        }
    }

    long count() {
        return count;
    }

    double totalMs() {
        return totalNs / 1e6;
    }

    double maxMs() {
        return maxNs / 1e6;
    }

    double meanMs() {
        return count == 0 ? 0 : totalNs / 1e6 / count;
    }

    /** The {@code p}-quantile (0..1) in milliseconds, as {@code jfr view} computes it; 0 without events. */
    double percentileMs(double p) {
        return percentileNs(Arrays.copyOf(durations, (int) count), p) / 1e6;
    }

    /** Count and distribution, or null without events. */
    Analysis.Durations durations() {
        if (count == 0) {
            return null;
        }
        long[] v = Arrays.copyOf(durations, (int) count);
        return new Analysis.Durations(
                count, totalMs(), meanMs(), percentileNs(v, 0.5) / 1e6, percentileNs(v, 0.99) / 1e6, maxMs());
    }

    /** The heaviest sites by total time, then count. */
    List<Analysis.Site> topSites(int limit) {
        List<Analysis.Site> all = new ArrayList<>(sites.size());
        sites.forEach((k, v) -> all.add(new Analysis.Site(
                k.get(0), k.get(1).isEmpty() ? null : k.get(1), v.count, v.totalNs / 1e6, v.maxNs / 1e6, v.bytes)));
        all.sort(Comparator.comparingDouble(Analysis.Site::totalMs)
                .reversed()
                .thenComparing(Comparator.comparingLong(Analysis.Site::count).reversed())
                .thenComparing(Analysis.Site::frame)
                .thenComparing(s -> s.on() == null ? "" : s.on()));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /**
     * {@code jfr}'s percentile (jdk.jfr.internal.query.Function.Percentile): sort, take rank
     * {@code (n + 1) * p}, interpolate between the values at that rank and the next.
     */
    static double percentileNs(long[] values, double p) {
        int n = values.length;
        if (n == 0) {
            return 0;
        }
        long[] v = values.clone();
        Arrays.sort(v);
        if (n == 1) {
            return v[0];
        }
        double rank = (n + 1) * p;
        int index = (int) rank - 1;
        int next = (int) rank;
        double fraction = rank - (int) rank;
        if (index < 0) {
            return v[0];
        }
        if (next >= n) {
            return v[n - 1];
        }
        return v[index] + fraction * (v[next] - v[index]);
    }

    private static long nanos(Duration d) {
        try {
            return Math.max(0, d.toNanos());
        } catch (ArithmeticException forever) {
            return Long.MAX_VALUE / 4;
        }
    }
}
