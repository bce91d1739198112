package dev.awaitable.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained HTML page in the look every page of {@code ./awaitable} shares: the
 * stylesheet, an error hook, the page's own markup, the embedded chart library, the chart specs
 * as JSON and the script that renders them. Nothing is fetched: the page opens offline.
 *
 * <p>Checking itself: the first inline script counts every error (window errors, failed loads,
 * unhandled rejections, console.error) into {@code <html data-errors>}; the last renders the
 * charts and sets {@code <body data-charts-ok>} to how many rendered, beside
 * {@code data-charts-expected}. Browser tests read both from the rendered DOM.
 *
 * <p>A chart spec is {@code {"id", "unit", "option"}}: the id of its {@code <div class="chart">}
 * container, the unit its tooltips show, and the ECharts option as JSON. The render script adds
 * what JSON cannot carry (number formatters, the whisker series' render functions).
 */
public final class Page {

    /** The page's stylesheet. */
    static final String CSS = load("report.css");
    /** Records script errors on the root element. */
    static final String ERROR_HOOK = load("error-hook.js");
    /** Renders the chart specs with the embedded chart library. */
    static final String RENDER_CHARTS = load("render-charts.js");

    private static final ObjectWriter SCRIPT_JSON = new ObjectMapper().writer().with(new ScriptSafeEscapes());

    private Page() {}

    /**
     * The whole page: {@code title} (plain text), {@code body} (markup, everything inside
     * {@code <body>}), and {@code specs}, a JSON array of chart specs, one per chart container in
     * {@code body}.
     */
    public static String document(String title, CharSequence body, JsonNode specs) {
        String library = ChartLibrary.script();
        String json = scriptJson(specs);
        StringBuilder page = new StringBuilder(body.length() + library.length() + json.length() + 8192);
        page.append("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"0\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<script>")
                .append(ERROR_HOOK)
                .append("</script>\n<style>")
                .append(CSS)
                .append("</style>\n</head>\n")
                .append("<body data-charts-expected=\"")
                .append(specs.size())
                .append("\" data-charts-ok=\"0\">\n")
                .append(body)
                .append("<script>")
                .append(library)
                .append("</script>\n")
                .append("<script type=\"application/json\" id=\"chart-specs\">")
                .append(json)
                .append("</script>\n")
                .append("<script>")
                .append(RENDER_CHARTS)
                .append("</script>\n")
                .append("</body>\n</html>\n");
        return page.toString();
    }

    /** Text safe in element content and in quoted attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON with {@code <}, {@code >} and {@code &} in strings written as {@code \\u} escapes, so
     * data from a run cannot end the script element it sits in ({@code </script>}) or open a comment.
     */
    public static String scriptJson(JsonNode json) {
        try {
            return SCRIPT_JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the chart specs", e);
        }
    }

    private static String load(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("page asset missing from the class path: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read page asset " + name, e);
        }
    }

    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        ScriptSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
            ascii['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
