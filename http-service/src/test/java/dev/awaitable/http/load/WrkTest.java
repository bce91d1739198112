package dev.awaitable.http.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Wrk}'s parts that need no wrk: the result-line parser, the limits, the command line. */
class WrkTest {

    /** wrk 4.1's stdout for a run that saw errors, ending in the line our Lua done() prints. */
    private static final String OUTPUT_WITH_ERRORS = """
            Running 3s test @ http://127.0.0.1:18089/
              2 threads and 100 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    21.40ms    1.10ms  48.16ms   95.65%
                Req/Sec     2.33k   120.00     2.50k    70.00%
              13953 requests in 3.00s, 1.12MB read
              Socket errors: connect 0, read 3, write 0, timeout 12
              Non-2xx or 3xx responses: 7
            Requests/sec:   4650.84
            Transfer/sec:    381.52KB
            AWAITABLE-WRK {"requests":13953,"duration_us":3000107,"connect":0,"read":3,"write":0,"status":7,\
            "timeout":12,"p50_us":20943,"p99_us":24007,"p999_us":41163,"max_us":48163}
            """;

    /** The line's fields land in the result: µs to ms, errors summed and itemised, no corrected values. */
    @Test
    void parsesTheResultLine() throws IOException {
        LoadResult r = Wrk.parse(OUTPUT_WITH_ERRORS, 100).orElseThrow();

        assertThat(r.generator()).isEqualTo("wrk");
        assertThat(r.connections()).isEqualTo(100);
        assertThat(r.requests()).isEqualTo(13953);
        assertThat(r.durationSeconds()).isCloseTo(3.000107, within(1e-9));
        assertThat(r.requestsPerSecond()).isCloseTo(13953 / 3.000107, within(1e-6));
        assertThat(r.p50Ms()).isEqualTo(20.943);
        assertThat(r.p99Ms()).isEqualTo(24.007);
        assertThat(r.p999Ms()).isEqualTo(41.163);
        assertThat(r.maxMs()).isEqualTo(48.163);
        assertThat(r.correctedP99Ms()).isNull();
        assertThat(r.correctedP999Ms()).isNull();
        assertThat(r.errors()).isEqualTo(3 + 7 + 12);
        assertThat(r.errorDetail()).isEqualTo("connect 0, read 3, write 0, status 7, timeout 12");
    }

    /** No errors: errorDetail is null. No requests: latencies are null. */
    @Test
    void noErrorsAndNoRequests() throws IOException {
        LoadResult clean = Wrk.parse(
                        "AWAITABLE-WRK {\"requests\":207,\"duration_us\":1006243,\"connect\":0,"
                                + "\"read\":0,\"write\":0,\"status\":0,\"timeout\":0,\"p50_us\":43942,\"p99_us\":48007,"
                                + "\"p999_us\":48163,\"max_us\":48163}\n",
                        10)
                .orElseThrow();
        assertThat(clean.errors()).isZero();
        assertThat(clean.errorDetail()).isNull();

        LoadResult none = Wrk.parse(
                        "AWAITABLE-WRK {\"requests\":0,\"duration_us\":1000000,\"connect\":10,"
                                + "\"read\":0,\"write\":0,\"status\":0,\"timeout\":0,\"p50_us\":0,\"p99_us\":0,"
                                + "\"p999_us\":0,\"max_us\":0}",
                        10)
                .orElseThrow();
        assertThat(none.p50Ms()).isNull();
        assertThat(none.maxMs()).isNull();
        assertThat(none.errorDetail()).isEqualTo("connect 10, read 0, write 0, status 0, timeout 0");
    }

    /** Output without the line is "no result"; a line missing a field is an error, not zeros. */
    @Test
    void missingLineOrField() throws IOException {
        assertThat(Wrk.parse("Running 1s test @ http://x/\n", 1)).isEmpty();
        assertThatThrownBy(() -> Wrk.parse("AWAITABLE-WRK {\"requests\":1}", 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("lacks a number for");
    }

    /** The soft limit goes up to connections + 1000 when lower, stays when higher, and a low hard limit fails. */
    @Test
    void openFileLimit() throws IOException {
        assertThat(Wrk.fileLimit(10_000, 1024, 20_000)).isEqualTo(11_000);
        assertThat(Wrk.fileLimit(100, 20_000, 20_000)).isEqualTo(20_000);
        assertThat(Wrk.fileLimit(19_000, 1024, 20_000)).isEqualTo(20_000);
        assertThatThrownBy(() -> Wrk.fileLimit(19_001, 1024, 20_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("20001")
                .hasMessageContaining("ulimit -Hn")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** /proc/self/limits rows parse, "unlimited" included. */
    @Test
    void procLimits() throws IOException {
        String text = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            1024                 20000                files
                """;
        assertThat(OpenFileLimit.parse(text)).containsExactly(1024, 20000);
        assertThat(OpenFileLimit.parse(text.replace("1024 ", "unlimited ").replace("20000", "unlimited")))
                .containsExactly(Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(OpenFileLimit.current()[1]).isGreaterThanOrEqualTo(OpenFileLimit.current()[0]);
    }

    /** The command: a shell raising the limit, then exec wrk with its arguments passed through "$@". */
    @Test
    void commandLine() {
        assertThat(Wrk.command(
                        Path.of("/usr/bin/wrk"),
                        2,
                        "127.0.0.1",
                        8080,
                        "hello",
                        10_000,
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(5),
                        Path.of("/tmp/a.lua"),
                        11_000))
                .containsExactly(
                        "sh",
                        "-c",
                        "ulimit -S -n 11000 && exec \"$0\" \"$@\"",
                        "/usr/bin/wrk",
                        "-t2",
                        "-c10000",
                        "-d3s",
                        "--timeout",
                        "5s",
                        "-s",
                        "/tmp/a.lua",
                        "http://127.0.0.1:8080/hello");
        assertThat(Wrk.command(
                        Path.of("wrk"),
                        1,
                        "::1",
                        80,
                        "/",
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(1),
                        Path.of("s.lua"),
                        2000))
                .endsWith("http://[::1]:80/");
    }

    /** wrk takes whole seconds: rounded up, at least one. */
    @Test
    void wholeSeconds() {
        assertThat(Wrk.seconds(Duration.ofSeconds(10))).isEqualTo(10);
        assertThat(Wrk.seconds(Duration.ofMillis(10_001))).isEqualTo(11);
        assertThat(Wrk.seconds(Duration.ofMillis(1))).isEqualTo(1);
    }

    @Test
    void lastLineOfStderr() {
        assertThat(Wrk.lastLine("warming up\nunable to connect to 127.0.0.1:1 Connection refused\n\n"))
                .isEqualTo("unable to connect to 127.0.0.1:1 Connection refused");
        assertThat(Wrk.lastLine("")).isEqualTo("(no output)");
    }
}
