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
 * @param attempts              how many forks measured the cell (the run's forks, one more when
 *                              the cell was unstable and the run had time to measure it again)
 * @param forks                 how many of {@code iterations} each fork measured, in order (one
 *                              fork of them all when absent, as in results written before forks
 *                              were kept apart)
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
        int attempts,
        List<Integer> forks) {

    public CellResult {
        iterations = iterations == null ? List.of() : List.copyOf(iterations);
        attempts = Math.max(1, attempts);
        if (forks == null
                || forks.stream().mapToInt(Integer::intValue).sum() != iterations.size()
                || forks.stream().anyMatch(n -> n < 1)) {
            forks = iterations.isEmpty() ? List.of() : List.of(iterations.size());
        } else {
            forks = List.copyOf(forks);
        }
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
                1,
                null);
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
        return iterations.isEmpty() ? null : new Sample(iterations, forks);
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
                attempts,
                forks);
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
                attempts,
                forks);
    }

    /**
     * This cell and more forks of it, as one cell: the iterations of all, fork by fork, and their
     * mean; allocation and GC averaged over the forks; the peaks of all; the JFR highlights and
     * raw JMH file of the fork that recorded JFR (the last that did; every fork's JMH file stays
     * on disk). All forks are kept, not the narrowest, so a cell measured again cannot only ever
     * look better. A failed fork adds an attempt and nothing else.
     */
    public CellResult pooledWith(CellResult again) {
        if (!again.ok() || again.iterations.isEmpty()) {
            return withAttempts(attempts + again.attempts);
        }
        List<Double> all = new java.util.ArrayList<>(iterations);
        all.addAll(again.iterations);
        List<Integer> sizes = new java.util.ArrayList<>(forks);
        sizes.addAll(again.forks);
        Sample pooled = new Sample(all, sizes);
        int wa = forks.size();
        int wb = again.forks.size();
        boolean theirs = again.jfr != null || jfr == null;
        return new CellResult(
                workload,
                implementation,
                params,
                delivery,
                status,
                checksum,
                pooled.mean(),
                pooled.halfWidth(0.999),
                all,
                mean(allocBytesPerOp, wa, again.allocBytesPerOp, wb),
                mean(gcCountPer1000Ops, wa, again.gcCountPer1000Ops, wb),
                gcTimeMs == null || again.gcTimeMs == null ? null : gcTimeMs + again.gcTimeMs,
                max(peakPlatformThreads, again.peakPlatformThreads),
                max(peakCarrierThreads, again.peakCarrierThreads),
                memoryPerTaskBytes,
                memoryTasks,
                jolBytesPerTask,
                theirs ? again.jmhResultFile : jmhResultFile,
                theirs ? again.jfr : jfr,
                attempts + again.attempts,
                sizes);
    }

    /** The mean of {@code a} over {@code wa} forks and {@code b} over {@code wb}; either alone if the other is absent. */
    private static Double mean(Double a, int wa, Double b, int wb) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return (a * wa + b * wb) / (wa + wb);
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
                attempts,
                forks);
    }
}
