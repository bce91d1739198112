package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three files {@link ReportWriter} leaves behind, from a synthetic run of every workload. */
class ReportWriterTest {

    @TempDir
    static Path dir;

    static RunResults run;
    static String markdown;
    static String html;

    @BeforeAll
    static void writeReport() throws IOException {
        run = SyntheticRun.create();
        ReportWriter.write(run, dir, "completable-future");
        markdown = Files.readString(dir.resolve(ReportWriter.MARKDOWN));
        html = Files.readString(dir.resolve(ReportWriter.HTML));
    }

    /* ---------------- report.json ---------------- */

    /** report.json reads back equal to what was written: the runner resumes and merges from it. */
    @Test
    void jsonRoundTripsEqual() throws IOException {
        RunResults back = ResultsJson.read(dir.resolve(ReportWriter.JSON));
        assertThat(back).isEqualTo(run);
        assertThat(back.cells()).hasSize(run.cells().size());
    }

    /** A report.json from a newer version, with fields this one does not know, still reads. */
    @Test
    void jsonReadIgnoresUnknownFields() throws IOException {
        String json = Files.readString(dir.resolve(ReportWriter.JSON));
        String newer = json.replaceFirst("\\{", "{\n  \"formatVersion\" : 7,")
                .replaceFirst("\"workload\" :", "\"futureMetric\" : { \"x\" : [1, 2] },\n    \"workload\" :");
        Path file = dir.resolve("newer.json");
        Files.writeString(file, newer);
        assertThat(ResultsJson.read(file)).isEqualTo(run);
    }

    /** Missing metrics are left out of the JSON, not written as null, and read back as null. */
    @Test
    void jsonLeavesOutMissingMetrics() throws IOException {
        String json = Files.readString(dir.resolve(ReportWriter.JSON));
        assertThat(json).doesNotContain("null").contains("\n  \"environment\" : {");
    }

