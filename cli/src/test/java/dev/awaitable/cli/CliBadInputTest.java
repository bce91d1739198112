package dev.awaitable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, end to end through the command line: every command with missing, unknown,
 * out-of-range and malformed arguments gives one clear line on stderr and a non-zero exit,
 * never a stack trace, and leaves an earlier run's results as they were.
 */
class CliBadInputTest {

    @TempDir
    Path dir;

    /** What one command line printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of("unknown command", List.of("frobnicate"), "Unmatched argument"),
                Arguments.of("unknown option", List.of("compare", "--speed", "11"), "Unknown option"),
                Arguments.of(
                        "unknown workload",
                        List.of("compare", "--workloads", "warp-drive"),
                        "unknown workload 'warp-drive'"),
                Arguments.of(
                        "unknown implementation",
                        List.of("compare", "--implementations", "kotlin"),
                        "unknown implementation 'kotlin'"),
                Arguments.of(
                        "unknown baseline",
                        List.of("compare", "--baseline", "dotnet"),
                        "unknown implementation 'dotnet'"),
                Arguments.of("resume without out", List.of("compare", "--resume"), "--resume needs --out"),
                Arguments.of("missing option value", List.of("bench", "--forks"), "Missing required parameter"),
                Arguments.of("malformed number", List.of("bench", "--forks", "two"), "Invalid value"),
                Arguments.of("forks out of range", List.of("bench", "--forks", "0"), "--forks must be 1..20"),
                Arguments.of("iterations out of range", List.of("bench", "--iterations", "0"), "--iterations"),
                Arguments.of("iteration time out of range", List.of("bench", "--iteration-ms", "1"), "--iteration-ms"),
                Arguments.of(
                        "malformed param",
                        List.of("bench", "--workloads", "await-chain", "--param", "depth"),
                        "malformed --param"),
                Arguments.of(
                        "param out of range",
                        List.of("bench", "--workloads", "await-chain", "--param", "depth=0"),
                        "out of range"),
                Arguments.of(
                        "param not a number",
                        List.of("bench", "--workloads", "await-chain", "--param", "depth=deep"),
                        "not a whole number"),
                Arguments.of(
                        "param of no workload",
                        List.of("bench", "--workloads", "await-chain", "--param", "color=red"),
                        "no selected workload has a parameter 'color'"),
                Arguments.of(
                        "bad choice",
                        List.of("bench", "--workloads", "fan-out", "--param", "style=random"),
                        "is not one of"),
                Arguments.of("unknown workload lists http", List.of("bench", "--workloads", "http"), ", http-service"),
                Arguments.of(
                        "http connections out of range",
                        List.of("bench", "--workloads", "http-service", "--param", "connections=0"),
                        "parameter connections=0 is out of range (legal: 1..20000)"),
                Arguments.of(
                        "http generator unknown",
                        List.of("bench", "--workloads", "http-service", "--param", "generator=ab"),
                        "parameter generator=ab is not one of [wrk, java, java-burst]"),
                Arguments.of(
                        "http duration twice",
                        List.of("bench", "--workloads", "http-service", "--param", "duration-s=1,2"),
                        "parameter duration-s takes one value, got 2"),
                Arguments.of(
                        "http param without http",
                        List.of("bench", "--workloads", "await-chain", "--param", "connections=10"),
                        "no selected workload has a parameter 'connections'"),
                Arguments.of("malformed shard", List.of("bench", "--shard", "3"), "malformed --shard"),
                Arguments.of("shard out of range", List.of("bench", "--shard", "5/4"), "malformed --shard"),
                Arguments.of("merge without out", List.of("merge", "somewhere"), "Missing required option"),
                Arguments.of(
                        "merge of a non-run folder",
                        List.of("merge", "--out", "MERGED", "NOT_A_RUN"),
                        "not a run's output folder"),
                Arguments.of(
                        "unknown scenario",
                        List.of("scenarios", "--only", "time-travel"),
                        "unknown scenario 'time-travel'"),
                Arguments.of(
                        "unknown scenario backend",
                        List.of("scenarios", "--backends", "dotnet"),
                        "unknown backend 'dotnet'"),
                Arguments.of("analyze nothing", List.of("analyze"), "Missing required parameter"),
                Arguments.of("analyze a missing file", List.of("analyze", "NO_SUCH.jfr"), "no such file"));
    }

    /** Each bad command line is one clear line on stderr and a non-zero exit, without a stack trace. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void badInputIsOneClearLine(String what, List<String> args, String expected) {
        List<String> resolved = args.stream()
                .map(a -> a.equals("MERGED")
                        ? dir.resolve("merged").toString()
                        : a.equals("NOT_A_RUN")
                                ? dir.toString()
                                : a.equals("NO_SUCH.jfr")
                                        ? dir.resolve("no-such.jfr").toString()
                                        : a)
                .toList();
        Run r = run(resolved.toArray(String[]::new));
        assertThat(r.exit()).as(what).isNotZero();
        assertThat(r.errLines()).as(what + ": stderr was %s", r.err()).hasSize(1);
        assertThat(r.errLines().get(0)).contains(expected).startsWith("awaitable");
        assertThat(r.err()).doesNotContain("Exception:").doesNotContain("\tat ");
    }

    /** An output folder that cannot be written is one line and exit 2, before anything runs. */
    @Test
    void unwritableOutputFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run r = run(
                "compare",
                "--workloads",
                "suspend-resume",
                "--out",
                file.resolve("sub").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).contains("cannot write to output folder");
    }

    /** Bad input aimed at an earlier run's folder leaves its results byte for byte as they were. */
    @Test
    void earlierResultsStayIntact() throws IOException {
        Path run = Files.createDirectories(dir.resolve("earlier-run"));
        Path report = Files.writeString(run.resolve("report.json"), "{\"cells\":[]}");
        Path index = Files.writeString(run.resolve("index.html"), "<html>earlier</html>");
        Run r = run("compare", "--out", run.toString(), "--resume", "--workloads", "warp-drive");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(Files.readString(report)).isEqualTo("{\"cells\":[]}");
        assertThat(Files.readString(index)).isEqualTo("<html>earlier</html>");
    }

    /** list prints every workload with its parameters and every scenario, and exits 0. */
    @Test
    void listPrintsTheCatalog() {
        Run r = run("list");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "fast-path",
                        "await-chain",
                        "sleepers",
                        "pinning",
                        "depth (1..1000)",
                        "resume-order-five-step",
                        "completable-future");
    }
}
