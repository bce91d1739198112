package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP service section: table, generators' agreement, findings about the 10,000-thread claim, charts, JSON. */
class HttpReportTest {

    @TempDir
    static Path dir;

    static RunResults run;
    static String html;
    static String markdown;

    @BeforeAll
    static void writeReport() throws IOException {
        run = SyntheticRun.create();
        ReportWriter.write(run, dir, "statemachine");
        html = Files.readString(dir.resolve(ReportWriter.HTML));
        markdown = Files.readString(dir.resolve(ReportWriter.MARKDOWN));
    }

    @Test
    void htmlHasTheSectionWithEveryCellAndEscapedText() {
        String section = html.substring(
                html.indexOf("<section id=\"http-service\">"), html.indexOf("<section id=\"workloads\">"));
        assertThat(section).contains("<h2>HTTP service under load</h2>", "Claim:", "10,000 threads = ~10 GB");
        assertThat(section.split("<tr", -1).length - 1)
                .as("header + 24 cells + agreement header + 11 agreements")
                .isEqualTo(1 + 24 + 1 + 11);
        assertThat(section).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
        assertThat(section).contains("class=\"failed\"");
        assertThat(html)
                .contains("href=\"#http-service\"")
                .contains("24 HTTP service cells")
                .contains("2 failed");
    }

    @Test
    void chartsPlotThroughputLatencyMemoryAndThreadsAgainstConnections() {
        Charts charts = new Charts(List.of());
        List<Charts.Chart> list = charts.http(new HttpTable(run.http()));
        assertThat(list)
                .extracting(Charts.Chart::title)
                .containsExactly(
                        "Requests/s by connections",
                        "p99 latency (ms) by connections",
                        "Server resident memory at peak (MiB) by connections",
                        "Server platform threads at peak by connections");
        // the failed blocking/java cell at 10,000 leaves a point out, not the line
        String rps = list.get(0).spec().toString();
        assertThat(rps).contains("\"name\":\"blocking · java\"", "\"name\":\"statemachine · wrk\"", "\"type\":\"log\"");
        assertThat(list.get(0).note()).contains("failed cells are not plotted");
        assertThat(html).contains("http-rps-10", "http-threads-10");
    }

    @Test
    void findingsStateTheClaimFromTheNumbers() {
        List<String> findings = new HttpTable(run.http()).findings();
        assertThat(findings.get(0))
                .startsWith(
                        "Thread per connection at 10,000 connections (10,000 open at once at the server, under wrk): 10,012 platform threads")
                .contains("reserved per connection 1.01 MiB (1.01× the claimed 1 MB)")
                .contains("resident memory per connection 58.59 KiB (0.057× the claimed 1 MB)");
        assertThat(findings)
                .anySatisfy(
                        f -> assertThat(f)
                                .startsWith(
                                        "statemachine at 10,000 connections (10,000 open at once, under wrk): 14 platform threads"));
        assertThat(findings)
                .anySatisfy(
                        f -> assertThat(f)
                                .startsWith(
                                        "loom at 10,000 connections (10,000 open at once, under wrk): 16 platform threads (2 of them carriers)"));
        assertThat(findings.get(findings.size() - 1))
                .startsWith("10 of 11 cells measured by wrk and the Java generator agree");
        assertThat(markdown)
                .contains(
                        "## HTTP service under load",
                        "- Thread per connection at 10,000 connections",
                        "Generators' agreement (requests/s within 25%");
    }

    @Test
    void generatorsAgreeWithinTheStatedTolerance() {
        List<HttpTable.Agreement> all = new HttpTable(run.http()).agreements();
        assertThat(all).hasSize(11);
        assertThat(all)
                .filteredOn(a -> !a.agree())
                .singleElement()
                .satisfies(a ->
                        assertThat(a.implementation() + "/" + a.connections()).isEqualTo("loom/10000"));

        // p50: 25% of the larger or 2 ms, whichever is more
        assertThat(agreement(1000, 3.0, 1000, 4.9).agree())
                .as("1.9 ms apart: under the 2 ms floor")
                .isTrue();
        assertThat(agreement(1000, 3.0, 1000, 5.1).agree()).as("2.1 ms apart").isFalse();
        assertThat(agreement(1000, 100, 1000, 124).agree()).as("24 ms of 124").isTrue();
        assertThat(agreement(1000, 100, 1000, 140).agree()).as("40 ms of 140").isFalse();
        // requests/s: 25% of the larger
        assertThat(agreement(1000, 10, 760, 10).agree()).isTrue();
        assertThat(agreement(1000, 10, 740, 10).agree()).isFalse();
        assertThat(HttpTable.agreementText(agreement(1000, 10, 740, 10)))
                .isEqualTo("disagree: java/wrk requests/s 0.74, p50 +0 ms");
    }

    @Test
    void wrkIsCrossCheckedByTheJavaGeneratorMeasuringAsItDoesWhereThatRan() {
        HttpCellResult wrk = held(cell("wrk", 20_000, 60), 4_604, 3_660.0);
        HttpCellResult burst = held(cell("java-burst", 19_000, 70), 4_900, 3_100.0);
        HttpCellResult paced = held(cell("java", 18_000, 440), 10_000, 500.0);
        HttpTable t = new HttpTable(List.of(paced, wrk, burst));
        assertThat(t.rows()).extracting(HttpCellResult::generator).containsExactly("wrk", "java-burst", "java");
        HttpTable.Agreement a = t.agreements().get(0);
        assertThat(a.against()).isEqualTo("java-burst");
        assertThat(a.agree()).isTrue();
        assertThat(HttpTable.agreementText(a)).isEqualTo("agree: java-burst/wrk requests/s 0.95, p50 +10.0 ms");
    }

