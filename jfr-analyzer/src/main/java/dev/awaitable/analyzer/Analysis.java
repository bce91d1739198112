package dev.awaitable.analyzer;

import java.util.List;
import java.util.Map;

/**
 * What {@code ./awaitable analyze} found in one recording: plain data, serialized as is by
 * {@code --json}. Counts are whole-recording totals; times are milliseconds unless a name says
 * {@code Ns}. A section whose events the recording did not enable says so with
 * {@code recorded = false}, so "0 pinned" and "pinning not recorded" are told apart.
 *
 * @param file            the recording, as given
 * @param recording       size, time span, JVM, event counts
 * @param awaits          Awaitable's own suspend/resume events and statistics, per backend
 * @param pinning         {@code jdk.VirtualThreadPinned}
 * @param allocations     top allocating classes and sites
 * @param gc              {@code jdk.GarbageCollection} pauses
 * @param parking         {@code jdk.ThreadPark}
 * @param virtualThreads  virtual thread start/end events
 * @param faults          Awaitable's unobserved faults and detected deadlocks
 * @param rules           JMC's automated analysis and our own rules, most severe first
 * @param notes           remarks about the analysis itself (parser warnings, skipped parts)
 */
public record Analysis(
        String file,
        RecordingInfo recording,
        Awaits awaits,
        Pinning pinning,
        Allocations allocations,
        GcPauses gc,
        Parking parking,
        VirtualThreads virtualThreads,
        Faults faults,
        List<RuleResult> rules,
        List<String> notes) {

    /**
     * What the recording is: its file, time span, events and the JVM that wrote it.
     *
     * @param sizeBytes     file size
     * @param start         first event's start, ISO-8601, or null for a recording without events
     * @param end           last event's end
     * @param durationMs    end minus start
     * @param events        number of events
     * @param jvm           from {@code jdk.JVMInformation} and friends, or null
     * @param eventsByType  event counts by type name, most first
     */
    public record RecordingInfo(
            long sizeBytes,
            String start,
            String end,
            double durationMs,
            long events,
            Jvm jvm,
            Map<String, Long> eventsByType) {}

    /** Any field is null when its event was not recorded. */
    public record Jvm(
            String name,
            String version,
            String jvmArguments,
            String javaArguments,
            Long pid,
            String os,
            Integer hardwareThreads,
            String youngCollector,
            String oldCollector) {}

    /**
     * All backends together, and each one.
     *
     * @param perAwaitEvents  whether {@code dev.awaitable.Suspend}/{@code Resume} were enabled (off by default)
     * @param suspendEvents   {@code dev.awaitable.Suspend} events
     * @param resumeEvents    {@code dev.awaitable.Resume} events
     * @param resumeLatency   from the awaited completion to the body running again, or null without Resume events
     * @param suspendedFor    from the suspension to the body running again, or null
     * @param statistics      {@code dev.awaitable.Statistics} counters, last minus first sample, or null
     * @param backends        per backend, by name
     */
    public record Awaits(
            boolean perAwaitEvents,
            long suspendEvents,
            long resumeEvents,
            Latency resumeLatency,
            Latency suspendedFor,
            Counters statistics,
            List<Backend> backends) {}

    /** One backend's share of {@link Awaits}. */
    public record Backend(
            String name,
            long suspendEvents,
            long resumeEvents,
            Latency resumeLatency,
            Latency suspendedFor,
            Counters statistics) {}

    /** Percentiles of a latency, from an HdrHistogram (3 significant digits); max is exact. */
    public record Latency(long count, double meanNs, long p50Ns, long p90Ns, long p99Ns, long maxNs) {}

    /**
     * Growth of the cumulative {@code dev.awaitable.Statistics} counters over the recording: the
     * last sample minus the first. With one sample every delta is 0; see {@code samples}.
     */
    public record Counters(int samples, long synchronousCompletions, long suspensions, long resumptions) {}

    /**
     * Virtual threads pinned to their carrier ({@code jdk.VirtualThreadPinned}).
     *
     * @param recorded   whether {@code jdk.VirtualThreadPinned} was enabled (or seen)
     * @param count      pinned events
     * @param totalMs    their total duration
     * @param maxMs      the longest
     * @param topFrames  the first frame outside the JDK and Awaitable's runtime, most frequent first
     * @param reasons    {@code pinnedReason} (JDK 24+), most frequent first
     */
    public record Pinning(
            boolean recorded, long count, double totalMs, double maxMs, List<Count> topFrames, List<Count> reasons) {}

    /** A name and how often it occurred. */
    public record Count(String name, long count) {}

    /**
     * Allocation, by class and by allocating site.
     *
     * @param source      the event the numbers come from: {@code jdk.ObjectAllocationSample} (weight),
     *                    TLAB events ({@code jdk.ObjectAllocationInNewTLAB}/{@code OutsideTLAB}), or null
     * @param totalBytes  the total weight seen (an estimate of bytes allocated, not an exact count)
     * @param topClasses  by weight, most first
     * @param topSites    by weight, most first: the first frame outside the JDK and Awaitable's runtime
     */
    public record Allocations(String source, long totalBytes, List<Share> topClasses, List<Share> topSites) {}

    /** A name, its bytes and its share of the total in percent. */
    public record Share(String name, long bytes, double percent) {}

    /**
     * {@code jdk.GarbageCollection}: pauses are {@code sumOfPauses} (stop-the-world time), not the
     * collection's duration, which includes concurrent phases.
     */
    public record GcPauses(
            boolean recorded, long count, double totalPauseMs, double maxPauseMs, List<Collector> byName) {}

    /** One collector's collections. */
    public record Collector(String name, long count, double totalPauseMs, double maxPauseMs) {}

    /** {@code jdk.ThreadPark} (recorded above its threshold, 20 ms in JDK's default settings). */
    public record Parking(boolean recorded, long count, double totalMs, double maxMs, List<Count> topFrames) {}

    /** {@code jdk.VirtualThreadStart}, {@code End}, {@code SubmitFailed}. */
    public record VirtualThreads(boolean recorded, long started, long ended, long submitFailed) {}

    /**
     * Awaitable's fault events: unobserved faults and detected deadlocks.
     *
     * @param recorded    whether the recording knows Awaitable's fault events at all
     * @param unobserved  {@code dev.awaitable.UnobservedFault} events
     * @param firstUnobserved the first few of them
     * @param deadlocks   {@code dev.awaitable.DeadlockDetected} events
     * @param firstDeadlocks the first few of them
     */
    public record Faults(
            boolean recorded,
            long unobserved,
            List<UnobservedFault> firstUnobserved,
            long deadlocks,
            List<Deadlock> firstDeadlocks) {}

    /** One {@code dev.awaitable.UnobservedFault}. */
    public record UnobservedFault(String time, String exceptionClass, String message, String awaitable) {}

    /** One {@code dev.awaitable.DeadlockDetected}. */
    public record Deadlock(String time, String context, String awaitable, String chain) {}
}
