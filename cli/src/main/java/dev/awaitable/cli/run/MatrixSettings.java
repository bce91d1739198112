package dev.awaitable.cli.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run a matrix: which cells, how long each is measured, and where results go.
 *
 * @param outDir            the run's output folder (report, raw JMH JSON, .jfr files)
 * @param full              the full parameter values (bench) instead of the quick ones (compare)
 * @param workloads         workload ids to include (empty: all)
 * @param implementations   implementation ids to include (empty: all)
 * @param paramOverrides    per parameter name, the values to use instead of the quick/full ones
 * @param forks             JMH forks per cell
 * @param warmupIterations  JMH warmup iterations per fork
 * @param iterations        JMH measurement iterations per fork
 * @param iterationMillis   duration of each iteration
 * @param jfr               record JFR during measurement iterations
 * @param jfrAwaitEvents    also record per-await Suspend/Resume events (resume latency; costs our backends)
 * @param memoryTasks       tasks suspended at once for memory-per-task (0: the workload's own count)
 * @param scenarios         also run the scenarios
 * @param shardIndex        this shard (1-based) ...
 * @param shardCount        ... of this many; 1/1 means everything
 * @param resume            skip cells already measured OK in the output folder
 * @param baseline          implementation id the report's Ratio column divides by
 * @param command           the command line, for the report's "reproduce" line
 */
public record MatrixSettings(Path outDir, boolean full, List<String> workloads, List<String> implementations,
        Map<String, List<String>> paramOverrides, int forks, int warmupIterations, int iterations,
        int iterationMillis, boolean jfr, boolean jfrAwaitEvents, int memoryTasks, boolean scenarios, int shardIndex, int shardCount,
        boolean resume, String baseline, String command) {

    /** The quick matrix of {@code ./awaitable compare}: a few minutes on 2 cores. */
    public static MatrixSettings quick(Path outDir, String command) {
        return new MatrixSettings(outDir, false, List.of(), List.of(), Map.of(), 1, 1, 3, 200, true, false, 0, true, 1, 1,
                false, "statemachine", command);
    }

    public Map<String, String> describe() {
        return Map.of(
                "matrix", full ? "full" : "quick",
                "forks", String.valueOf(forks),
                "warmup", warmupIterations + " x " + iterationMillis + " ms",
                "measurement", iterations + " x " + iterationMillis + " ms",
                "jfr", jfr ? (jfrAwaitEvents ? "on, with per-await events" : "on") : "off",
                "shard", shardIndex + "/" + shardCount,
                "baseline", baseline);
    }
}
