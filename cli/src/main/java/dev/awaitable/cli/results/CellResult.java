package dev.awaitable.cli.results;

import dev.awaitable.analyzer.JfrHighlights;

/**
 * The measurements of one cell of the matrix: one workload, implementation and parameter set.
 * Times are nanoseconds per operation; any metric the cell did not measure is null.
 *
 * @param workload              workload id
 * @param implementation        implementation id
 * @param params                canonical parameter key ({@code name=value,...})
 * @param status                "ok", or "failed: reason" (a failed cell keeps what it measured)
 * @param checksum              the checksum all implementations agreed on
 * @param nsPerOp               mean time per operation (JMH average time)
 * @param nsPerOpError          its 99.9% confidence half-width, as JMH reports it
 * @param opsPerSecond          throughput, 1e9 / nsPerOp
 * @param p50Ns                 latency percentiles (JMH sample mode), latency-shaped workloads
 * @param p99Ns                 see p50Ns
 * @param p999Ns                see p50Ns
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
 */
public record CellResult(
        String workload,
        String implementation,
        String params,
        String status,
        Long checksum,
        Double nsPerOp,
        Double nsPerOpError,
        Double opsPerSecond,
        Double p50Ns,
        Double p99Ns,
        Double p999Ns,
        Double allocBytesPerOp,
        Double gcCountPer1000Ops,
        Double gcTimeMs,
        Integer peakPlatformThreads,
        Integer peakCarrierThreads,
        Double memoryPerTaskBytes,
        Long memoryTasks,
        Double jolBytesPerTask,
        String jmhResultFile,
        JfrHighlights jfr) {

    /** The key that identifies the cell: {@code workload/implementation/params}. */
    public String key() {
        return workload + "/" + implementation + "/" + params;
    }

    public boolean ok() {
        return "ok".equals(status);
    }
}
