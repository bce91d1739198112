package dev.awaitable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.cli.report.ReportWriter;
import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.http.HttpServices;
import dev.awaitable.http.load.Wrk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./awaitable bench --workloads http-service} end to end, small: every implementation's
 * server in its own JVM under 200 connections from the Java generator (paced and burst) and from wrk (where wrk is
 * installed; CI installs it and then requires it), results in report.json and the report, and
 * no server process left behind.
 */
class HttpBenchTest {

    static final int CONNECTIONS = 200;
    static final int DELAY_MS = 20;

    @TempDir
    Path dir;

    @Test
    void measuresEveryImplementationWithBothGeneratorsAndCleansUp() throws Exception {
        boolean wrk = Wrk.locate().isPresent() || "true".equals(System.getenv("AWAITABLE_WRK_REQUIRED"));
        List<String> args = new ArrayList<>(List.of(
                "bench",
                "--workloads",
                "http-service",
                "--out",
                dir.toString(),
                "--param",
                "connections=" + CONNECTIONS,
                "--param",
                "delay-ms=" + DELAY_MS,
                "--param",
                "duration-s=2",
                "--param",
                "warmup-s=1",
                "--param",
                "generator=" + (wrk ? "wrk,java,java-burst" : "java,java-burst")));
        CliBadInputTest.Run run = CliBadInputTest.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("HTTP service runs", "open-file limit", "req/s");

        RunResults results = ResultsJson.read(dir.resolve(ReportWriter.JSON));
        List<HttpCellResult> cells = results.http();
        assertThat(cells)
                .hasSize(HttpServices.IMPLEMENTATIONS.size() * (wrk ? 3 : 2))
                .allSatisfy(c -> {
                    assertThat(c.status()).as(c.key()).isEqualTo("ok");
                    assertThat(c.connections()).isEqualTo(CONNECTIONS);
                    // each connection waits at least the delay per request, so at most connections / delay per second
                    assertThat(c.requestsPerSecond())
                            .as(c.key())
                            .isPositive()
                            .isLessThanOrEqualTo(CONNECTIONS * 1000.0 / DELAY_MS * 1.05);
                    assertThat(c.p50Ms()).as(c.key()).isGreaterThanOrEqualTo(DELAY_MS * 0.95);
                    assertThat(c.peakOpenConnections()).as(c.key()).isGreaterThanOrEqualTo(CONNECTIONS);
                    assertThat(c.peakRssBytes()).as(c.key()).isGreaterThan(c.idleRssBytes() / 2);
                    assertThat(c.cpuSeconds()).as(c.key()).isPositive();
                    if (c.generator().startsWith("java")) {
                        assertThat(c.correctedP99Ms()).as(c.key()).isGreaterThanOrEqualTo(c.p99Ms() * 0.95);
                    }
                });
        // a thread per connection, against a handful
        assertThat(cells)
                .filteredOn(c -> c.implementation().equals("blocking"))
                .allSatisfy(c -> assertThat(c.peakThreads()).isGreaterThanOrEqualTo(CONNECTIONS));
        assertThat(cells)
                .filteredOn(c -> !c.implementation().equals("blocking"))
                .allSatisfy(c -> assertThat(c.peakThreads()).as(c.key()).isLessThan(CONNECTIONS / 2));
        assertThat(cells)
                .filteredOn(c -> c.implementation().equals("loom"))
                .allSatisfy(c -> assertThat(c.peakCarrierThreads()).isPositive());

        String html = Files.readString(dir.resolve(ReportWriter.HTML));
        assertThat(html).contains("id=\"http-service\"", "http-rps-" + DELAY_MS);
        try (var logs = Files.list(dir.resolve("http"))) {
            assertThat(logs.map(p -> p.getFileName().toString()))
                    .contains("statemachine-c" + CONNECTIONS + "-d" + DELAY_MS + ".log");
        }
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .as("server processes left")
                .isEmpty();
    }
}
