package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * index.html in a real browser: headless Chromium opens the page from disk with every host name
 * unresolvable (so anything fetched from the network fails and is reported), runs its scripts,
 * and dumps the DOM it ended with. The page must have loaded, rendered every chart (its container
 * holds an SVG with drawn paths), counted no errors, and logged nothing to the console.
 *
 * <p>Chromium is the Debian package {@code chromium}; {@code -Dawaitable.chromium=PATH} names
 * another binary. Without one the test aborts with a message saying so (reported as skipped);
 * with {@code -Dawaitable.browser.required=true} or {@code AWAITABLE_BROWSER_REQUIRED=true} in
 * the environment (CI) it fails instead. The page, the dumped DOM and the browser's log are kept
 * in {@code target/report-in-browser/} to look at.
 */
class ReportInBrowserTest {

    private static final List<String> CANDIDATES = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void everyChartRendersWithoutErrors() throws Exception {
        Path browser = findBrowser();
        Path out = Path.of("target", "report-in-browser").toAbsolutePath();
        deleteRecursively(out);
        ReportWriter.write(SyntheticRun.create(), out, "completable-future");
        String page = Files.readString(out.resolve(ReportWriter.HTML));

        String dom = dumpDom(browser, out);
        String log = Files.readString(out.resolve("chromium.log"));

        assertThat(dom).as("dumped DOM (see %s)", out.resolve("dom.html")).contains("<section id=\"summary\">");
        List<String> ids = chartIds(page);
        assertThat(ids).as("charts in the page").hasSizeGreaterThan(20);
        assertThat(attribute(dom, "html", "data-errors"))
                .as("errors the page counted: %s", attribute(dom, "html", "data-error-messages"))
                .isEqualTo("0");
        assertThat(attribute(dom, "body", "data-charts-expected")).isEqualTo(Integer.toString(ids.size()));
        assertThat(attribute(dom, "body", "data-charts-ok"))
                .as("charts the page initialised")
                .isEqualTo(Integer.toString(ids.size()));
        List<String> blank = new ArrayList<>();
        for (String id : ids) {
            String container = container(dom, id);
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
        assertThat(consoleLines(log)).as("console output of the page").isEmpty();
    }

    /* ---------------- Driving the browser ---------------- */

    private static String dumpDom(Path browser, Path out) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(out.resolve("chromium-profile"));
        Path dom = out.resolve("dom.html");
        Path log = out.resolve("chromium.log");
        List<String> command = List.of(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                // Offline: no host name resolves, so a page that fetched anything would see it fail.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1280,900",
                "--virtual-time-budget=10000",
                "--dump-dom",
                out.resolve(ReportWriter.HTML).toUri().toString());
        Process p = new ProcessBuilder(command)
                .redirectOutput(dom.toFile())
                .redirectError(log.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
        }
        assertThat(p.exitValue()).as("Chromium exit status (log: %s)", log).isZero();
        return Files.readString(dom);
    }

    private static Path findBrowser() {
        String configured = System.getProperty("awaitable.chromium");
        List<String> candidates = configured != null && !configured.isBlank() ? List.of(configured) : CANDIDATES;
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = "no headless Chromium found at " + String.join(", ", candidates)
                + "; install the Debian package chromium (apt-get install -y chromium) or name one with -Dawaitable.chromium=PATH";
        if (Boolean.getBoolean("awaitable.browser.required")
                || "true".equals(System.getenv("AWAITABLE_BROWSER_REQUIRED"))) {
            fail(message);
        }
        System.err.println("ReportInBrowserTest: SKIPPED: " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /* ---------------- Reading the DOM ---------------- */

    private static List<String> chartIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"chart\" id=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The markup from a chart container's opening tag to the end of its figure. */
    private static String container(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertThat(start).as("chart container %s in the DOM", id).isNotNegative();
        int end = dom.indexOf("</figure>", start);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    private static String attribute(String dom, String element, String name) {
        Matcher tag = Pattern.compile("<" + element + "\\b[^>]*>").matcher(dom);
        assertThat(tag.find()).as("<%s> in the DOM", element).isTrue();
        Matcher attr =
                Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag.group());
        return attr.find() ? attr.group(1) : null;
    }

    /** Lines the page wrote to the console; Chromium logs them as {@code INFO:CONSOLE(line)] "text", source: ...}. */
    private static List<String> consoleLines(String log) {
        return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
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
