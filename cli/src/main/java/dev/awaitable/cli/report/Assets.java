package dev.awaitable.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The report page's own stylesheet and scripts, inlined into index.html from this package's resources. */
final class Assets {

    /** The page's stylesheet. */
    static final String CSS = load("report.css");
    /** Records script errors on the root element (the browser test reads them). */
    static final String ERROR_HOOK = load("error-hook.js");
    /** Renders the chart specs with the embedded chart library. */
    static final String RENDER_CHARTS = load("render-charts.js");

    private Assets() {}

    private static String load(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report asset missing from the class path: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report asset " + name, e);
        }
    }
}
