package dev.awaitable.analyzer;

import java.util.Locale;

/** Numbers as people read them: {@code 12.3 us}, {@code 4.56 ms}, {@code 1.2 MiB}, {@code 45,678}. ASCII only. */
final class Units {
    static final String NONE = "-";

    private Units() {}

    static String nanos(double ns) {
        if (ns < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }

    static String nanos(Long ns) {
        return ns == null ? NONE : nanos(ns.doubleValue());
    }

    static String nanos(long ns) {
        return nanos((double) ns);
    }

    /**
     * A JFR setting's timespan in its largest whole unit, as a settings file writes it: {@code 20 ms},
     * {@code 0 ms}, {@code 1 s}, {@code 1500 us}. (JFR writes a threshold set through the API as
     * {@code 20000000 ns}.)
     */
    static String timespan(long ns) {
        if (ns == 0) {
            return "0 ms";
        }
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + " s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + " ms";
        }
        if (ns % 1_000L == 0) {
            return ns / 1_000L + " us";
        }
        return ns + " ns";
    }

    static String millis(double ms) {
        return nanos(ms * 1e6);
    }

    static String bytes(double b) {
        if (b < 10 && b != Math.rint(b)) {
            return String.format(Locale.ROOT, "%.2f B", b); // a small rate, per operation
        }
        if (b < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b / 1024;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    static String bytes(long b) {
        return bytes((double) b);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A small rate with three significant digits: {@code 0.0123}, {@code 4.56}, {@code 78.9}. */
    static String decimal(double v) {
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** {@code b / a} as {@code 1.23x}; {@link #NONE} when either is missing or {@code a} is 0. */
    static String ratio(Double a, Double b) {
        if (a == null || b == null || a == 0 || a.isNaN() || b.isNaN()) {
            return NONE;
        }
        double r = b / a;
        return r >= 100 ? String.format(Locale.ROOT, "%.0fx", r) : String.format(Locale.ROOT, "%.2fx", r);
    }

    /** At most {@code max} characters, ending in "..." when cut. */
    static String cut(String s, int max) {
        if (s == null) {
            return NONE;
        }
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
    }
}
