package dev.awaitable.comparisons.run;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress lines for a long run: which cell, how many are left, elapsed and estimated remaining
 * time (the average cell time so far times the cells left).
 */
public final class Progress {
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int measured;
    private long measuredNanos;

    public Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Announces cell number {@code done + 1}. */
    public void starting(String what) {
        out.printf("[%d/%d] %s  (elapsed %s%s)%n", done + 1, total, what, format(elapsed()), remaining());
        out.flush();
    }

    /** A cell finished after {@code nanos}; {@code skipped} cells (resumed) do not count toward the estimate. */
    public void finished(String summary, long nanos, boolean skipped) {
        done++;
        if (!skipped) {
            measured++;
            measuredNanos += nanos;
        }
        out.printf("        %s%n", summary);
        out.flush();
    }

    public void note(String line) {
        out.println(line);
        out.flush();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private String remaining() {
        if (measured == 0) {
            return "";
        }
        long left = (total - done) * (measuredNanos / measured);
        return ", ~" + format(Duration.ofNanos(left)) + " left";
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02ds", s % 60) : s + "s";
    }
}
