package dev.awaitable.cli.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a matrix: which cells, how long each is measured, and where results go. Made with
 * {@link #quick} (what {@code compare} runs) or {@link #full} (what {@code bench} runs), then
 * changed with {@link #toBuilder()}.
 *
 * @param outDir            the run's output folder (report, raw JMH JSON, .jfr files)
 * @param full              the full parameter values (bench) instead of the quick ones (compare)
 * @param workloads         workload ids to include (empty: all)
 * @param implementations   implementation ids to include (empty: all)
 * @param paramOverrides    per parameter name, the values to use instead of the quick/full ones
 * @param forks             forks per cell, each a JMH run of its own; a parameter set's cells
 *                          run in rounds (first fork of every implementation, then the second),
 *                          so a drift of the machine's speed reaches every implementation alike
 * @param settleMinMs       each fork first warms up until its time per operation is steady
 *                          ({@link SteadyState}), for at least this long, ms ...
 * @param settleMaxMs       ... and at most this long (0: no such warm-up, only JMH's)
 * @param warmupIterations  JMH warmup iterations per fork, after the warm-up until steady
 * @param iterations        JMH measurement iterations per fork: the timing, never under JFR
 * @param iterationMillis   duration of each iteration
 * @param jfr               record JFR in each cell's last fork, after its timing iterations
 * @param jfrAwaitEvents    also record per-await Suspend/Resume events (resume latency; costs our backends)
 * @param profileIterations iterations recorded with JFR in the last fork (after one that warms the
 *                          recording up); not part of the timing
 * @param memoryTasks       tasks suspended at once for memory-per-task (0: the workload's own count)
 * @param heapMb            heap of each measuring JVM, MiB: fixed, and pre-touched if large, see {@link CellRunner#forkFlags}
 * @param scenarios         also run the scenarios
 * @param shardIndex        this shard (1-based) ...
 * @param shardCount        ... of this many; 1/1 means everything
 * @param resume            skip cells already measured OK in the output folder
 * @param baseline          implementation id the report's Ratio column divides by
 * @param command           the command line, for the report's "reproduce" line
 * @param repeat            how many times to run the whole matrix (each into run-N of the output
 *                          folder), with a report of how far the runs' ratios were apart
 * @param remeasureBudget   how long after a run started its unstable cells may still be measured
 *                          again; null: each once, whatever the time
 */
public record MatrixSettings(
        Path outDir,
        boolean full,
        List<String> workloads,
        List<String> implementations,
        Map<String, List<String>> paramOverrides,
        int forks,
        int settleMinMs,
        int settleMaxMs,
        int warmupIterations,
        int iterations,
        int iterationMillis,
        boolean jfr,
        boolean jfrAwaitEvents,
        int profileIterations,
        int memoryTasks,
        int heapMb,
        boolean scenarios,
        int shardIndex,
        int shardCount,
        boolean resume,
        String baseline,
        String command,
        int repeat,
        Duration remeasureBudget) {

    public MatrixSettings {
        Objects.requireNonNull(outDir, "outDir");
        workloads = List.copyOf(workloads);
        implementations = List.copyOf(implementations);
        paramOverrides = Map.copyOf(paramOverrides);
        if (forks < 1 || iterations < 1 || warmupIterations < 0 || iterationMillis < 1) {
            throw new IllegalArgumentException("forks and iterations must be at least 1, iteration time positive");
        }
        if (settleMinMs < 0 || settleMaxMs < settleMinMs) {
            throw new IllegalArgumentException(
                    "warm-up until steady: expected 0 <= min <= max, was " + settleMinMs + ".." + settleMaxMs + " ms");
        }
        if (profileIterations < 1) {
            throw new IllegalArgumentException("profile iterations must be at least 1, was " + profileIterations);
        }
        if (heapMb < 256) {
            throw new IllegalArgumentException("heap must be at least 256 MiB, was " + heapMb);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
        }
        if (shardIndex < 1 || shardIndex > shardCount) {
            throw new IllegalArgumentException("shard " + shardIndex + "/" + shardCount + ": expected 1 <= i <= n");
        }
    }

    /**
     * The quick matrix of {@code ./awaitable compare}, within 10 minutes on 2 cores with the
     * build: two forks per cell in two rounds (forks disagree more than the iterations of one:
     * JIT decisions and the machine's speed move all of a fork's iterations together); a warm-up
     * until the time per operation is steady (1.2-3.5 s, {@link SteadyState}: on two shared cores
     * most cells settle 1.2-2 s into a fork, the JIT's last recompilations and the collector's
     * sizing moving them by up to a third before, some 3 s in, and a steady plateau at 1 s was
     * sometimes followed by a faster one), then one JMH warm-up iteration (the profiler's own
     * start belongs in a warm-up); 5 timing
     * iterations of 200 ms a fork, then JFR over one more in the second; a 256 MiB heap, which
     * the warm-up touches all of (no pre-touch: it would add 0.5 s a fork); memory per task with
     * 10,000 tasks suspended; unstable cells measured again while the run is under 7.5 minutes;
     * scenarios on. Without named workloads, {@code pinning} is left out on JDK 24+
     * ({@link Matrix#inProcessWorkloads}).
     */
    public static Builder quick(Path outDir, String command) {
        return new Builder(outDir, command)
                .iterationMillis(200)
                .iterations(5)
                .settle(1200, 3500)
                .warmupIterations(1)
                .forks(2)
                .profileIterations(1)
                .scenarios(true)
                .memoryTasks(10_000)
                .heapMb(256)
                .remeasureBudget(Duration.ofSeconds(450));
    }

    /**
     * The full matrix of {@code ./awaitable bench}: full parameter values, longer iterations, a
     * 2 GiB heap for the larger task counts, scenarios off.
     */
    public static Builder full(Path outDir, String command) {
        return new Builder(outDir, command)
                .full(true)
                .iterationMillis(1000)
                .iterations(5)
                .settle(1000, 10_000)
                .warmupIterations(3)
                .forks(2);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("matrix", full ? "full" : "quick");
        d.put("forks", forks + " per cell, interleaved across implementations");
        d.put(
                "warmup",
                (settleMaxMs > 0 ? "until steady (" + settleMinMs + "-" + settleMaxMs + " ms), then " : "")
                        + warmupIterations + " x " + iterationMillis + " ms");
        d.put("measurement", iterations + " x " + iterationMillis + " ms a fork, without JFR");
        d.put("heap", heapMb + " MiB" + (CellRunner.preTouched(this) ? ", pre-touched" : ""));
        d.put(
                "jfr",
                jfr
                        ? "last fork, " + profileIterations + " x " + iterationMillis + " ms after the timing"
                                + (jfrAwaitEvents ? ", with per-await events" : "")
                        : "off");
        d.put("shard", shardIndex + "/" + shardCount);
        d.put("baseline", baseline);
        return d;
    }

    /** Settings by name; {@link #build()} checks them. Starts with JFR on, no filters, shard 1/1, baseline statemachine. */
    public static final class Builder {
        private Path outDir;
        private String command;
        private boolean full;
        private List<String> workloads = List.of();
        private List<String> implementations = List.of();
        private Map<String, List<String>> paramOverrides = Map.of();
        private int forks = 1;
        private int settleMinMs;
        private int settleMaxMs;
        private int warmupIterations = 1;
        private int iterations = 3;
        private int iterationMillis = 200;
        private boolean jfr = true;
        private boolean jfrAwaitEvents;
        private int profileIterations = 2;
        private int memoryTasks;
        private int heapMb = 2048;
        private boolean scenarios;
        private int shardIndex = 1;
        private int shardCount = 1;
        private boolean resume;
        private String baseline = "statemachine";
        private int repeat = 1;
        private Duration remeasureBudget;

        private Builder(Path outDir, String command) {
            this.outDir = outDir;
            this.command = command;
        }

        private Builder(MatrixSettings s) {
            this(s.outDir, s.command);
            full = s.full;
            workloads = s.workloads;
            implementations = s.implementations;
            paramOverrides = s.paramOverrides;
            forks = s.forks;
            settleMinMs = s.settleMinMs;
            settleMaxMs = s.settleMaxMs;
            warmupIterations = s.warmupIterations;
            iterations = s.iterations;
            iterationMillis = s.iterationMillis;
            jfr = s.jfr;
            jfrAwaitEvents = s.jfrAwaitEvents;
            profileIterations = s.profileIterations;
            memoryTasks = s.memoryTasks;
            heapMb = s.heapMb;
            scenarios = s.scenarios;
            shardIndex = s.shardIndex;
            shardCount = s.shardCount;
            resume = s.resume;
            baseline = s.baseline;
            repeat = s.repeat;
            remeasureBudget = s.remeasureBudget;
        }

        public Builder outDir(Path v) {
            outDir = v;
            return this;
        }

        public Builder full(boolean v) {
            full = v;
            return this;
        }

        public Builder workloads(List<String> v) {
            workloads = v;
            return this;
        }

        public Builder implementations(List<String> v) {
            implementations = v;
            return this;
        }

        public Builder paramOverrides(Map<String, List<String>> v) {
            paramOverrides = v;
            return this;
        }

        public Builder forks(int v) {
            forks = v;
            return this;
        }

        /** Warm each fork up until steady, for {@code minMs} to {@code maxMs} (0, 0: not at all). */
        public Builder settle(int minMs, int maxMs) {
            settleMinMs = minMs;
            settleMaxMs = maxMs;
            return this;
        }

        public Builder warmupIterations(int v) {
            warmupIterations = v;
            return this;
        }

        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        public Builder iterationMillis(int v) {
            iterationMillis = v;
            return this;
        }

        public Builder jfr(boolean v) {
            jfr = v;
            return this;
        }

        public Builder jfrAwaitEvents(boolean v) {
            jfrAwaitEvents = v;
            return this;
        }

        public Builder profileIterations(int v) {
            profileIterations = v;
            return this;
        }

        public Builder memoryTasks(int v) {
            memoryTasks = v;
            return this;
        }

        public Builder heapMb(int v) {
            heapMb = v;
            return this;
        }

        public Builder scenarios(boolean v) {
            scenarios = v;
            return this;
        }

        public Builder shard(int index, int count) {
            shardIndex = index;
            shardCount = count;
            return this;
        }

        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        public Builder baseline(String v) {
            baseline = v;
            return this;
        }

        public Builder repeat(int v) {
            repeat = v;
            return this;
        }

        public Builder remeasureBudget(Duration v) {
            remeasureBudget = v;
            return this;
        }

        public MatrixSettings build() {
            return new MatrixSettings(
                    outDir,
                    full,
                    workloads,
                    implementations,
                    paramOverrides,
                    forks,
                    settleMinMs,
                    settleMaxMs,
                    warmupIterations,
                    iterations,
                    iterationMillis,
                    jfr,
                    jfrAwaitEvents,
                    profileIterations,
                    memoryTasks,
                    heapMb,
                    scenarios,
                    shardIndex,
                    shardCount,
                    resume,
                    baseline,
                    command,
                    repeat,
                    remeasureBudget);
        }
    }
}
