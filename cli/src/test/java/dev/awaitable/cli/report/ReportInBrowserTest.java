package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.page.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * index.html in a real browser ({@link HeadlessChromium}: offline, skipped without Chromium unless
 * a browser is required). The page must have loaded, rendered every chart (its container holds an
 * SVG with drawn paths), counted no errors, and logged nothing to the console. The page, the
 * dumped DOM and the browser's log are kept in {@code target/report-in-browser/} to look at.
 */
class ReportInBrowserTest {

    @Test
    void everyChartRendersWithoutErrors() throws Exception {
        Path browser = HeadlessChromium.find();
        Path out = Path.of("target", "report-in-browser").toAbsolutePath();
        deleteRecursively(out);
        ReportWriter.write(SyntheticRun.create(), out, "completable-future");
        String page = Files.readString(out.resolve(ReportWriter.HTML));

        HeadlessChromium.Rendered r = HeadlessChromium.open(browser, out.resolve(ReportWriter.HTML), out);
        String dom = r.dom();

        assertThat(dom).as("dumped DOM (see %s)", out.resolve("dom.html")).contains("<section id=\"summary\">");
        List<String> ids = HeadlessChromium.chartIds(page);
        assertThat(ids).as("charts in the page").hasSizeGreaterThan(20);
        assertThat(r.attribute("html", "data-errors"))
                .as("errors the page counted: %s", r.attribute("html", "data-error-messages"))
                .isEqualTo("0");
        assertThat(r.attribute("body", "data-charts-expected")).isEqualTo(Integer.toString(ids.size()));
        assertThat(r.attribute("body", "data-charts-ok"))
                .as("charts the page initialised")
                .isEqualTo(Integer.toString(ids.size()));
        List<String> blank = new ArrayList<>();
        for (String id : ids) {
            String container = r.container(id);
            Matcher svg = Pattern.compile("<svg[^>]*\\swidth=\"(\\d+)").matcher(container);
            // Drawn: a sized SVG with shapes in it, and a legend naming an implementation's series.
            if (!svg.find()
                    || Integer.parseInt(svg.group(1)) == 0
                    || !container.contains("<path")
                    || SyntheticRun.IMPLEMENTATIONS.stream().noneMatch(i -> container.contains(">" + i))) {
                blank.add(id);
            }
        }
        assertThat(blank).as("charts without a drawn SVG").isEmpty();
        assertThat(r.consoleLines()).as("console output of the page").isEmpty();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
