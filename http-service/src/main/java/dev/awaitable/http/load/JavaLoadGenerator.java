package dev.awaitable.http.load;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The built-in load generator: a closed loop over non-blocking keep-alive connections, all driven
 * by one selector on the calling thread (the server under test shares the machine's cores, so the
 * client stays lean).
 *
 * <p>What it measures, and how it differs from wrk:
 * <ul>
 *   <li>Connections are opened at most {@value JavaLoadRun#MAX_PENDING_CONNECTS} at a time, so
 *       10,000 connects do not overflow the server's accept backlog at once. Each connection
 *       starts sending as soon as it is connected; this connect phase is a warm-up and is not
 *       measured. It ends when all connections are up, or after {@code timeout} at the latest.
 *   <li>The measured window is the {@code duration} that follows. Requests, requests/s and
 *       latencies count the responses that completed inside the window.
 *   <li>{@link #burst} instead does what wrk does, to cross-check it: all connects at once, the
 *       window starting with them.
 *   <li>Errors count over the whole run, connect phase included, so connect failures are never
 *       hidden: connect (refused, reset or not connected within {@code timeout}), read (reset or
 *       closed by the server with a response outstanding), write, status (any non-2xx response),
 *       timeout (no complete response within {@code timeout}) and malformed (not parseable
 *       HTTP/1.1). A connection that failed or timed out is closed and reopened, so the load
 *       stays at {@code connections}; after a connect failure it waits
 *       {@value JavaLoadRun#RECONNECT_BACKOFF_MS} ms first.
 *   <li>Latencies go into two HdrHistograms (nanoseconds, 3 significant digits, up to an hour):
 *       the raw one, comparable with wrk's numbers and the source of p50/p99/p99.9/max, and a copy
 *       corrected for coordinated omission ({@code copyCorrectedForCoordinatedOmission}), the
 *       source of correctedP99/P999. A closed-loop client sends nothing while a response is late,
 *       so the raw histogram under-reports a stall; the correction fills in the requests that
 *       would have been sent every expected interval meanwhile. The expected interval is
 *       {@code expectedInterval} or the run's median latency, whichever is longer (see
 *       {@code JavaLoadRun#corrected}).
 * </ul>
 *
 * <p>Each {@link #run} uses fresh state; one instance may run several times, one run at a time
 * per thread.
 */
public final class JavaLoadGenerator implements LoadGenerator {

    private final Duration expectedInterval;
    private final boolean burst;

    /**
     * @param expectedInterval for coordinated-omission correction, the shortest response time a
     *                         request should take when nothing stalls (the server's configured
     *                         downstream delay); the run's median is used where it is longer
     */
    public JavaLoadGenerator(Duration expectedInterval) {
        this(expectedInterval, false);
    }

    /**
     * The generator measuring the way wrk does, to cross-check it: every connection opened at
     * once (no pacing), and the window starting with the connects instead of after them. Against
     * a server whose accept loop cannot drain such a burst, connections wait in (or are dropped
     * from and retried into) the kernel's listen backlog, and that shows in the latencies, as it
     * does in wrk's. Its id is {@code java-burst}.
     */
    public static JavaLoadGenerator burst(Duration expectedInterval) {
        return new JavaLoadGenerator(expectedInterval, true);
    }

    private JavaLoadGenerator(Duration expectedInterval, boolean burst) {
        this.burst = burst;
        Objects.requireNonNull(expectedInterval, "expectedInterval");
        if (expectedInterval.isNegative()) {
            throw new IllegalArgumentException("negative expectedInterval: " + expectedInterval);
        }
        this.expectedInterval = expectedInterval;
    }

    @Override
    public String id() {
        return burst ? "java-burst" : "java";
    }

    @Override
    public LoadResult run(String host, int port, String path, int connections, Duration duration, Duration timeout)
            throws IOException, InterruptedException {
        if (connections <= 0) {
            throw new IllegalArgumentException("connections must be positive: " + connections);
        }
        if (duration.isNegative() || duration.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("duration and timeout must be positive: " + duration + ", " + timeout);
        }
        return new JavaLoadRun(host, port, path, connections, duration, timeout, expectedInterval, burst, id()).run();
    }
}
