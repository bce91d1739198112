package dev.awaitable.http;

/**
 * One {@code stats} answer of {@link HttpServerMain}, written and read back with Jackson.
 *
 * @param rssBytes              VmRSS from /proc/self/status, null if unreadable
 * @param vmSizeBytes           VmSize from /proc/self/status, null if unreadable
 * @param peakRssBytes          highest VmRSS the sampler saw since the last reset, null if unreadable
 * @param peakVmSizeBytes       highest VmSize the sampler saw since the last reset, null if unreadable
 * @param liveThreads           live platform threads now ({@code ThreadMXBean.getThreadCount()}),
 *                              the server's own helpers (stdin reader, sampler, watchdog) included
 * @param peakThreads           most platform threads since the last reset (the JVM's peak and a
 *                              sampler's, whichever is higher)
 * @param carrierThreads        virtual-thread carriers now: the loom backend's own plus the JDK
 *                              scheduler's pool (JDK 24+; not counted on 21-23)
 * @param peakCarrierThreads    most carriers seen by the sampler since the last reset
 * @param heapCommittedBytes    heap committed now
 * @param heapUsedBytes         heap used now
 * @param nonHeapCommittedBytes non-heap committed now
 * @param cpuNanos              process CPU time so far
 * @param gcCount               collections so far, all collectors
 * @param gcTimeMs              collection time so far, all collectors
 * @param requests              requests answered so far
 * @param openConnections       connections open now
 * @param peakOpenConnections   most connections open at once since the last reset
 */
public record ServerStats(
        Long rssBytes,
        Long vmSizeBytes,
        Long peakRssBytes,
        Long peakVmSizeBytes,
        int liveThreads,
        int peakThreads,
        int carrierThreads,
        int peakCarrierThreads,
        long heapCommittedBytes,
        long heapUsedBytes,
        long nonHeapCommittedBytes,
        long cpuNanos,
        long gcCount,
        long gcTimeMs,
        long requests,
        int openConnections,
        int peakOpenConnections) {}
