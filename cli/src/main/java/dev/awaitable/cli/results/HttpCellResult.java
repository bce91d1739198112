package dev.awaitable.cli.results;

/**
 * One cell of the HTTP service matrix: one implementation of the loopback service, one number
 * of concurrent keep-alive connections, one load generator. Latencies are milliseconds; any
 * metric the cell did not measure is null.
 *
 * @param implementation          implementation id (statemachine, loom, blocking, completable-future)
 * @param connections             concurrent keep-alive connections the generator held open
 * @param delayMs                 the handler's simulated downstream delay
 * @param generator               "wrk" or "java"
 * @param status                  "ok", or "failed: reason" (a failed cell keeps what it measured)
 * @param durationSeconds         length of the measured window
 * @param requests                responses completed in the window
 * @param requestsPerSecond       requests / duration
 * @param p50Ms                   latency percentiles as the generator measured them (not corrected)
 * @param p99Ms                   see p50Ms
 * @param p999Ms                  see p50Ms
 * @param maxMs                   slowest response
 * @param correctedP99Ms          coordinated-omission corrected p99 (java generator only)
 * @param correctedP999Ms         coordinated-omission corrected p99.9 (java generator only)
 * @param errors                  connect, read, write, timeout and non-2xx errors
 * @param errorDetail             the errors by kind, or null
 * @param peakThreads             most live platform threads in the server during the window
 * @param peakCarrierThreads      most virtual-thread carrier threads in the server
 * @param peakOpenConnections     most connections the server had open at once
 * @param idleRssBytes            server resident set before any load connection was open
 * @param peakRssBytes            highest server resident set sampled during the window
 * @param idleVmSizeBytes         server virtual size (reserved address space) before the load
 * @param peakVmSizeBytes         highest server virtual size sampled during the window
 * @param heapCommittedBytes      server heap committed at the end of the window
 * @param cpuSeconds              server process CPU time (user + system) spent in the window
 * @param rssPerConnectionBytes   (peakRss - idleRss) / peakOpenConnections: committed memory per connection held
 * @param vmSizePerConnectionBytes (peakVmSize - idleVmSize) / peakOpenConnections: reserved memory per connection held
 * @param cpuMicrosPerRequest     server CPU time per response
 */
public record HttpCellResult(
        String implementation,
        int connections,
        int delayMs,
        String generator,
        String status,
        Double durationSeconds,
        Long requests,
        Double requestsPerSecond,
        Double p50Ms,
        Double p99Ms,
        Double p999Ms,
        Double maxMs,
        Double correctedP99Ms,
        Double correctedP999Ms,
        Long errors,
        String errorDetail,
        Integer peakThreads,
        Integer peakCarrierThreads,
        Integer peakOpenConnections,
        Long idleRssBytes,
        Long peakRssBytes,
        Long idleVmSizeBytes,
        Long peakVmSizeBytes,
        Long heapCommittedBytes,
        Double cpuSeconds,
        Double rssPerConnectionBytes,
        Double vmSizePerConnectionBytes,
        Double cpuMicrosPerRequest) {

    /** Identifies the cell across runs (resume, merge). */
    public String key() {
        return "http-service/" + implementation + "/connections=" + connections + ",delay-ms=" + delayMs + ",generator="
                + generator;
    }

    public boolean ok() {
        return "ok".equals(status);
    }

    /** A cell that measured nothing. */
    public static HttpCellResult failed(
            String implementation, int connections, int delayMs, String generator, String reason) {
        return new HttpCellResult(
                implementation,
                connections,
                delayMs,
                generator,
                "failed: " + reason,
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
                null,
                null,
                null);
    }
}
