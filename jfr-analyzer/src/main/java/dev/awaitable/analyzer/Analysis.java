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
 * @param cpu             {@code jdk.ExecutionSample}: hot methods, by top frame, application frame and thread group
 * @param contention      {@code jdk.JavaMonitorEnter}: contended monitors by application frame and monitor class
 * @param sleeps          {@code jdk.ThreadSleep} by application frame
 * @param sockets         {@code jdk.SocketRead} and {@code jdk.SocketWrite} by remote host and application frame
 * @param latencies       the blocking event types with a duration, as {@code jfr view latencies-by-type}
 * @param coverage        per thresholded event type: enabled, its threshold, and what the threshold hid
 * @param errors          {@code jdk.JavaErrorThrow}, JDK-internal linkage errors told apart
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
        Cpu cpu,
        Blocking contention,
        Blocking sleeps,
        Sockets sockets,
        List<LatencyByType> latencies,
        List<Coverage> coverage,
        ThrownErrors errors,
        List<RuleResult> rules,
        List<String> notes) {

    /** This analysis with {@code rules} and {@code notes} in place of its own. */
    public Analysis withRules(List<RuleResult> rules, List<String> notes) {
        return new Analysis(
                file,
                recording,
                awaits,
                pinning,
                allocations,
                gc,
                parking,
                virtualThreads,
                faults,
                cpu,
                contention,
                sleeps,
                sockets,
                latencies,
                coverage,
                errors,
                rules,
                notes);
    }

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
     * @param sites      by application frame and reason, longest total first
     */
    public record Pinning(
            boolean recorded,
            long count,
            double totalMs,
            double maxMs,
            List<Count> topFrames,
            List<Count> reasons,
            List<Site> sites) {}

    /**
     * Where events with a duration happened: the application frame (see {@link Frames}), what it
     * waited on (monitor class, parked-on class, pinning reason, remote host; null when the event
     * does not say), how often, how long in total and at most, and bytes for socket I/O.
     */
    public record Site(String frame, String on, long count, double totalMs, double maxMs, long bytes) {}

    /** A name and how often it occurred. */
    public record Count(String name, long count) {}

    /**
     * Allocation, by class and by allocating site.
     *
     * @param source      the event the numbers come from: {@code jdk.ObjectAllocationSample} (weight),
     *                    TLAB events ({@code jdk.ObjectAllocationInNewTLAB}/{@code OutsideTLAB}), or null
     * @param totalBytes  the total weight seen (an estimate of bytes allocated, not an exact count)
     * @param topClasses  by weight, most first
     * @param topSites    by weight, most first: the application frame, JDK frames charged to their caller
     * @param topFrames   by weight, most first: the top frame's method, as {@code jfr view allocation-by-site} groups
     */
    public record Allocations(
            String source, long totalBytes, List<Share> topClasses, List<Share> topSites, List<Share> topFrames) {}

    /** A name, its bytes and its share of the total in percent. */
    public record Share(String name, long bytes, double percent) {}

    /**
     * {@code jdk.GarbageCollection}: pauses are {@code sumOfPauses} (stop-the-world time), not the
     * collection's duration, which includes concurrent phases. {@code pauses} are the individual
     * stop-the-world pauses ({@code jdk.GCPhasePause}, what {@code jfr view gc-pauses} counts), or
     * null when the recording has none.
     */
    public record GcPauses(
            boolean recorded,
            long count,
            double totalPauseMs,
            double maxPauseMs,
            List<Collector> byName,
            Durations pauses) {}

    /** Count and distribution of durations, computed as {@code jfr view} computes them (its P99 interpolation). */
    public record Durations(
            long count, double totalMs, double averageMs, double medianMs, double p99Ms, double maxMs) {}

    /** One collector's collections. */
    public record Collector(String name, long count, double totalPauseMs, double maxPauseMs) {}

    /**
     * {@code jdk.ThreadPark} (recorded above its threshold, 20 ms in the JDK's settings).
     *
     * @param topFrames  the application frame that parked (never {@code Unsafe.park}), most frequent first
     * @param sites      by application frame and parked-on class ({@code parkedClass}), longest total first
     */
    public record Parking(
            boolean recorded, long count, double totalMs, double maxMs, List<Count> topFrames, List<Site> sites) {}

    /**
     * Execution samples: where the CPU went.
     *
     * @param recorded            {@code jdk.ExecutionSample} enabled
     * @param period              the sampling period as recorded ({@code "10 ms"}), or null
     * @param samples             samples in the recording
     * @param topMethods          by the top frame's method, as {@code jfr view hot-methods}
     * @param applicationMethods  by the application frame's method: JDK code charged to its caller
     * @param threadGroups        by thread group (see {@link ThreadGroups}), each with its top application method
     */
    public record Cpu(
            boolean recorded,
            String period,
            long samples,
            List<Hot> topMethods,
            List<Hot> applicationMethods,
            List<Hot> threadGroups) {}

    /** A method or thread group and its samples; for a thread group, its top application method. */
    public record Hot(String name, long samples, double percent, String topMethod) {}

    /** Events with a duration (contended monitor entries, sleeps): totals and the sites. */
    public record Blocking(boolean recorded, long count, double totalMs, double maxMs, List<Site> sites) {}

    /**
     * {@code jdk.SocketRead} and {@code jdk.SocketWrite}.
     *
     * @param byHost      per remote host (its name, else its address), as {@code jfr view socket-reads-by-host}
     * @param readSites   reads by application frame and remote host, longest total first
     * @param writeSites  writes likewise
     */
    public record Sockets(
            boolean recorded,
            long reads,
            long bytesRead,
            double readMs,
            long writes,
            long bytesWritten,
            double writeMs,
            List<Peer> byHost,
            List<Site> readSites,
            List<Site> writeSites) {}

    /** One remote host's socket traffic. */
    public record Peer(String host, long reads, long bytesRead, long writes, long bytesWritten, double totalMs) {}

    /** One row of {@code jfr view latencies-by-type}: an event type's count and durations. */
    public record LatencyByType(
            String eventType, String label, long count, double averageMs, double p99Ms, double maxMs, double totalMs) {}

    /**
     * What a thresholded event type can have left out. {@code hidden} is null when nothing can be
     * missing (threshold 0, or the type off: then nothing was recorded and the section says so).
     *
     * @param eventType    e.g. {@code jdk.VirtualThreadPinned}
     * @param enabled      enabled in the recording's settings (or seen)
     * @param threshold    the threshold as recorded ({@code "20 ms"}), or null when the recording does not say
     * @param thresholdNs  the threshold in nanoseconds, -1 when unknown
     * @param hidden       "only pins of 20 ms or more were recorded; ...", or null
     * @param setting      the setting that records everything, {@code jdk.VirtualThreadPinned#threshold=0ms}
     */
    public record Coverage(
            String eventType, boolean enabled, String threshold, long thresholdNs, String hidden, String setting) {}

    /**
     * {@code jdk.JavaErrorThrow}: every {@code Error} constructed. Some are the JDK's own business,
     * made and caught inside it, and are counted apart as {@code jdkInternal}: the
     * {@code NoSuchMethodError}s and {@code IncompatibleClassChangeError}s of the method-handle
     * linkage ({@code java.lang.invoke}, while it links lambdas and string concatenation), and
     * errors of the JDK's private classes ({@code jdk.internal.*}, {@code sun.*}, e.g. the
     * foreign-memory API's {@code ScopedAccessError}).
     *
     * @param byClass  the application's errors (JDK-internal ones left out), by class, most first
     */
    public record ThrownErrors(boolean recorded, long count, long jdkInternal, List<Count> byClass) {}

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
