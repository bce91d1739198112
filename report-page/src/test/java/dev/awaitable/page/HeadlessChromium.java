package dev.awaitable.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@link Page} in a real browser, for the tests of every module that writes one: headless
 * Chromium opens the page from disk with every host name unresolvable (so anything fetched from
 * the network fails and is reported), runs its scripts, and dumps the DOM it ended with.
 *
 * <p>Chromium is the Debian package {@code chromium}; {@code -Dawaitable.chromium=PATH} names
 * another binary. Without one, {@link #find} aborts the test with a message saying so (reported as
 * skipped); with {@code -Dawaitable.browser.required=true} or {@code AWAITABLE_BROWSER_REQUIRED=true}
 * in the environment (CI) it fails instead.
 */
public final class HeadlessChromium {

    private static final List<String> CANDIDATES = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 120;

    /** What the browser ended with: the DOM after the scripts ran, and its log. */
    public record Rendered(String dom, String log) {
        /** Lines the page wrote to the console; Chromium logs them as {@code INFO:CONSOLE(line)] "text", source: ...}. */
        public List<String> consoleLines() {
            return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }

        /** An attribute of the first {@code element} in the DOM, or null. */
        public String attribute(String element, String name) {
            Matcher tag = Pattern.compile("<" + element + "\\b[^>]*>").matcher(dom);
            assertThat(tag.find()).as("<%s> in the DOM", element).isTrue();
            Matcher attr = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"")
                    .matcher(tag.group());
            return attr.find() ? attr.group(1) : null;
        }

        /** The markup from a chart container's opening tag to the end of its figure. */
        public String container(String id) {
            int start = dom.indexOf("id=\"" + id + "\"");
            assertThat(start).as("chart container %s in the DOM", id).isNotNegative();
            int end = dom.indexOf("</figure>", start);
            return dom.substring(start, end < 0 ? dom.length() : end);
        }
    }

    private HeadlessChromium() {}

    /** The browser to use; aborts (or fails, where a browser is required) without one. */
    public static Path find() {
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
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Opens {@code page} offline and returns its DOM; {@code dom.html} and {@code chromium.log} stay in {@code work}. */
    public static Rendered open(Path browser, Path page, Path work) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(work.resolve("chromium-profile"));
        Path dom = work.resolve("dom.html");
        Path log = work.resolve("chromium.log");
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
                page.toUri().toString());
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
        return new Rendered(Files.readString(dom), Files.readString(log));
    }

    /** The ids of the chart containers in a page's markup. */
    public static List<String> chartIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"chart\" id=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
