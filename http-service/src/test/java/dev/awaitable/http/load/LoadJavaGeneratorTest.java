package dev.awaitable.http.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link JavaLoadGenerator} against {@link LoadTestServer}. Rates are checked only against bounds
 * the server's delay implies (a closed loop of c connections and delay d cannot exceed c/d
 * responses per second) with a generous floor; nothing else about timing is asserted. The
 * timeouts only turn a hang into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadJavaGeneratorTest {

    private static final String HOST = InetAddress.getLoopbackAddress().getHostAddress();

    /** 50 connections, 20 ms delay: about 50 / 0.020 = 2500 responses/s, none faster than 20 ms, no errors. */
    @Test
    void closedLoopRateFollowsTheDelay() throws Exception {
        try (LoadTestServer server = LoadTestServer.start(Duration.ofMillis(20), 0)) {
            LoadResult r = new JavaLoadGenerator(Duration.ofMillis(20))
                    .run(HOST, server.port(), "/", 50, Duration.ofSeconds(3), Duration.ofSeconds(2));

            assertThat(r.generator()).isEqualTo("java");
            assertThat(r.connections()).isEqualTo(50);
            assertThat(r.errors()).as(String.valueOf(r.errorDetail())).isZero();
            assertThat(r.errorDetail()).isNull();
            assertThat(r.durationSeconds()).isBetween(2.9, 4.0);
            assertThat(r.requestsPerSecond()).isBetween(2500 * 0.4, 2500 * 1.05);
            assertThat(r.requests()).isEqualTo(Math.round(r.requestsPerSecond() * r.durationSeconds()));
            assertThat(r.p50Ms()).isGreaterThanOrEqualTo(20.0);
            assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms());
            assertThat(r.p999Ms()).isGreaterThanOrEqualTo(r.p99Ms());
            assertThat(r.maxMs()).isGreaterThanOrEqualTo(r.p999Ms());
            // Uniformly slow responses: the correction may come out slightly under the raw top (JavaLoadRun#corrected).
            assertThat(r.correctedP99Ms()).isGreaterThanOrEqualTo(r.p99Ms() * 0.95);
            assertThat(r.correctedP999Ms()).isGreaterThanOrEqualTo(r.p999Ms() * 0.95);
        }
    }

    /**
     * Rare 300 ms stalls on a 2 ms server: the raw p99 misses them (they are 0.5% of responses),
     * the coordinated-omission-corrected p99 does not (each stall stands for the ~150 requests
     * that would have been sent meanwhile).
     */
    @Test
    void correctionExposesStalls() throws Exception {
        try (LoadTestServer server = LoadTestServer.startStalling(Duration.ofMillis(2), 200, Duration.ofMillis(300))) {
            LoadResult r = new JavaLoadGenerator(Duration.ofMillis(2))
                    .run(HOST, server.port(), "/", 20, Duration.ofSeconds(2), Duration.ofSeconds(2));

            assertThat(r.errors()).as(String.valueOf(r.errorDetail())).isZero();
            assertThat(r.maxMs()).isGreaterThanOrEqualTo(300.0);
            assertThat(r.correctedP99Ms()).isGreaterThanOrEqualTo(100.0).isGreaterThan(r.p99Ms());
            // the stalls themselves are the raw p99.9; the synthetic values just under them may nudge it down a little
            assertThat(r.correctedP999Ms()).isGreaterThanOrEqualTo(r.p999Ms() * 0.95);
        }
    }

    /**
     * Queueing made every response far slower than the expected interval (a 20 ms server, told
     * to expect 1 ms): correcting at 1 ms would add nineteen synthetic values below each real one
     * and pull the upper percentiles far down; corrected at the run's median they stay within a
     * few percent of the raw ones (the synthetic values lie between the median and each response).
     */
    @Test
    void correctionNeverLowersTheUpperPercentilesWhenEverythingIsSlow() throws Exception {
        try (LoadTestServer server = LoadTestServer.start(Duration.ofMillis(20), 0)) {
            LoadResult r = new JavaLoadGenerator(Duration.ofMillis(1))
                    .run(HOST, server.port(), "/", 50, Duration.ofSeconds(2), Duration.ofSeconds(2));

            assertThat(r.p50Ms()).isGreaterThanOrEqualTo(20.0);
            assertThat(r.correctedP99Ms()).isGreaterThanOrEqualTo(r.p99Ms() * 0.95);
            assertThat(r.correctedP999Ms()).isGreaterThanOrEqualTo(r.p999Ms() * 0.95);
        }
    }

    /**
     * The burst mode measures as wrk does: its id says so, the window starts with the connects,
     * and 1,000 connects at once are all made.
     */
    @Test
    void burstModeConnectsAllAtOnceAndCountsFromTheStart() throws Exception {
        try (LoadTestServer server = LoadTestServer.start(Duration.ofMillis(20), 0)) {
            JavaLoadGenerator g = JavaLoadGenerator.burst(Duration.ofMillis(20));
            assertThat(g.id()).isEqualTo("java-burst");
            long t0 = System.nanoTime();
            LoadResult r = g.run(HOST, server.port(), "/", 1_000, Duration.ofSeconds(2), Duration.ofSeconds(5));
            double elapsed = (System.nanoTime() - t0) / 1e9;

            assertThat(r.generator()).isEqualTo("java-burst");
            assertThat(r.errors()).as(String.valueOf(r.errorDetail())).isZero();
            assertThat(r.p50Ms()).isGreaterThanOrEqualTo(20.0);
            // the window is the whole run: no separate connect phase before it
            assertThat(r.durationSeconds()).isBetween(1.9, 2.5);
            assertThat(elapsed).isLessThan(r.durationSeconds() + 1.5);
        }
    }

    /** Every 10th response is a 500: about a tenth of the responses count as status errors. */
    @Test
    void serverErrorsAreStatusErrors() throws Exception {
        try (LoadTestServer server = LoadTestServer.start(Duration.ofMillis(5), 10)) {
            LoadResult r = new JavaLoadGenerator(Duration.ofMillis(5))
                    .run(HOST, server.port(), "/", 20, Duration.ofSeconds(2), Duration.ofSeconds(2));

            assertThat(r.requests()).isPositive();
            assertThat(r.errorDetail())
                    .startsWith("connect 0, read 0, write 0, status ")
                    .endsWith(", timeout 0");
            // Errors count the connect phase too, so allow a little more than a tenth.
            assertThat((double) r.errors() / r.requests()).isBetween(0.05, 0.2);
        }
    }

    /**
     * A server that stops answering: every request times out, the generator keeps reopening
     * connections, and it still returns within duration + timeout + a few seconds.
     */
    @Test
    void hungServerTimesOutAndReturns() throws Exception {
        try (LoadTestServer server = LoadTestServer.start(Duration.ZERO, 0)) {
            server.stopAnswering();
            long start = System.nanoTime();
            LoadResult r = new JavaLoadGenerator(Duration.ofMillis(1))
                    .run(HOST, server.port(), "/", 20, Duration.ofSeconds(2), Duration.ofSeconds(1));
            double elapsed = (System.nanoTime() - start) / 1e9;

            assertThat(elapsed).isLessThan(2 + 1 + 3);
            assertThat(r.requests()).isZero();
            assertThat(r.requestsPerSecond()).isZero();
            assertThat(r.p50Ms()).isNull();
            assertThat(r.correctedP99Ms()).isNull();
            // each connection times out at least once in the window (and again after reopening)
            assertThat(r.errors()).isGreaterThanOrEqualTo(20);
            assertThat(r.errorDetail()).startsWith("connect 0, read 0, write 0, status 0, timeout ");
        }
    }

    /** Nothing listens: connect errors, with backoff, and the run still ends on time. */
    @Test
    void refusedConnectionsAreConnectErrors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        LoadResult r = new JavaLoadGenerator(Duration.ofMillis(1))
                .run(HOST, port, "/", 10, Duration.ofSeconds(1), Duration.ofSeconds(1));
        double elapsed = (System.nanoTime() - start) / 1e9;

        assertThat(elapsed).isLessThan(1 + 1 + 3);
        assertThat(r.requests()).isZero();
        assertThat(r.errors()).isGreaterThanOrEqualTo(10);
        assertThat(r.errorDetail()).startsWith("connect ").endsWith(", read 0, write 0, status 0, timeout 0");
    }

    /** 1,000 connections (opened in batches) at 100 ms: all served, no errors, at most 10,000 responses/s. */
    @Test
    void thousandConnections() throws Exception {
        try (LoadTestServer server = LoadTestServer.start(Duration.ofMillis(100), 0)) {
            LoadResult r = new JavaLoadGenerator(Duration.ofMillis(100))
                    .run(HOST, server.port(), "/", 1000, Duration.ofSeconds(3), Duration.ofSeconds(5));

            assertThat(r.errors()).as(String.valueOf(r.errorDetail())).isZero();
            assertThat(r.requestsPerSecond()).isBetween(10_000 * 0.2, 10_000 * 1.05);
            assertThat(r.p50Ms()).isGreaterThanOrEqualTo(100.0);
            // Uniformly slow responses: the correction may come out slightly under the raw top (JavaLoadRun#corrected).
            assertThat(r.correctedP99Ms()).isGreaterThanOrEqualTo(r.p99Ms() * 0.95);
        }
    }
}
