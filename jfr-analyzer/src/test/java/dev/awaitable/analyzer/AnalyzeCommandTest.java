package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command over several files and with {@code --vs}: files are analyzed one after another, a
 * bad one costs exit 1 and one line on err but nothing printed for the good ones.
 */
class AnalyzeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<Path> files, Path vs, boolean json) {
        return JfrAnalyzer.analyzeCommand(
                new AnalyzeOptions(files, vs, null, null, json, null),
                ForeignRecordingTest.print(out),
                ForeignRecordingTest.print(err));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** good, bad, good: both good ones printed in order, one error line, exit 1. */
    @Test
    void aBadFileAmongGoodOnesLosesNothing() throws Exception {
        Path good1 = Recordings.awaits();
        Path bad = Files.writeString(Recordings.file("between.txt"), "not jfr");
        Path good2 = Recordings.pinned();
        int exit = run(List.of(good1, bad, good2), null, false);
        assertThat(exit).isEqualTo(1);
        assertThat(Recordings.lines(err())).containsExactly("awaitable analyze: not a JFR recording: " + bad);
        String text = out();
        assertThat(text).contains("== " + good1 + " ==", "== " + good2 + " ==");
        assertThat(text.indexOf("== " + good1)).isLessThan(text.indexOf("== " + good2));
    }

    /** No file at all is a usage error, exit 2. */
    @Test
    void noFileIsAUsageError() {
        assertThat(run(List.of(), null, false)).isEqualTo(2);
        assertThat(Recordings.lines(err())).singleElement().asString().startsWith("awaitable analyze: no recording");
    }

    /** One file with --json prints one Analysis object. */
    @Test
    void jsonForOneFileIsOneObject() throws Exception {
        assertThat(run(List.of(Recordings.awaits()), null, true)).isZero();
        Analysis a = JfrAnalyzer.fromJson(out());
        assertThat(a.file()).isEqualTo(Recordings.awaits().toString());
        assertThat(a.awaits().suspendEvents()).isPositive();
    }

    /** Several files with --json print an array of the good ones, valid even when one was bad. */
    @Test
    void jsonForSeveralFilesIsAnArrayOfTheGoodOnes() throws Exception {
        Path missing = Recordings.file("missing-in-array.jfr");
        int exit = run(List.of(Recordings.awaits(), missing, Recordings.faults()), null, true);
        assertThat(exit).isEqualTo(1);
        JsonNode array = new ObjectMapper().readTree(out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        assertThat(array.get(0).get("file").asText())
                .isEqualTo(Recordings.awaits().toString());
        assertThat(array.get(1).get("file").asText())
                .isEqualTo(Recordings.faults().toString());
        assertThat(Recordings.lines(err())).containsExactly("awaitable analyze: no such file: " + missing);
    }

    /** --vs renders both recordings' columns and the ratio for the same metrics. */
    @Test
    void versusRendersBothColumnsWithRatios() throws Exception {
        Path a = Recordings.awaits();
        Path b = Recordings.foreign();
        assertThat(run(List.of(a), b, false)).isZero();
        String text = out();
        System.out.println(text);
        assertThat(text)
                .contains(
                        "A = " + a,
                        "B = " + b,
                        "metric",
                        "B/A",
                        "resume latency p99",
                        "gc:",
                        "pause time /s",
                        "Top allocating classes",
                        "Findings in A",
                        "Findings in B");
        String events = text.lines()
                .filter(l -> l.strip().startsWith("events /s "))
                .findFirst()
                .orElseThrow();
        assertThat(events.strip().split("\\s{2,}")).hasSize(4); // metric, A, B, B/A; no "better" for events
        assertThat(err()).isEmpty();
    }

    /** --vs with --json prints a Comparison: both analyses and one row per metric. */
    @Test
    void versusAsJson() throws Exception {
        assertThat(run(List.of(Recordings.awaits()), Recordings.pinned(), true)).isZero();
        JsonNode c = new ObjectMapper().readTree(out());
        assertThat(c.get("a").get("file").asText())
                .isEqualTo(Recordings.awaits().toString());
        assertThat(c.get("b").get("file").asText())
                .isEqualTo(Recordings.pinned().toString());
        assertThat(c.get("rows")).isNotEmpty();
        assertThat(c.get("rows").findValuesAsText("metric")).contains("suspend events", "pinned events");
    }

    /** A bad --vs baseline is one error line; the files are still analyzed on their own. */
    @Test
    void aBadBaselineStillPrintsTheFiles() throws Exception {
        Path missing = Recordings.file("no-baseline.jfr");
        assertThat(run(List.of(Recordings.pinned()), missing, false)).isEqualTo(1);
        assertThat(Recordings.lines(err())).containsExactly("awaitable analyze: no such file: " + missing);
        assertThat(out()).contains("== " + Recordings.pinned() + " ==");
    }
}
