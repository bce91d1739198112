package dev.awaitable.reliability;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one test run tried, for README's "what is tested" counts: programs run differentially,
 * race iterations, and faults injected (exceptions, cancellations, timeouts, interrupts that
 * tests provoked on purpose). {@link TallyListener} prints it when the run ends.
 */
public final class Tally {

    public static final AtomicLong PROGRAMS = new AtomicLong();
    public static final AtomicLong PROGRAM_RUNS = new AtomicLong();
    public static final AtomicLong RACES = new AtomicLong();
    public static final AtomicLong RACE_KINDS = new AtomicLong();
    public static final AtomicLong FAULTS = new AtomicLong();
    public static final AtomicLong HAND_OFFS = new AtomicLong();

    private Tally() {}

    /** One line with every count. */
    public static String summary() {
        return String.format(
                "reliability (stress %d): %,d random programs (%,d runs across the statemachine backend,"
                        + " the loom backend and the CompletableFuture reference), %,d race iterations over %d races,"
                        + " %,d faults injected, %,d stress hand-offs",
                Stress.FACTOR,
                PROGRAMS.get(),
                PROGRAM_RUNS.get(),
                RACES.get(),
                RACE_KINDS.get(),
                FAULTS.get(),
                HAND_OFFS.get());
    }
}
