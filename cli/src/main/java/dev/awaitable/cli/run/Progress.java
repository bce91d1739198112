package dev.awaitable.cli.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress lines for a long run: which cell, how many are left, elapsed and estimated remaining
 * time. Steps come in kinds that take different times (a JMH cell, an HTTP service run): per
 * kind, the steps left times that kind's average so far, or its planned time per step until one
 * has finished. Steps not planned as a kind of their own are the default kind.
 */
public final class Progress {
    private static final String DEFAULT = "";

    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private int done;

    private static final class Kind {
        int steps;
        int done;
        int measured;
        long measuredNanos;
        long plannedNanos = -1;

        long remainingNanos(long fallbackAverage) {
            long each = measured > 0 ? measuredNanos / measured : plannedNanos >= 0 ? plannedNanos : fallbackAverage;
            return Math.max(0, steps - done) * Math.max(0, each);
        }
    }

    public Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
        Kind k = new Kind();
        k.steps = total;
        kinds.put(DEFAULT, k);
    }

    /** Declares {@code steps} of the total as {@code kind}, expected to take about {@code each}. */
    public void plan(String kind, int steps, Duration each) {
        Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
        k.steps += steps;
        k.plannedNanos = each.toNanos();
        kinds.get(DEFAULT).steps -= steps;
    }

    /**
     * Announces step number {@code done + 1}; a step beyond the planned total (an unstable cell
     * measured again) is numbered {@code [+k]}.
     */
    public void starting(String what) {
        if (done < total) {
            out.printf("[%d/%d] %s  (elapsed %s%s)%n", done + 1, total, what, format(elapsed()), remaining());
        } else {
            out.printf("[+%d] %s  (elapsed %s)%n", done + 1 - total, what, format(elapsed()));
        }
        out.flush();
    }

    /** A default-kind step finished after {@code nanos}; {@code skipped} steps (resumed) do not count toward the estimate. */
    public void finished(String summary, long nanos, boolean skipped) {
        finished(DEFAULT, summary, nanos, skipped);
    }

    /** A step of {@code kind} finished. */
    public void finished(String kind, String summary, long nanos, boolean skipped) {
        done++;
        Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
        k.done++;
        if (!skipped) {
            k.measured++;
            k.measuredNanos += nanos;
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
        long measured = 0;
        long nanos = 0;
        for (Kind k : kinds.values()) {
            measured += k.measured;
            nanos += k.measuredNanos;
        }
        boolean anyPlanned = kinds.values().stream().anyMatch(k -> k.plannedNanos >= 0 && k.done < k.steps);
        if (measured == 0 && !anyPlanned) {
            return "";
        }
        long fallback = measured == 0 ? 0 : nanos / measured;
        long left = 0;
        for (Kind k : kinds.values()) {
            left += k.remainingNanos(fallback);
        }
        return ", ~" + format(Duration.ofNanos(left)) + " left";
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02ds", s % 60) : s + "s";
    }
}
