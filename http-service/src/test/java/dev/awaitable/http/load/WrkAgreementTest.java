package dev.awaitable.http.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * wrk and {@link JavaLoadGenerator} measure the same {@link LoadTestServer} alike: requests/s
 * within 25% of each other, p50 within max(25%, 2 ms). Needs wrk: it is installed when missing
 * and possible ({@link Wrk#require}); otherwise these tests are skipped, saying why.
 *
 * <p>The bounds are the agreement the benchmark relies on, not timing claims: both generators
 * run a closed loop against a server whose delay fixes the rate.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WrkAgreementTest {

    private static final String HOST = InetAddress.getLoopbackAddress().getHostAddress();
    private static Path wrk;
    private static String unavailable;

    @BeforeAll
    static void findWrk() {
        try {
            wrk = Wrk.require();
        } catch (WrkUnavailableException e) {
            unavailable = e.getMessage();
        }
    }

    /** Skips without wrk, unless AWAITABLE_WRK_REQUIRED=true (CI installs it): then its absence fails. */
    private static void assumeWrk() {
        if (wrk == null && "true".equals(System.getenv("AWAITABLE_WRK_REQUIRED"))) {
            throw new AssertionError("AWAITABLE_WRK_REQUIRED=true but " + unavailable);
        }
        assumeTrue(wrk != null, () -> "wrk is missing: " + unavailable);
    }

    /** Same server, same connections, one generator after the other. */
    @ParameterizedTest(name = "{0} connections, {1} ms delay")
    @CsvSource({"100, 20", "1000, 100"})
    void wrkAndJavaAgree(int connections, int delayMillis) throws Exception {
        assumeWrk();
        Duration delay = Duration.ofMillis(delayMillis);
        try (LoadTestServer server = LoadTestServer.start(delay, 0)) {
            LoadResult w = new Wrk(wrk)
                    .run(HOST, server.port(), "/", connections, Duration.ofSeconds(3), Duration.ofSeconds(5));
            LoadResult j = new JavaLoadGenerator(delay)
                    .run(HOST, server.port(), "/", connections, Duration.ofSeconds(3), Duration.ofSeconds(5));
            System.out.printf(
                    "WrkAgreementTest %d connections, %d ms: wrk %s%n  java %s%n", connections, delayMillis, w, j);

            assertThat(w.errors()).as("wrk: %s", w.errorDetail()).isZero();
            assertThat(j.errors()).as("java: %s", j.errorDetail()).isZero();
            assertThat(w.requestsPerSecond()).isBetween(j.requestsPerSecond() * 0.75, j.requestsPerSecond() * 1.25);
            double p50Tolerance = Math.max(0.25 * j.p50Ms(), 2.0);
            assertThat(w.p50Ms()).isBetween(j.p50Ms() - p50Tolerance, j.p50Ms() + p50Tolerance);
            assertThat(w.p50Ms()).isGreaterThanOrEqualTo(delayMillis * 0.99); // wrk rounds to µs
        }
    }

    /** wrk's 500s are status errors, as the Java generator's are. */
    @Test
    void wrkCountsServerErrors() throws Exception {
        assumeWrk();
        try (LoadTestServer server = LoadTestServer.start(Duration.ofMillis(5), 10)) {
            LoadResult w = new Wrk(wrk).run(HOST, server.port(), "/", 20, Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(w.errorDetail())
                    .startsWith("connect 0, read 0, write 0, status ")
                    .endsWith(", timeout 0");
            assertThat((double) w.errors() / w.requests()).isBetween(0.05, 0.2);
        }
    }

    /** Nothing listening: wrk exits non-zero and the IOException carries its stderr's last line. */
    @Test
    void wrkFailureIsAnIOExceptionWithItsStderr() throws Exception {
        assumeWrk();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> new Wrk(wrk).run(HOST, port, "/", 2, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("wrk");
    }
}
