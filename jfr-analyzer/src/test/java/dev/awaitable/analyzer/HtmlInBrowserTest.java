package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.page.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code analyze --html} in a real browser ({@link HeadlessChromium}: offline, skipped without
 * Chromium unless a browser is required): the page for a recording with CPU samples, against one
 * with allocation, loads, draws every chart (hot methods and allocation among them), counts no
 * errors and logs nothing to the console. Kept in {@code target/analysis-in-browser/}.
 */
class HtmlInBrowserTest {

    @Test
    void pageOpensWithEveryChartDrawnAndNoErrors() throws Exception {
        Path browser = HeadlessChromium.find();
        Path out =
                Files.createDirectories(Path.of("target", "analysis-in-browser").toAbsolutePath());
        Path page = out.resolve("analysis.html");
        Files.deleteIfExists(page);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JfrAnalyzer.analyzeCommand(
                new AnalyzeOptions(List.of(Recordings.blocking()), Recordings.foreign(), null, null, false, page),
                ForeignRecordingTest.print(text),
                ForeignRecordingTest.print(err));
        assertThat(exit).as("exit; err: %s", err).isZero();
        String html = Files.readString(page);
        assertThat(html)
                .contains("Hot methods (top frame)", "Hot application frames", "Allocating classes", "A against B");

        HeadlessChromium.Rendered r = HeadlessChromium.open(browser, page, out);
        List<String> ids = HeadlessChromium.chartIds(html);
        assertThat(ids).as("charts in the page").hasSizeGreaterThanOrEqualTo(4);
        assertThat(r.attribute("html", "data-errors"))
                .as("errors the page counted: %s", r.attribute("html", "data-error-messages"))
                .isEqualTo("0");
        assertThat(r.attribute("body", "data-charts-expected")).isEqualTo(Integer.toString(ids.size()));
        assertThat(r.attribute("body", "data-charts-ok")).isEqualTo(Integer.toString(ids.size()));
        List<String> blank = new ArrayList<>();
        for (String id : ids) {
            String container = r.container(id);
            Matcher svg = Pattern.compile("<svg[^>]*\\swidth=\"(\\d+)").matcher(container);
            if (!svg.find() || Integer.parseInt(svg.group(1)) == 0 || !container.contains("<path")) {
                blank.add(id);
            }
        }
        assertThat(blank).as("charts without a drawn SVG").isEmpty();
        assertThat(r.consoleLines()).as("console output of the page").isEmpty();
    }
}
