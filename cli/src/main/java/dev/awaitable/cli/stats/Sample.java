package dev.awaitable.cli.stats;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The measurement iterations of one cell (time per operation, one value per iteration, across
 * its forks, fork by fork), and what they say about the cell's mean.
 *
 * <p>Iterations of one fork are not independent of each other the way forks are: a fork's JIT
 * decisions and the machine's state while it ran move all of its iterations together. The
 * sample keeps where each fork's iterations are, so the bootstrap can resample forks first and
 * iterations within them ({@link Bootstrap}); an interval then widens when forks disagree.
 *
 * <p>A cell is <em>unstable</em> when the 95% confidence interval of its mean (Student's t over
 * the iterations) is wider than {@value #UNSTABLE_ABOVE} of the mean either side: its iterations
 * disagree too much for a ratio built on them to be trusted.
 */
public final class Sample {

    /** The relative half-width of the mean's 95% interval above which a cell is unstable. */
    public static final double UNSTABLE_ABOVE = 0.10;

    private final double[] values;
    /** Index of each fork's first iteration in {@link #values}, and values.length at the end. */
    private final int[] forkStarts;

    private final double mean;
    private final double relativeError;

    /** Iterations of one fork. */
    public Sample(List<Double> iterations) {
        this(iterations, List.of(iterations.size()));
    }

    /**
     * Iterations of several forks, in fork order: the first {@code forkSizes.get(0)} are the first
     * fork's, and so on.
     */
    public Sample(List<Double> iterations, List<Integer> forkSizes) {
        this.values = iterations.stream().mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one iteration");
        }
        this.forkStarts = new int[forkSizes.size() + 1];
        for (int f = 0; f < forkSizes.size(); f++) {
            if (forkSizes.get(f) < 1) {
                throw new IllegalArgumentException("a fork has at least one iteration: " + forkSizes);
            }
            forkStarts[f + 1] = forkStarts[f] + forkSizes.get(f);
        }
        if (forkStarts[forkSizes.size()] != values.length) {
            throw new IllegalArgumentException(
                    "fork sizes " + forkSizes + " do not add up to " + values.length + " iterations");
        }
        double sum = 0;
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("iteration times must be positive and finite: " + v);
            }
            sum += v;
        }
        this.mean = sum / values.length;
        this.relativeError = values.length < 2 ? Double.POSITIVE_INFINITY : halfWidth95() / mean;
    }

    private double halfWidth95() {
        return halfWidth(0.95);
    }

    /**
     * The half-width of the mean's interval at {@code confidence} (Student's t), e.g. 0.999 for the
     * width JMH reports as a score's error; NaN with one iteration.
     */
    public double halfWidth(double confidence) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (values.length - 1));
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return t * sd / Math.sqrt(values.length);
    }

    /** The mean time per operation. */
    public double mean() {
        return mean;
    }

    /** The 95% interval's half-width relative to the mean (infinite with one iteration). */
    public double relativeError() {
        return relativeError;
    }

    /** The mean with its 95% confidence interval (Student's t); with one iteration, the point alone. */
    public Interval meanInterval() {
        double hw = Double.isInfinite(relativeError) ? 0 : relativeError * mean;
        return new Interval(mean, mean - hw, mean + hw);
    }

    /** True if {@link #relativeError()} is above {@value #UNSTABLE_ABOVE}. */
    public boolean unstable() {
        return relativeError > UNSTABLE_ABOVE;
    }

    public int size() {
        return values.length;
    }

    /** How many forks the iterations come from. */
    public int forks() {
        return forkStarts.length - 1;
    }

    /** Index of fork {@code f}'s first iteration; {@code forkStart(forks())} is {@link #size()}. */
    int forkStart(int f) {
        return forkStarts[f];
    }

    double value(int i) {
        return values[i];
    }
}
