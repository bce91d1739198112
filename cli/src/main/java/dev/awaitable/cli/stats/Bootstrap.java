package dev.awaitable.cli.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Confidence intervals of ratios of mean times, by the percentile bootstrap: resample each
 * cell's measurements with replacement, recompute the statistic, and take the 2.5th and 97.5th
 * percentiles of {@value #RESAMPLES} resamples. Each cell is resampled on its own, since its
 * iterations come from its own forks; a cell of several forks is resampled in two stages (forks
 * with replacement, then iterations within each drawn fork), so the interval carries the
 * fork-to-fork spread that iterations of one fork cannot show. The random numbers are seeded from the samples, so the same
 * measurements always give the same interval (a report rendered twice does not change).
 */
public final class Bootstrap {

    /** Resamples per interval. */
    public static final int RESAMPLES = 4000;

    private Bootstrap() {}

    /** Two cells compared: {@code numerator}'s mean time over {@code denominator}'s. */
    public record Pair(Sample numerator, Sample denominator) {}

    /** The ratio {@code mean(a) / mean(b)} with its 95% interval. */
    public static Interval ratio(Sample a, Sample b) {
        return geometricMeanOfRatios(List.of(new Pair(a, b)));
    }

    /**
     * The geometric mean over parameter sets of the pairs' ratios, each pair one parameter set,
     * with its 95% interval: a summary of ratios in which a 2x and a 0.5x cancel.
     */
    public static Interval geometricMeanOfRatios(List<Pair> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no ratios to summarize");
        }
        double point = 0;
        for (Pair p : pairs) {
            point += Math.log(p.numerator().mean() / p.denominator().mean());
        }
        point = Math.exp(point / pairs.size());
        SplittableRandom random = new SplittableRandom(seed(pairs));
        double[] stats = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double logSum = 0;
            for (Pair p : pairs) {
                logSum += Math.log(resampledMean(p.numerator(), random) / resampledMean(p.denominator(), random));
            }
            stats[r] = Math.exp(logSum / pairs.size());
        }
        Arrays.sort(stats);
        double low = Math.min(point, stats[(int) Math.floor(0.025 * (RESAMPLES - 1))]);
        double high = Math.max(point, stats[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
        return new Interval(point, low, high);
    }

    private static double resampledMean(Sample s, SplittableRandom random) {
        int forks = s.forks();
        if (forks == 1) {
            double sum = 0;
            for (int i = 0; i < s.size(); i++) {
                sum += s.value(random.nextInt(s.size()));
            }
            return sum / s.size();
        }
        double sum = 0;
        for (int k = 0; k < forks; k++) { // each fork's mean weighs the same: forks are the unit
            int f = random.nextInt(forks);
            int from = s.forkStart(f);
            int n = s.forkStart(f + 1) - from;
            double forkSum = 0;
            for (int i = 0; i < n; i++) {
                forkSum += s.value(from + random.nextInt(n));
            }
            sum += forkSum / n;
        }
        return sum / forks;
    }

    private static long seed(List<Pair> pairs) {
        long h = 1125899906842597L;
        for (Pair p : pairs) {
            for (Sample s : List.of(p.numerator(), p.denominator())) {
                for (int i = 0; i < s.size(); i++) {
                    h = 31 * h + Double.hashCode(s.value(i));
                }
            }
        }
        return h;
    }
}
