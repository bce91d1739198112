package dev.awaitable.cli.report;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.stats.Bootstrap;
import dev.awaitable.cli.stats.Interval;
import dev.awaitable.cli.stats.Sample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ratios between cells, as BenchmarkDotNet's Ratio column: the value of a cell divided by the
 * value of another implementation's cell at the same workload and parameters. Only cells whose
 * status is ok take part: a failed cell's numbers are shown, never used to compare.
 */
final class Ratios {

    private Ratios() {}

    /** {@code metric(cell) / metric(against)}, or null when either is missing, failed, or the denominator is unusable. */
    static Double of(Metric metric, CellResult cell, CellResult against) {
        if (cell == null || against == null || !cell.ok() || !against.ok()) {
            return null;
        }
        Double numerator = metric.of(cell);
        Double denominator = metric.of(against);
        if (numerator == null || !metric.usableDenominator(denominator)) {
            return null;
        }
        return numerator / denominator;
    }

    /**
     * {@code cell}'s mean time over {@code against}'s, with its 95% interval; null when either is
     * missing, failed or has no iterations.
     */
    static Interval interval(CellResult cell, CellResult against) {
        if (cell == null || against == null || !cell.ok() || !against.ok()) {
            return null;
        }
        Sample a = cell.sample();
        Sample b = against.sample();
        return a == null || b == null ? null : Bootstrap.ratio(a, b);
    }

    /**
     * The geometric mean over {@code table}'s parameter sets of {@code a}'s time over {@code b}'s,
     * with its 95% interval, from the parameter sets where both cells are ok and stable; null if
     * there is none.
     */
    static Interval stableTime(WorkloadTable table, String a, String b) {
        List<Bootstrap.Pair> pairs = new ArrayList<>();
        for (String params : table.paramSets()) {
            CellResult x = table.cell(a, params);
            CellResult y = table.cell(b, params);
            if (x != null && y != null && x.ok() && y.ok() && !x.unstable() && !y.unstable()) {
                pairs.add(new Bootstrap.Pair(x.sample(), y.sample()));
            }
        }
        return pairs.isEmpty() ? null : Bootstrap.geometricMeanOfRatios(pairs);
    }

    /** True if {@code impl} has an ok, stable cell in {@code table}. */
    static boolean hasStableCell(WorkloadTable table, String impl) {
        return table.paramSets().stream()
                .map(p -> table.cell(impl, p))
                .anyMatch(c -> c != null && c.ok() && !c.unstable());
    }

    /**
     * The ratio of {@code a} to {@code b} at every parameter set of {@code table} where both have
     * a usable value, in the table's parameter order.
     */
    static List<Double> paired(Metric metric, WorkloadTable table, String a, String b) {
        List<Double> out = new ArrayList<>();
        for (String params : table.paramSets()) {
            Double r = of(metric, table.cell(a, params), table.cell(b, params));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The geometric mean: the right average of ratios (a 2x and a 0.5x cancel to 1x). Null for no
     * values; non-positive values are skipped, since they have no logarithm.
     */
    static Double geometricMean(Collection<Double> ratios) {
        double logSum = 0;
        int n = 0;
        for (Double r : ratios) {
            if (r != null && r > 0 && Double.isFinite(r)) {
                logSum += Math.log(r);
                n++;
            }
        }
        return n == 0 ? null : Math.exp(logSum / n);
    }
}