    @Test
    void readingAMissingOrCorruptReportNamesTheFile() throws IOException {
        assertThatThrownBy(() -> ResultsJson.read(dir.resolve("nope.json")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.json");
        Path corrupt = dir.resolve("corrupt.json");
        Files.writeString(corrupt, "{\"cells\": [");
        assertThatThrownBy(() -> ResultsJson.read(corrupt))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt.json");
    }

    /** Writing again replaces the files and leaves no temporary file behind. */
    @Test
    void writingAgainOverwrites(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve(ReportWriter.JSON), "stale ".repeat(100_000));
        RunResults small = new RunResults(run.environment(), run.cells().subList(0, 4), List.of(), run.workloads());
        ReportWriter.write(small, other, "loom");
        assertThat(ResultsJson.read(other.resolve(ReportWriter.JSON))).isEqualTo(small);
        try (var files = Files.list(other)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(ReportWriter.JSON, ReportWriter.MARKDOWN, ReportWriter.HTML);
        }
    }

    /* ---------------- report.md ---------------- */

    @Test
    void markdownHasEveryWorkloadWithTableAndLegend() {
        for (String w : SyntheticRun.WORKLOADS) {
            assertThat(markdown).contains("### " + w + "\n").contains("the seed claim " + w + " tests");
        }
        assertThat(markdown)
                .contains("| Implementation | Parameters | Mean (ns/op) | ± 95% (of mean) | Ratio [95% interval] |")
                .contains("- **Mean (ns/op)**: mean time of one operation")
                .contains("- **Ratio [95% interval]**: mean / mean of completable-future at the same parameters")
                .contains("- **± 95% (of mean)**: half-width of the 95% confidence interval")
                .contains("- **Alloc (B/op)**: ")
                .contains("- **Memory/task (B)**: ")
                .contains("- **Pinned (JFR)**: ");
        assertThat(count(markdown, "\nLegend:\n")).isEqualTo(SyntheticRun.WORKLOADS.size());
    }

    @Test
    void markdownHasEnvironmentCommandAndScenarios() {
        assertThat(markdown)
                .contains("```sh\n" + SyntheticRun.COMMAND + "\n```")
                .contains("| JDK | 25.0.1 (Eclipse Adoptium) |")
                .contains("| Cores | 2 |")
                .contains("| Max heap | 4.00 GiB |")
                .contains("`-Xmx4g -XX:+UseG1GC -Djdk.tracePinnedThreads=short`")
                .contains("| Scenario | Expected | loom: result, observed | statemachine: result, observed |")
                .contains("❌ **FAIL**: second await returned a value: &lt;script>");
    }

    /** Ratios carry their interval; the baseline row reads 1.00; an unstable cell says so; missing metrics read "—". */
    @Test
    void markdownTablesShowRatiosAndMissingMetrics() {
        String chain = section(markdown, "### await-chain", "### fan-out");
        assertThat(line(chain, "| completable-future | depth=10 |")).contains("| 1.00 [");
        assertThat(line(chain, "| statemachine | depth=1 |"))
                .containsPattern("\\| 285 \\| ±[0-9.]+% \\| 0\\.5[0-9]+ \\[0\\.5[0-9]+–0\\.5[0-9]+\\] \\|");
        String post = section(markdown, "### context-post", "### async-lambdas");
        assertThat(line(post, "| blocking |")).contains("unstable");
        String pingPong = section(markdown, "### ping-pong", "### sleepers");
        assertThat(line(pingPong, "| loom | count=10 |")).contains("| — |");
    }

    /**
     * The summary: a fastest only where its interval against the runner-up excludes 1.00; every
     * ratio with its interval; the unstable cell left out and counted, with the reason.
     */
    @Test
    void summaryNamesAWinnerOnlyBeyondTheNoiseAndLeavesUnstableCellsOut() {
        String summary = section(markdown, "## Summary", "## Scenarios");
        assertThat(line(summary, "| await-chain (same-thread) |"))
                .contains("| statemachine (× 0.8")
                .containsPattern("\\| [0-9.]+ \\[[0-9.]+–[0-9.]+\\] \\|");
        assertThat(line(summary, "| context-post (same-thread) |")).contains("| 2 unstable |");
        assertThat(summary).contains("unstable");
    }

    /**
     * Nothing is named fastest with one stable implementation left in a workload, nor while a
     * cell left out may be faster than the one that would be named.
     */
    @Test
    void noWinnerWhileALeftOutCellMayBeFaster() {
        Summary.Fastest alone = new Summary.Fastest("completable-future", null, null);
        assertThat(alone.significant()).isFalse();
        assertThat(alone.text()).startsWith("—").contains("one stable implementation");
        Summary.Fastest open = new Summary.Fastest(
                "completable-future",
                "loom",
                new dev.awaitable.cli.stats.Interval(0.5, 0.45, 0.55),
                List.of("statemachine"));
        assertThat(open.significant()).isFalse();
        assertThat(open.text()).startsWith("—").contains("statemachine left out, and may be faster");
        String summary = section(markdown, "## Summary", "## Scenarios");
        assertThat(line(summary, "| context-post (same-thread) |"))
                .as("its two unstable cells (blocking, ±40%) are slower than statemachine even by their widest reading")
                .contains("| statemachine (× ");
    }

    @Test
    void markdownMarksTheFailedCellWithItsReason() {
        String sleepers = section(markdown, "### sleepers", "### async-stream");
        String failed = line(sleepers, "| ⚠ blocking | tasks=100000 |");
        assertThat(failed)
                .contains("**failed: OutOfMemoryError: unable to create native thread")
                .contains("&lt;script>alert('x')&lt;/script>");
        assertThat(sleepers).contains("| Status |");
        assertThat(section(markdown, "### await-chain", "### fan-out")).doesNotContain("| Status |");
    }

    /* ---------------- index.html ---------------- */

    @Test
    void htmlHasEverySectionAndWorkload() {
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<section id=\"environment\">", "<section id=\"summary\">", "<section id=\"scenarios\">")
                .contains("<pre class=\"command\"><code>" + SyntheticRun.COMMAND + "</code></pre>");
        for (String w : SyntheticRun.WORKLOADS) {
            assertThat(html).contains("<section class=\"workload\" id=\"w-" + w + "\">");
        }
        assertThat(count(html, "<details class=\"legend\" open>"))
                .isGreaterThanOrEqualTo(SyntheticRun.WORKLOADS.size() + 2);
    }

