package dev.awaitable.cli.results;

import dev.awaitable.analyzer.JfrHighlights;
import dev.awaitable.cli.stats.Sample;
import java.util.List;

/**
 * The measurements of one cell of the matrix: one workload, implementation and parameter set.
 * Times are nanoseconds per operation; any metric the cell did not measure is null.
 *
 * @param workload              workload id
 * @param implementation        implementation id
 * @param params                canonical parameter key ({@code name=value,...})
 * @param delivery              where the cell's completions were delivered: same-thread or cross-thread
 * @param status                "ok", or "failed: reason" (a failed cell keeps what it measured)
 * @param checksum              the checksum all implementations agreed on
 * @param nsPerOp               mean time per operation (JMH average time)
 * @param nsPerOpError          its 99.9% confidence half-width, as JMH reports it
 * @param iterations            the time per operation of every measurement iteration, across forks:
 *                              what the report's intervals and the unstable rule are computed from
 * @param allocBytesPerOp       gc.alloc.rate.norm
 * @param gcCountPer1000Ops     GC cycles per 1000 operations
 * @param gcTimeMs              total GC time during measurement
 * @param peakPlatformThreads   most live platform threads seen during measurement
 * @param peakCarrierThreads    most virtual-thread carrier threads seen (loom)
 * @param memoryPerTaskBytes    heap held per suspended task (memory-shaped workloads)
 * @param memoryTasks           how many tasks were suspended for that measurement
 * @param jolBytesPerTask       JOL's size of one suspended task's object graph (machine, or stack chunks)
 * @param jmhResultFile         the raw JMH JSON of this cell, relative to the output folder
 * @param jfr                   JFR highlights, if recorded
 * @param attempts              how many times the cell was measured (more than once when a first
 *                              measurement was unstable and the run had time to measure again)
 */
public record CellResult(
        String workload,
        String implementation,
        String params,
        String delivery,
        String status,
        Long checksum,
        Double nsPerOp,
        Double nsPerOpError,
        List<Double> iterations,
        Double allocBytesPerOp,
        Double gcCountPer1000Ops,
        Double gcTimeMs,
        Integer peakPlatformThreads,
        Integer peakCarrierThreads,
        Double memoryPerTaskBytes,
        Long memoryTasks,
        Double jolBytesPerTask,
        String jmhResultFile,
        JfrHighlights jfr,
        int attempts) {

    public CellResult {
        iterations = iterations == null ? List.of() : List.copyOf(iterations);
        attempts = Math.max(1, attempts);
    }

    /** A cell that measured nothing. */
    public static CellResult failed(
            String workload, String implementation, String params, String delivery, Long checksum, String reason) {
        return new CellResult(
                workload,
                implementation,
                params,
                delivery,
                "failed: " + reason,
                checksum,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                1);
    }

    /** The key that identifies the cell: {@code workload/implementation/params}. */
    public String key() {
        return workload + "/" + implementation + "/" + params;
    }

    public boolean ok() {
        return "ok".equals(status);
    }

    /** The iterations as a sample, or null when the cell has none (failed, or results from before they were kept). */
    public Sample sample() {
        return iterations.isEmpty() ? null : new Sample(iterations);
    }

    /** True if the cell is ok but too noisy to compare: see {@link Sample#unstable()}. */
    public boolean unstable() {
        Sample s = sample();
        return ok() && (s == null || s.unstable());
    }

    /** This cell with memory per suspended task added. */
    public CellResult withMemory(Double bytesPerTask, Long tasks, Double jolBytes) {
        return new CellResult(
                workload,
                implementation,
                params,
                delivery,
                status,
                checksum,
                nsPerOp,
                nsPerOpError,
                iterations,
                allocBytesPerOp,
                gcCountPer1000Ops,
                gcTimeMs,
                peakPlatformThreads,
                peakCarrierThreads,
                bytesPerTask,
                tasks,
                jolBytes,
                jmhResultFile,
                jfr,
                attempts);
    }

    /** This cell, failed for {@code reason}, keeping what it measured. */
    public CellResult withFailure(String reason) {
        return new CellResult(
                workload,
                implementation,
                params,
                delivery,
                "failed: " + reason,
                checksum,
                nsPerOp,
                nsPerOpError,
                iterations,
                allocBytesPerOp,
                gcCountPer1000Ops,
                gcTimeMs,
                peakPlatformThreads,
                peakCarrierThreads,
                memoryPerTaskBytes,
                memoryTasks,
                jolBytesPerTask,
                jmhResultFile,
                jfr,
                attempts);
    }

    /**
     * This cell and a second measurement of it in a fork of its own, as one cell of two forks:
     * the iterations of both, their mean, both forks' allocation and GC averaged, the peaks of
     * both; JFR and the raw JMH file of the second (the first's stay on disk). Both are kept, not
     * the narrower, so a measurement taken again cannot only ever look better.
     */
    public CellResult pooledWith(CellResult again) {
        if (!again.ok() || again.iterations.isEmpty()) {
            return withAttempts(attempts + again.attempts);
        }
        List<Double> both = new java.util.ArrayList<>(iterations);
        both.addAll(again.iterations);
        Sample pooled = new Sample(both);
        return new CellResult(
                workload,
                implementation,
                params,
                delivery,
                status,
                checksum,
                pooled.mean(),
                pooled.halfWidth(0.999),
                both,
                mean(allocBytesPerOp, again.allocBytesPerOp),
                mean(gcCountPer1000Ops, again.gcCountPer1000Ops),
                gcTimeMs == null || again.gcTimeMs == null ? null : gcTimeMs + again.gcTimeMs,
                max(peakPlatformThreads, again.peakPlatformThreads),
                max(peakCarrierThreads, again.peakCarrierThreads),
                memoryPerTaskBytes,
                memoryTasks,
                jolBytesPerTask,
                again.jmhResultFile,
                again.jfr,
                attempts + again.attempts);
    }

    private static Double mean(Double a, Double b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return (a + b) / 2;
    }

    private static Integer max(Integer a, Integer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.max(a, b);
    }

    /** This cell, measured {@code attempts} times. */
    public CellResult withAttempts(int attempts) {
        return new CellResult(
                workload,
                implementation,
                params,
                delivery,
                status,
                checksum,
                nsPerOp,
                nsPerOpError,
                iterations,
                allocBytesPerOp,
                gcCountPer1000Ops,
                gcTimeMs,
                peakPlatformThreads,
                peakCarrierThreads,
                memoryPerTaskBytes,
                memoryTasks,
                jolBytesPerTask,
                jmhResultFile,
                jfr,
                attempts);
    }
}
