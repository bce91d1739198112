package dev.awaitable.cli.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Number formatting shared by the markdown and HTML reports, so one value reads the same in both.
 * The rule: whole numbers from 100 up, three significant digits below, thousands separators
 * always; a missing value is {@link #MISSING}. The page's chart script applies the same rule
 * to axis labels and tooltips.
 */
final class Formats {

    /** What a cell shows for a metric that was not measured. */
    static final String MISSING = "—";

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

    private Formats() {}

    /** {@code 1,234,567}, {@code 123}, {@code 12.3}, {@code 1.50}, {@code 0.0123}; {@link #MISSING} for null or not finite. */
    static String number(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return MISSING;
        }
        double v = value;
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(THREE_DIGITS);
        if (rounded.abs().compareTo(BigDecimal.valueOf(100)) >= 0) {
            return grouped(0).format(Math.round(v));
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        int decimals = Math.max(0, 2 - exponent);
        return grouped(decimals).format(rounded.setScale(decimals, RoundingMode.HALF_EVEN));
    }

    /** A whole number with thousands separators; {@link #MISSING} for null. */
    static String integer(Number value) {
        return value == null ? MISSING : grouped(0).format(value.longValue());
    }

    /** A ratio as BenchmarkDotNet prints it: two decimals ({@code 1.00}, {@code 12.34}); three significant digits below 0.1. */
    static String ratio(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return MISSING;
        }
        return Math.abs(value) < 0.1 ? number(value) : grouped(2).format(value);
    }

    /** {@code 0.034} as {@code 3.4%}: one decimal below 10%, none above. */
    static String percent(double fraction) {
        double p = fraction * 100;
        return String.format(Locale.ROOT, p < 10 ? "%.1f%%" : "%.0f%%", p);
    }

    /** A size in bytes in binary units: {@code 512 B}, {@code 1.50 KiB}, {@code 4.00 GiB}. */
    static String bytes(long bytes) {
        if (bytes <= 0) {
            return MISSING;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return (unit == 0 ? integer(bytes) : grouped(2).format(v)) + " " + units[unit];
    }

    /** DecimalFormat is not thread-safe: a fresh one per call (the report is not a hot path). */
    private static DecimalFormat grouped(int decimals) {
        String pattern = decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f;
    }
}
