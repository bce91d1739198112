package dev.awaitable.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HttpServerMain} as the benchmark runs it: a child JVM driven over stdin/stdout. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerMainTest {

    static ProcessBuilder child(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("--add-opens");
        cmd.add("java.base/java.lang=ALL-UNNAMED");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HttpServerMain.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** LISTENING, a request answered, stats that parse into ServerStats with plausible values, reset, quit exits 0. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void servesAndReports(String impl) throws Exception {
        Process p = child(
                        "--impl",
                        impl,
                        "--delay-ms",
                        "5",
                        "--body-bytes",
                        "32",
                        "--backlog",
                        "128",
                        "--max-seconds",
                        "120")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
            String listening = out.readLine();
            assertThat(listening).matches("LISTENING \\d+");
            int port = Integer.parseInt(listening.substring(10));
            try (Socket s = HttpServiceTest.connect(port)) {
                HttpServiceTest.send(s, "GET / HTTP/1.1\r\n\r\n");
                HttpServiceTest.Response r = HttpServiceTest.read(s.getInputStream());
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyLength()).isEqualTo(32);
                in.println("stats");
                String line = out.readLine();
                assertThat(line).startsWith("STATS {");
                ServerStats stats = new ObjectMapper().readValue(line.substring(6), ServerStats.class);
                assertThat(stats.requests()).isEqualTo(1);
                assertThat(stats.openConnections()).isEqualTo(1);
                assertThat(stats.peakOpenConnections()).isEqualTo(1);
                assertThat(stats.rssBytes()).isPositive();
                assertThat(stats.vmSizeBytes()).isGreaterThanOrEqualTo(stats.rssBytes());
                assertThat(stats.liveThreads()).isPositive();
                assertThat(stats.peakThreads()).isGreaterThanOrEqualTo(stats.liveThreads());
                assertThat(stats.peakCarrierThreads()).isGreaterThanOrEqualTo(stats.carrierThreads());
                assertThat(stats.heapCommittedBytes())
                        .isGreaterThanOrEqualTo(stats.heapUsedBytes())
                        .isPositive();
                assertThat(stats.nonHeapCommittedBytes()).isPositive();
                assertThat(stats.cpuNanos()).isPositive();
                assertThat(stats.gcCount()).isNotNegative();
            }
            in.println("reset");
            assertThat(out.readLine()).isEqualTo("OK");
            in.println("quit");
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    /** EOF on stdin (the parent died) ends the child with 0. */
    @Test
    void eofOnStdinExits() throws Exception {
        Process p = child("--impl", "blocking")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("LISTENING ");
            p.getOutputStream().close();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Bad arguments: exit 2 and exactly one line on stderr, nothing on stdout. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "--impl nope",
                "--impl loom --delay-ms x",
                "--impl loom --body-bytes 0",
                "--frobnicate 1",
                "--delay-ms 5"
            })
    void badArgumentsExit2(String args) throws Exception {
        Process p = child(args.split(" ")).start();
        try {
            p.getOutputStream().close();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(err.strip().lines()).hasSize(1);
            assertThat(stdout).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }
}
