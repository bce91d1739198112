package dev.awaitable.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Warm-up until a fork's time per operation has stopped moving, before JMH's own warm-up and
 * timing iterations. A fixed warm-up is too short for some cells and wasted on others: on two
 * shared cores most cells settle 1.2-2 s into a fork, but some (plain virtual threads in a
 * 100-deep recursion, a producer and consumer on loom) were still 30-60% slow in their first
 * timed iterations after 2 s.
 *
 * <p>The rule: run operations in windows of at least {@link #WINDOW_NANOS} and {@link #MIN_OPS}
 * operations; once {@code min} has passed, the fork is steady when the mean time per operation of
 * the last {@value #HALF} windows is within {@value #TOLERANCE} of that of the {@value #HALF}
 * before them (no trend left that the noise does not explain); at {@code max} it gives up and says
 * so. Only the windows' times are judged, never the timed iterations, so the timing that follows
 * is not selected by its own values.
 */
public final class SteadyState {

    /** The shortest window. */
    static final long WINDOW_NANOS = 100_000_000L;

    /** The fewest operations in a window, so a window of slow operations still averages some. */
    static final int MIN_OPS = 5;

    /** Windows in each of the two halves compared. */
    static final int HALF = 3;

    /** The largest relative difference between the two halves' means at which a fork is steady. */
    static final double TOLERANCE = 0.03;

    /**
     * What a warm-up came to.
     *
     * @param nanos   how long it ran
     * @param steady  whether the rule was met (false: stopped at the maximum)
     * @param windows the time per operation of each window, ns, in order
     */
    public record Outcome(long nanos, boolean steady, List<Double> windows) {}

    private final List<Double> windows = new ArrayList<>();

    /** Adds a window's time per operation; returns whether the windows so far are steady. */
    boolean add(double nanosPerOp) {
        windows.add(nanosPerOp);
        return steady();
    }

    /** Whether the last {@value #HALF} windows' mean is within {@value #TOLERANCE} of the {@value #HALF} before. */
    boolean steady() {
        int n = windows.size();
        if (n < 2 * HALF) {
            return false;
        }
        double recent = mean(n - HALF, n);
        double before = mean(n - 2 * HALF, n - HALF);
        return Math.abs(recent - before) <= TOLERANCE * before;
    }

    private double mean(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += windows.get(i);
        }
        return sum / (to - from);
    }

    /**
     * Runs {@code op} until steady, for at least {@code minNanos} and at most {@code maxNanos}.
     * The operations' results are returned to nobody; {@code sink} keeps them observable.
     */
    public static Outcome warmUp(Callable<Long> op, long minNanos, long maxNanos) throws Exception {
        SteadyState rule = new SteadyState();
        long start = System.nanoTime();
        long sink = 0;
        while (true) {
            long windowStart = System.nanoTime();
            int ops = 0;
            long now;
            do {
                sink += op.call();
                ops++;
                now = System.nanoTime();
            } while (now - windowStart < WINDOW_NANOS || ops < MIN_OPS);
            boolean steady = rule.add((double) (now - windowStart) / ops);
            long elapsed = now - start;
            if ((steady && elapsed >= minNanos) || elapsed >= maxNanos) {
                SINK = sink;
                return new Outcome(elapsed, steady, List.copyOf(rule.windows));
            }
        }
    }

    /** Where the warm-up's checksums go, so the JIT cannot drop the operations. */
    @SuppressWarnings("unused")
    private static volatile long SINK;
}
