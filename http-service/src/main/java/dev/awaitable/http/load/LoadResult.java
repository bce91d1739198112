package dev.awaitable.http.load;

/**
 * What one load run measured. Latencies in milliseconds; null if not measured (the generator
 * does not measure it, or no response completed in the window).
 *
 * @param generator        the {@link LoadGenerator#id()} that produced it: "wrk" or "java"
 * @param connections      the keep-alive connections the run kept open
 * @param durationSeconds  the length of the measured window
 * @param requests         responses completed in the window, whatever their status
 * @param requestsPerSecond {@code requests / durationSeconds}
 * @param p50Ms            median response time, uncorrected for coordinated omission
 * @param p99Ms            99th percentile, uncorrected
 * @param p999Ms           99.9th percentile, uncorrected
 * @param maxMs            slowest response
 * @param correctedP99Ms   99th percentile corrected for coordinated omission; null for wrk
 * @param correctedP999Ms  99.9th percentile corrected for coordinated omission; null for wrk
 * @param errors           connect, read, write, status and timeout errors together
 * @param errorDetail      the errors by kind, e.g. "connect 0, read 3, write 0, status 0, timeout 12";
 *                         null when there were none
 */
public record LoadResult(
        String generator,
        int connections,
        double durationSeconds,
        long requests,
        double requestsPerSecond,
        Double p50Ms,
        Double p99Ms,
        Double p999Ms,
        Double maxMs,
        Double correctedP99Ms,
        Double correctedP999Ms,
        long errors,
        String errorDetail) {}