    @Test
    void aDisagreementFromWrksConnectBurstSaysSo() {
        HttpCellResult wrk = held(cell("wrk", 20_000, 60), 4_604, 3_660.0);
        HttpCellResult java = held(cell("java", 18_000, 440), 10_000, 2_600.0);
        HttpTable.Agreement a = new HttpTable(List.of(wrk, java)).agreements().get(0);
        assertThat(a.agree()).isFalse();
        assertThat(HttpTable.agreementText(a))
                .contains("the server held at most 4,604 of 100 connections under wrk (10,000 under java), "
                        + "and wrk's p99 of 3,660 ms includes SYN retries");
        // both bursts short of the connections: each generator measured a different server
        HttpCellResult w2 = held(cell("wrk", 25_000, 100), 80, 3_500.0);
        HttpCellResult b2 = held(cell("java-burst", 14_000, 210), 69, 4_200.0);
        assertThat(HttpTable.agreementText(
                        new HttpTable(List.of(w2, b2)).agreements().get(0)))
                .contains(
                        "both connect bursts overflowed the listen backlog: the server held at most 80 of 100 connections under wrk "
                                + "and 69 under java-burst");
        // the claim is about connections held: the findings take the run in which the server held the most
        HttpCellResult bw = held(blocking(cell("wrk", 20_000, 60)), 46, 3_660.0);
        HttpCellResult bj = held(blocking(cell("java", 18_000, 440)), 100, 500.0);
        assertThat(new HttpTable(List.of(bw, bj)).findings().get(0))
                .contains("(100 open at once at the server, under java)");
        // a plain disagreement, with the server holding as many connections under both, has no such note
        assertThat(agreement(1000, 10, 500, 10).note()).isNull();
    }

    private static HttpCellResult blocking(HttpCellResult c) {
        return new HttpCellResult(
                "blocking",
                c.connections(),
                c.delayMs(),
                c.generator(),
                c.status(),
                c.durationSeconds(),
                c.requests(),
                c.requestsPerSecond(),
                c.p50Ms(),
                c.p99Ms(),
                c.p999Ms(),
                c.maxMs(),
                c.correctedP99Ms(),
                c.correctedP999Ms(),
                c.errors(),
                c.errorDetail(),
                c.peakThreads(),
                c.peakCarrierThreads(),
                c.peakOpenConnections(),
                c.idleRssBytes(),
                c.peakRssBytes(),
                c.idleVmSizeBytes(),
                c.peakVmSizeBytes(),
                c.heapCommittedBytes(),
                c.cpuSeconds(),
                c.rssPerConnectionBytes(),
                c.vmSizePerConnectionBytes(),
                c.cpuMicrosPerRequest());
    }

    private static HttpCellResult held(HttpCellResult c, int open, double p99) {
        return new HttpCellResult(
                c.implementation(),
                c.connections(),
                c.delayMs(),
                c.generator(),
                c.status(),
                c.durationSeconds(),
                c.requests(),
                c.requestsPerSecond(),
                c.p50Ms(),
                p99,
                c.p999Ms(),
                c.maxMs(),
                c.correctedP99Ms(),
                c.correctedP999Ms(),
                c.errors(),
                c.errorDetail(),
                c.peakThreads(),
                c.peakCarrierThreads(),
                open,
                c.idleRssBytes(),
                c.peakRssBytes(),
                c.idleVmSizeBytes(),
                c.peakVmSizeBytes(),
                c.heapCommittedBytes(),
                c.cpuSeconds(),
                c.rssPerConnectionBytes(),
                c.vmSizePerConnectionBytes(),
                c.cpuMicrosPerRequest());
    }

    @Test
    void aReportWithoutHttpCellsHasNoSectionAndReadsOldJson() throws IOException {
        RunResults none = new RunResults(run.environment(), run.cells(), run.scenarios(), run.workloads());
        Path other = dir.resolve("none");
        ReportWriter.write(none, other, "statemachine");
        assertThat(Files.readString(other.resolve(ReportWriter.HTML))).doesNotContain("id=\"http-service\"");
        String json = Files.readString(other.resolve(ReportWriter.JSON));
        String old = json.replaceAll(",\\s*\"http\"\\s*:\\s*\\[\\s*\\]", ""); // as written before HTTP cells existed
        assertThat(old).isNotEqualTo(json).doesNotContain("\"http\"");
        Path oldFile = other.resolve("old.json");
        Files.writeString(oldFile, old);
        assertThat(ResultsJson.read(oldFile).http()).isEmpty();
        assertThat(ResultsJson.read(oldFile).cells()).isEqualTo(run.cells());
        assertThat(ResultsJson.read(dir.resolve(ReportWriter.JSON)).http()).isEqualTo(run.http());
    }

    private static HttpTable.Agreement agreement(double wrkRps, double wrkP50, double javaRps, double javaP50) {
        return new HttpTable(List.of(cell("wrk", wrkRps, wrkP50), cell("java", javaRps, javaP50)))
                .agreements()
                .get(0);
    }

    private static HttpCellResult cell(String generator, double rps, double p50) {
        return new HttpCellResult(
                "statemachine",
                100,
                10,
                generator,
                "ok",
                10.0,
                (long) (rps * 10),
                rps,
                p50,
                p50,
                p50,
                p50,
                null,
                null,
                0L,
                null,
                10,
                null,
                100,
                1L,
                2L,
                3L,
                4L,
                5L,
                1.0,
                1.0,
                1.0,
                1.0);
    }
}
