package dev.awaitable.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache ECharts, read from the webjar on the class path so a page embeds it and opens offline:
 * no CDN, no network. Loaded once, on first use.
 */
public final class ChartLibrary {

    /** The ECharts version embedded, as the page's footer names it. */
    public static final String VERSION = "5.3.1";

    static final String RESOURCE = "META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";

    private ChartLibrary() {}

    /** The minified library, safe to place between {@code <script>} and {@code </script>}. */
    public static String script() {
        return Holder.SCRIPT;
    }

    private static final class Holder {
        static final String SCRIPT = load();
    }

    private static String load() {
        ClassLoader loader = ChartLibrary.class.getClassLoader();
        try (InputStream in = loader == null
                ? ClassLoader.getSystemResourceAsStream(RESOURCE)
                : loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the chart library is not on the class path: " + RESOURCE
                        + " (dependency org.webjars.npm:echarts:" + VERSION + ")");
            }
            String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // An HTML parser ends a script at the first "</script"; the library has none today, but a
            // later version must not be able to cut the page short.
            return Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE)
                    .matcher(js)
                    .replaceAll(Matcher.quoteReplacement("<\\/") + "$1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chart library " + RESOURCE, e);
        }
    }
}
