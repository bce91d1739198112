package dev.awaitable.internal;

import dev.awaitable.jfr.StatisticsEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Per-backend counters: synchronous completions, suspensions, resumptions. Read by the periodic
 * {@link StatisticsEvent} and by tests and scenarios.
 *
 * <p>Cost model: an increment is a plain {@code long} add into one of {@link #STRIPES} stripes
 * chosen by the thread's id, each stripe on its own cache lines, so threads do not bounce a
 * shared line and no atomic instruction is issued. Racy, but benign: two threads hashed to the
 * same stripe and incrementing the same counter at the same instant can lose one increment.
 * These are statistics (rates in a recording), never accounting; exact counts in tests come
 * from single-threaded runs.
 */
public final class AsyncStats {

    private static final int STRIPES = 64;
    /** longs per stripe: 3 counters padded to two 64-byte lines. */
    private static final int STRIDE = 16;

    private static final int SYNC = 0;
    private static final int SUSPEND = 1;
    private static final int RESUME = 2;

    private static final Map<String, AsyncStats> BY_BACKEND = new ConcurrentHashMap<>();

    static {
        registerPeriodicEvent();
    }

    private final String backend;
    private final long[] cells = new long[(STRIPES + 1) * STRIDE];

    private AsyncStats(String backend) {
        this.backend = backend;
    }

    /** The counters of the named backend, created on first use. */
    public static AsyncStats of(String backend) {
        return BY_BACKEND.computeIfAbsent(backend, AsyncStats::new);
    }

    public String backend() {
        return backend;
    }

    public void synchronousCompletion() {
        cells[slot() + SYNC]++;
    }

    public void suspension() {
        cells[slot() + SUSPEND]++;
    }

    public void resumption() {
        cells[slot() + RESUME]++;
    }

    /** {@code n} resumptions at once (a resume loop counts its segments and adds them when it ends). */
    public void resumptions(long n) {
        cells[slot() + RESUME] += n;
    }

    public long synchronousCompletions() {
        return sum(SYNC);
    }

    public long suspensions() {
        return sum(SUSPEND);
    }

    public long resumptions() {
        return sum(RESUME);
    }

    /**
     * Stripe base index; stripe 0 is left unused so no stripe shares a line with the array header.
     * The stripe is the thread id's low 6 bits: ids are handed out in sequence, so any 64
     * consecutive threads (a pool's workers, started together) get 64 different stripes, and the
     * hot path pays no multiply.
     */
    private static int slot() {
        int stripe = (int) Thread.currentThread().threadId() & (STRIPES - 1);
        return (stripe + 1) * STRIDE;
    }

    private long sum(int counter) {
        long total = 0;
        for (int s = 1; s <= STRIPES; s++) {
            total += cells[s * STRIDE + counter];
        }
        return total;
    }

    @Override
    public String toString() {
        return backend + "{sync=" + synchronousCompletions() + ", suspensions=" + suspensions() + ", resumptions="
                + resumptions() + '}';
    }

    /**
     * Registers the periodic statistics event once JFR itself initializes, not now: registering
     * an event initializes JFR's metadata, which costs a program's first await 150-200 ms when
     * nothing records. JFR tells its listeners it initialized before any recording exists (the
     * first {@code new Recording()}, or at startup for {@code -XX:StartFlightRecording}, in which
     * case this registers at once), so every recording still sees the event.
     */
    private static void registerPeriodicEvent() {
        if (!Boolean.parseBoolean(System.getProperty("awaitable.jfr.statistics", "true"))) {
            return;
        }
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    addPeriodicEvent();
                }
            });
        } catch (RuntimeException | LinkageError e) {
            Diagnostics.log().debug("JFR statistics event not registered", e);
        }
    }

    private static void addPeriodicEvent() {
        try {
            FlightRecorder.addPeriodicEvent(StatisticsEvent.class, AsyncStats::emit);
        } catch (RuntimeException | LinkageError e) {
            Diagnostics.log().debug("JFR statistics event not registered", e);
        }
    }

    private static void emit() {
        for (AsyncStats s : BY_BACKEND.values()) {
            StatisticsEvent e = new StatisticsEvent();
            e.backend = s.backend;
            e.synchronousCompletions = s.synchronousCompletions();
            e.suspensions = s.suspensions();
            e.resumptions = s.resumptions();
            e.commit();
        }
    }
}
