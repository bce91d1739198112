package dev.awaitable.cli.stats;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The measurement iterations of one cell (time per operation, one value per iteration, across
 * its forks), and what they say about the cell's mean.
 *
 * <p>A cell is <em>unstable</em> when the 95% confidence interval of its mean (Student's t over
 * the iterations) is wider than {@value #UNSTABLE_ABOVE} of the mean either side: its iterations
 * disagree too much for a ratio built on them to be trusted.
 */
public final class Sample {

    /** The relative half-width of the mean's 95% interval above which a cell is unstable. */
    public static final double UNSTABLE_ABOVE = 0.10;

    private final double[] values;
    private final double mean;
    private final double relativeError;

    public Sample(List<Double> iterations) {
        this.values = iterations.stream().mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one iteration");
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

    double value(int i) {
        return values[i];
    }
}
