package dev.awaitable.cli.stats;

import java.util.Locale;

/**
 * A point estimate with a 95% confidence interval, e.g. the ratio of two implementations' mean
 * times: {@code 1.83 [1.71–1.95]}.
 *
 * @param point the estimate
 * @param low   the interval's lower end
 * @param high  the interval's upper end
 */
public record Interval(double point, double low, double high) {

    public Interval {
        if (!(low <= point && point <= high)) {
            throw new IllegalArgumentException(
                    "not an interval around its point: " + point + " [" + low + ", " + high + "]");
        }
    }

    /** True if {@code value} lies inside the interval (ends included). */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /**
     * True if the interval excludes 1.0: for a ratio of two times, a measurable difference; an
     * interval that contains 1.0 is "no measurable difference".
     */
    public boolean differsFromOne() {
        return !contains(1.0);
    }

    /** The interval's half-width relative to its point: how precisely the point is known. */
    public double relativeHalfWidth() {
        return (high - low) / 2 / point;
    }

    /** {@code 1.83 [1.71–1.95]}, three significant digits. */
    public String format() {
        return fmt(point) + " [" + fmt(low) + "–" + fmt(high) + "]";
    }

    static String fmt(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        return String.format(Locale.ROOT, "%." + Math.min(digits, 6) + "f", v);
    }

    @Override
    public String toString() {
        return format();
    }
}