    /** Text from the run is escaped wherever it appears: status, findings, scenario observations. */
    @Test
    void htmlEscapesRunText() {
        String escaped = Html.escape(SyntheticRun.NASTY);
        assertThat(html).doesNotContain("<script>alert").doesNotContain("Awaitable<T>");
        assertThat(html)
                .contains("failed: OutOfMemoryError: unable to create native thread (" + escaped + ")")
                .contains("<li class=\"sev-warning\">warning: " + escaped + "</li>")
                .contains("second await returned a value: " + escaped);
        // In the chart data, markup is \\u-escaped JSON, so it cannot end the script element.
        Matcher specs = Pattern.compile(
                        "<script type=\"application/json\" id=\"chart-specs\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(specs.find()).isTrue();
        assertThat(specs.group(1)).doesNotContain("<").doesNotContain(">");
    }

    /** Self-contained: the chart library is inline, and nothing is loaded from the network. */
    @Test
    void htmlIsSelfContained() {
        String library = dev.awaitable.page.ChartLibrary.script();
        assertThat(html).contains("<script>" + library + "</script>");
        // The page without the library (whose own code builds an <img src=...> for its save-as-image tool).
        String page = html.replace(library, "");
        assertThat(Pattern.compile("(?i)<(script|link|img|iframe|object|embed)[^>]*\\s(src|href|data)\\s*=")
                        .matcher(page)
                        .find())
                .as("no element loads anything")
                .isFalse();
        Matcher urls = Pattern.compile("(?i)\\s(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)")
                .matcher(html);
        assertThat(urls.find()).as("no http(s) src/href").isFalse();
        assertThat(section(html, "<style>", "</style>"))
                .doesNotContain("@import")
                .doesNotContain("url(");
    }

    /** Every chart container has a spec, and the page expects exactly that many charts. */
    @Test
    void htmlDeclaresEveryChart() {
        int containers = count(html, "<div class=\"chart\" id=\"");
        assertThat(containers).isGreaterThan(2 * SyntheticRun.WORKLOADS.size());
        assertThat(html).contains("data-charts-expected=\"" + containers + "\"");
        assertThat(count(html, "\"option\":")).isEqualTo(containers);
        // The sweeps get line charts: await depth vs time (log x), task count vs memory per task.
        assertThat(html).contains("Mean time (ns/op) by depth", "Memory per suspended task (B/task) by tasks");
    }

    @Test
    void htmlLinksRecordingsRelatively() {
        assertThat(html)
                .contains("<a href=\"jfr/await-chain/loom-depth=10.jfr\" title=\"jfr/await-chain/loom-depth=10.jfr\">"
                        + "loom-depth=10.jfr</a>");
        assertThat(markdown).contains("[jfr/await-chain/loom-depth=10.jfr](jfr/await-chain/loom-depth=10.jfr)");
        assertThat(html).contains("<li class=\"sev-warning\">warning: virtual threads pinned their carrier");
    }

    @Test
    void htmlMarksTheFailedRowAndTheBaseline() {
        String sleepers = section(html, "id=\"w-sleepers\"", "id=\"w-async-stream\"");
        assertThat(sleepers).contains("<tr class=\"failed\">").contains("<span class=\"badge fail\">failed</span>");
        assertThat(sleepers).contains("title=\"measured with 10,000 suspended tasks\"");
        String chain = section(html, "id=\"w-await-chain\"", "id=\"w-fan-out\"");
        assertThat(count(chain, "<tr class=\"baseline\">") + count(chain, "<tr class=\"set-start baseline\">"))
                .isEqualTo(4);
    }

    @Test
    void ratiosAreMissingWhenTheBaselineWasNotMeasured(@TempDir Path other) throws IOException {
        List<CellResult> noBaseline = run.cells().stream()
                .filter(c -> !c.implementation().equals("completable-future"))
                .toList();
        ReportWriter.write(
                new RunResults(run.environment(), noBaseline, run.scenarios(), run.workloads()),
                other,
                "completable-future");
        String md = Files.readString(other.resolve(ReportWriter.MARKDOWN));
        assertThat(md)
                .contains("completable-future (not measured in this run: no ratios)")
                .contains("> completable-future was not measured for this workload: the Ratio column is empty.");
    }

    /** Against the statemachine baseline (the CLI's default) the summary does not say loom / statemachine twice. */
    @Test
    void statemachineBaselineSummary(@TempDir Path other) throws IOException {
        ReportWriter.write(run, other, "statemachine");
        String md = Files.readString(other.resolve(ReportWriter.MARKDOWN));
        assertThat(line(md, "| Workload |"))
                .isEqualTo(
                        "| Workload | Fastest | loom / statemachine | completable-future / statemachine "
                                + "| blocking / statemachine | loom / statemachine B/op | loom / statemachine memory/task | Left out |");
        assertThat(line(section(md, "### await-chain", "### fan-out"), "| statemachine | depth=1 |"))
                .contains("| 1.00 [1.00–1.00] |");
    }

    /**
     * kotlin-coroutines, the Kotlin peer, in a statemachine-baseline report: its own column in the
     * summary ({@code kotlin-coroutines / statemachine}, with the interval), named fastest only
     * beyond the noise and "no measurable difference" otherwise, its fixed colour in the charts,
     * and its cells in report.json. Synthetic: on await-chain it takes twice statemachine's time,
     * on ping-pong 0.5% less, with the same ±2% iterations (an interval that contains 1.00).
     */
    @Test
    void kotlinCoroutinesHasItsSummaryColumnColourAndJson(@TempDir Path other) throws IOException {
        List<CellResult> cells = new java.util.ArrayList<>(run.cells());
        for (CellResult c : run.cells()) {
            if (c.implementation().equals("statemachine")
                    && (c.workload().equals("await-chain") || c.workload().equals("ping-pong"))) {
                cells.add(scaled(c, "kotlin-coroutines", c.workload().equals("await-chain") ? 2.0 : 0.995));
            }
        }
        List<RunResults.ImplementationInfo> impls = new java.util.ArrayList<>(run.implementations());
        impls.add(new RunResults.ImplementationInfo(
                "kotlin-coroutines", "a peer: Kotlin suspend functions on kotlinx.coroutines"));
        RunResults withKotlin =
                new RunResults(run.environment(), cells, run.scenarios(), run.workloads(), run.http(), impls);
        ReportWriter.write(withKotlin, other, "statemachine");

        String md = Files.readString(other.resolve(ReportWriter.MARKDOWN));
        String summary = section(md, "## Summary", "## Scenarios");
        List<String> headers = cellsOf(line(summary, "| Workload |"));
        int kotlin = headers.indexOf("kotlin-coroutines / statemachine");
        assertThat(kotlin)
                .as("the column, in the recorded implementation order")
                .isEqualTo(headers.size() - 4);

        List<String> chain = cellsOf(line(summary, "| await-chain (same-thread) |"));
        assertThat(chain.get(kotlin)).startsWith("2.00 [");
        assertThat(interval(chain.get(kotlin)).differsFromOne()).isTrue();
        assertThat(chain.get(1)).startsWith("statemachine (× ");

        List<String> pingPong = cellsOf(line(summary, "| ping-pong (cross-thread) |"));
        assertThat(interval(pingPong.get(kotlin)).contains(1.0))
                .as(pingPong.get(kotlin))
                .isTrue();
        assertThat(pingPong.get(1)).startsWith("no measurable difference: kotlin-coroutines ≈ statemachine (");
        assertThat(cellsOf(line(summary, "| fan-out (same-thread) |")).get(kotlin))
                .as("a workload without kotlin-coroutines cells")
                .isEqualTo("—");
        assertThat(line(section(md, "### await-chain", "### fan-out"), "| kotlin-coroutines | depth=10 |"))
                .contains("| 2.00 [");

        ReportModel model = new ReportModel(withKotlin, "statemachine");
        Charts charts = new Charts(model.implementations());
        assertThat(charts.colour("kotlin-coroutines")).isEqualTo("#7048e8");
        assertThat(charts.summary(model))
                .extracting(Charts.Chart::title)
                .contains("kotlin-coroutines / statemachine mean time, per workload");
        String page = Files.readString(other.resolve(ReportWriter.HTML));
        assertThat(page).contains("kotlin-coroutines / statemachine").contains("#7048e8");

        RunResults back = ResultsJson.read(other.resolve(ReportWriter.JSON));
        assertThat(back).isEqualTo(withKotlin);
        assertThat(back.cells().stream().filter(c -> c.implementation().equals("kotlin-coroutines")))
                .hasSize(SyntheticRun.paramSets("await-chain").size()
                        + SyntheticRun.paramSets("ping-pong").size());
    }

    /**
     * statemachine-woven (the loom sources woven) in a statemachine-baseline report: its column
     * {@code statemachine-woven / statemachine} in the summary, its fixed colour, its cells in
     * report.json, and a workload it does not run says why in its section, in markdown, HTML and
     * report.json. Synthetic: on fan-out it takes 1.05 times statemachine's time.
     */
    @Test
    void statemachineWovenHasItsSummaryColumnColourAndReasons(@TempDir Path other) throws IOException {
        List<CellResult> cells = new java.util.ArrayList<>(run.cells());
        for (CellResult c : run.cells()) {
            if (c.implementation().equals("statemachine") && c.workload().equals("fan-out")) {
                cells.add(scaled(c, "statemachine-woven", 1.05));
            }
        }
        String why = "its loom source awaits in a recursive plain method, which the weaver refuses";
        List<RunResults.WorkloadInfo> infos = run.workloads().stream()
                .map(w -> w.id().equals("await-chain")
                        ? new RunResults.WorkloadInfo(
                                w.id(),
                                w.description(),
                                w.claim(),
                                w.shape(),
                                w.params(),
                                w.kind(),
                                w.setup(),
                                java.util.Map.of("statemachine-woven", why))
                        : w)
                .toList();
        List<RunResults.ImplementationInfo> impls = new java.util.ArrayList<>(run.implementations());
        impls.add(new RunResults.ImplementationInfo("statemachine-woven", "the loom sources woven"));
        RunResults withWoven = new RunResults(run.environment(), cells, run.scenarios(), infos, run.http(), impls);
        ReportWriter.write(withWoven, other, "statemachine");

        String md = Files.readString(other.resolve(ReportWriter.MARKDOWN));
        String summary = section(md, "## Summary", "## Scenarios");
        List<String> headers = cellsOf(line(summary, "| Workload |"));
        int woven = headers.indexOf("statemachine-woven / statemachine");
        assertThat(woven).isPositive();
        assertThat(cellsOf(line(summary, "| fan-out (same-thread) |")).get(woven))
                .startsWith("1.05 [");
        assertThat(section(md, "### await-chain", "### fan-out")).contains("*Not run by statemachine-woven:* " + why);

        ReportModel model = new ReportModel(withWoven, "statemachine");
        assertThat(new Charts(model.implementations()).colour("statemachine-woven"))
                .isEqualTo("#15aabf");
        String page = Files.readString(other.resolve(ReportWriter.HTML));
        assertThat(page)
                .contains("statemachine-woven / statemachine")
                .contains("<b>Not run by statemachine-woven:</b> " + why);

        RunResults back = ResultsJson.read(other.resolve(ReportWriter.JSON));
        assertThat(back).isEqualTo(withWoven);
        assertThat(back.workload("await-chain").notImplemented()).containsEntry("statemachine-woven", why);

        // Against another baseline, the summary still sets woven beside hand-written machines.
        Path cf = other.resolve("cf");
        ReportWriter.write(withWoven, cf, "completable-future");
        String cfSummary = section(Files.readString(cf.resolve(ReportWriter.MARKDOWN)), "## Summary", "## Scenarios");
        List<String> cfHeaders = cellsOf(line(cfSummary, "| Workload |"));
        assertThat(cfHeaders).contains("statemachine-woven / completable-future");
        int vsHandWritten = cfHeaders.indexOf("statemachine-woven / statemachine");
        assertThat(vsHandWritten).isPositive();
        assertThat(cellsOf(line(cfSummary, "| fan-out (same-thread) |")).get(vsHandWritten))
                .startsWith("1.05 [");
        assertThat(cellsOf(line(cfSummary, "| await-chain (same-thread) |")).get(vsHandWritten))
                .isEqualTo("—");
    }

    /** {@code c} as another implementation's cell, every time multiplied by {@code factor}. */
    private static CellResult scaled(CellResult c, String implementation, double factor) {
        return new CellResult(
                c.workload(),
                implementation,
                c.params(),
                c.delivery(),
                c.status(),
                c.checksum(),
                c.nsPerOp() * factor,
                c.nsPerOpError() * factor,
                c.iterations().stream().map(v -> v * factor).toList(),
                c.allocBytesPerOp(),
                c.gcCountPer1000Ops(),
                c.gcTimeMs(),
                c.peakPlatformThreads(),
                c.peakCarrierThreads(),
                c.memoryPerTaskBytes(),
                c.memoryTasks(),
                c.jolBytesPerTask(),
                c.jmhResultFile(),
                c.jfr(),
                c.attempts(),
                c.forks());
    }

    /** The texts of a markdown table row, without the outer pipes. */
    private static List<String> cellsOf(String row) {
        String inner = row.substring(row.indexOf('|') + 1, row.lastIndexOf('|'));
        return java.util.Arrays.stream(inner.split("\\|")).map(String::trim).toList();
    }

    /** {@code 1.83 [1.71–1.95]} read back. */
    private static dev.awaitable.cli.stats.Interval interval(String text) {
        Matcher m = Pattern.compile("([0-9.]+) \\[([0-9.]+)–([0-9.]+)\\]").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return new dev.awaitable.cli.stats.Interval(
                Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
    }

    /* ---------------- helpers ---------------- */

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    static String section(String s, String from, String to) {
        int a = s.indexOf(from);
        int b = s.indexOf(to, a);
        assertThat(a).as(from).isNotNegative();
        assertThat(b).as(to).isGreaterThan(a);
        return s.substring(a, b);
    }

    static String line(String s, String start) {
        int a = s.indexOf(start);
        assertThat(a).as(start).isNotNegative();
        int b = s.indexOf('\n', a);
        return s.substring(a, b < 0 ? s.length() : b);
    }
}
