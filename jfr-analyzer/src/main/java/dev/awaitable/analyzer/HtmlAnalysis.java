package dev.awaitable.analyzer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awaitable.page.ChartLibrary;
import dev.awaitable.page.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Analyses (and a comparison) as one self-contained HTML {@link Page}, in the comparison report's
 * look: per recording its findings, what the thresholds hid, and every section's table, with bar
 * charts of hot methods and allocation. Every string from a recording goes through
 * {@link Page#escape}; chart data is JSON built as a tree.
 */
final class HtmlAnalysis {
    private static final int TOP = 10;
    private static final String BAR = "#1c7ed6";
    private static final String APP_BAR = "#e8590c";

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final StringBuilder out = new StringBuilder(1 << 15);
    private final ArrayNode specs = json.arrayNode();
    private int section;

    private HtmlAnalysis() {}

    /** The page for {@code analyses}, with {@code comparison} (may be null) first. */
    static String render(List<Analysis> analyses, Comparison comparison) {
        return new HtmlAnalysis().document(analyses, comparison);
    }

    private String document(List<Analysis> analyses, Comparison comparison) {
        out.append("<header>\n<h1>JFR analysis</h1>\n<p class=\"run\">");
        List<String> names = analyses.stream().map(Analysis::file).toList();
        out.append(Page.escape(String.join(" · ", names))).append("</p>\n<nav><b>Contents</b>:");
        if (comparison != null) {
            out.append(" <a href=\"#comparison\">Comparison</a> ·");
        }
        for (int i = 0; i < analyses.size(); i++) {
            out.append(" <a href=\"#r")
                    .append(i)
                    .append("\">")
                    .append(Page.escape(shortName(analyses.get(i).file())))
                    .append("</a>");
        }
        out.append("</nav>\n</header>\n<main>\n");
        if (comparison != null) {
            comparison(comparison);
        }
        for (Analysis a : analyses) {
            analysis(a);
        }
        out.append("</main>\n<footer><p>Written by ./awaitable analyze. Charts: Apache ECharts ")
                .append(ChartLibrary.VERSION)
                .append(", embedded in this page; it needs no network.</p></footer>\n");
        return Page.document("JFR analysis — " + String.join(", ", names), out, specs);
    }

    /* ---------------- Comparison ---------------- */

    private void comparison(Comparison c) {
        out.append("<section id=\"comparison\">\n<h2>A against B</h2>\n<table class=\"facts\"><tbody>");
        fact("A", c.a().file() + " (" + Units.millis(c.aSeconds() * 1e3) + operations(c.aOperations()) + ")");
        fact("B", c.b().file() + " (" + Units.millis(c.bSeconds() * 1e3) + operations(c.bOperations()) + ")");
        out.append("</tbody></table>\n<p>/s: each recording's total divided by its own duration; /op: by its"
                        + " operations")
                .append(
                        c.operations() == null
                                ? " (not known for both: give --ops and --vs-ops)"
                                : ", from " + Page.escape(c.operations()))
                .append(". Better names the side with less where less is better, more for operations /s.</p>\n");
        for (String caveat : c.caveats()) {
            out.append("<p class=\"note\">Not alike: ")
                    .append(Page.escape(caveat))
                    .append(".</p>\n");
        }
        table("comparison", List.of("Metric", "A", "B", "B/A", "Better"), List.of(false, true, true, true, false));
        String section = null;
        for (Comparison.Row r : c.rows()) {
            if (!r.section().equals(section)) {
                section = r.section();
                out.append("<tr class=\"set-start\"><td colspan=\"5\"><b>")
                        .append(Page.escape(section))
                        .append("</b></td></tr>\n");
            }
            String per =
                    Comparison.PER_SECOND.equals(r.per()) ? " /s" : Comparison.PER_OP.equals(r.per()) ? " /op" : "";
            out.append("<tr><td class=\"key\">")
                    .append(Page.escape(r.metric() + per))
                    .append("</td>");
            num(SideBySide.format(r.unit(), r.a()));
            num(SideBySide.format(r.unit(), r.b()));
            num(Units.ratio(r.a(), r.b()));
            out.append("<td>").append(better(r.better())).append("</td></tr>\n");
        }
        tableEnd();
        out.append("</section>\n");
    }

    private static String better(String side) {
        if (side == null) {
            return "";
        }
        return side.equals("same") ? "same" : "<span class=\"badge pass\">" + Page.escape(side) + "</span>";
    }

    private static String operations(Long ops) {
        return ops == null ? "" : ", " + Units.count(ops) + " operations";
    }

    /* ---------------- One recording ---------------- */

    private void analysis(Analysis a) {
        out.append("<section id=\"r")
                .append(section++)
                .append("\">\n<h2>")
                .append(Page.escape(a.file()))
                .append("</h2>\n<table class=\"facts\"><tbody>");
        Analysis.RecordingInfo r = a.recording();
        fact(
                "Recording",
                Units.millis(r.durationMs()) + ", " + Units.count(r.events()) + " events, " + Units.bytes(r.sizeBytes())
                        + (r.start() == null ? "" : ", from " + r.start()));
        if (r.jvm() != null) {
            fact("JVM", TextReport.jvmName(r.jvm()));
            if (r.jvm().javaArguments() != null) {
                fact("Main", r.jvm().javaArguments());
            }
            if (r.jvm().jvmArguments() != null) {
                fact("JVM flags", r.jvm().jvmArguments());
            }
        }
        out.append("</tbody></table>\n");

        findings(a.rules());
        List<String> hidden = a.coverage().stream()
                .filter(c -> c.hidden() != null)
                .map(c -> c.eventType() + ": " + c.hidden())
                .toList();
        if (!hidden.isEmpty()) {
            out.append("<h3>Coverage</h3>\n<p class=\"note\">The recording's thresholds left events out.</p>");
            list(hidden, null);
        }
        cpu(a.cpu());
        awaits(a.awaits());
        sites(
                "Pinned virtual threads (jdk.VirtualThreadPinned)",
                a.pinning().recorded(),
                a.pinning().sites(),
                "Reason");
        sites(
                "Lock contention (jdk.JavaMonitorEnter)",
                a.contention().recorded(),
                a.contention().sites(),
                "Monitor class");
        sites("Parking (jdk.ThreadPark)", a.parking().recorded(), a.parking().sites(), "Parked on");
        sites("Sleeps (jdk.ThreadSleep)", a.sleeps().recorded(), a.sleeps().sites(), null);
        sockets(a.sockets());
        latencies(a.latencies());
        allocation(a.allocations());
        gc(a.gc());
        faults(a.faults());
        out.append("<p class=\"muted\">JMC automated analysis and Awaitable's rules: ")
                .append(Page.escape(TextReport.tally(a.rules())))
                .append(".</p>\n</section>\n");
    }

    private void findings(List<RuleResult> rules) {
        List<RuleResult> shown = rules.stream()
                .filter(r -> r.severity() == RuleResult.Severity.WARNING || r.severity() == RuleResult.Severity.INFO)
                .toList();
        out.append("<h3>Findings</h3>\n");
        if (shown.isEmpty()) {
            out.append("<p>None.</p>\n");
            return;
        }
        out.append("<ul class=\"compact\">");
        for (RuleResult r : shown) {
            out.append("<li class=\"sev-")
                    .append(r.severity() == RuleResult.Severity.WARNING ? "warning" : "info")
                    .append("\"><b>")
                    .append(Page.escape(r.severity().label() + ": " + r.name()))
                    .append("</b> <span class=\"muted\">[")
                    .append(Page.escape(r.source() + " " + r.id()))
                    .append("]</span> ")
                    .append(Page.escape(r.summary()))
                    .append("</li>");
        }
        out.append("</ul>\n");
    }

    private void cpu(Analysis.Cpu c) {
        out.append("<h3>CPU (jdk.ExecutionSample)</h3>\n");
        if (c.samples() == 0) {
            out.append("<p>")
                    .append(c.recorded() ? "No samples." : "Not recorded.")
                    .append("</p>\n");
            return;
        }
        out.append("<p>")
                .append(Units.count(c.samples()))
                .append(" samples")
                .append(c.period() == null ? "" : ", one every " + Page.escape(c.period()))
                .append(".</p>\n<div class=\"charts\">\n");
        bars(
                "Hot methods (top frame)",
                "as jfr view hot-methods",
                "samples",
                c.topMethods().stream().map(Analysis.Hot::name).toList(),
                c.topMethods().stream().map(h -> (double) h.samples()).toList(),
                BAR);
        bars(
                "Hot application frames",
                "JDK code charged to the application code that called it",
                "samples",
                c.applicationMethods().stream().map(Analysis.Hot::name).toList(),
                c.applicationMethods().stream().map(h -> (double) h.samples()).toList(),
                APP_BAR);
        out.append("</div>\n");
        table(
                "cpu",
                List.of("Thread group", "Samples", "Share", "Top application frame"),
                List.of(false, true, true, false));
        for (Analysis.Hot h : c.threadGroups()) {
            out.append("<tr><td class=\"key\">").append(Page.escape(h.name())).append("</td>");
            num(Units.count(h.samples()));
            num(Units.percent(h.percent()));
            out.append("<td>").append(Page.escape(h.topMethod())).append("</td></tr>\n");
        }
        tableEnd();
    }

    private void awaits(Analysis.Awaits a) {
        if (a.backends().isEmpty()) {
            return;
        }
        out.append("<h3>Awaits (dev.awaitable events)</h3>\n");
        table(
                "awaits",
                List.of("Backend", "Suspends", "Resumes", "Resume p50", "p99", "max"),
                List.of(false, true, true, true, true, true));
        for (Analysis.Backend b : a.backends()) {
            Analysis.Latency l = b.resumeLatency();
            out.append("<tr><td class=\"key\">").append(Page.escape(b.name())).append("</td>");
            num(Units.count(b.suspendEvents()));
            num(Units.count(b.resumeEvents()));
            num(l == null ? Units.NONE : Units.nanos(l.p50Ns()));
            num(l == null ? Units.NONE : Units.nanos(l.p99Ns()));
            num(l == null ? Units.NONE : Units.nanos(l.maxNs()));
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void sites(String title, boolean recorded, List<Analysis.Site> sites, String onHeader) {
        out.append("<h3>").append(Page.escape(title)).append("</h3>\n");
        if (sites.isEmpty()) {
            out.append("<p>")
                    .append(recorded ? "None recorded." : "Not recorded.")
                    .append("</p>\n");
            return;
        }
        List<String> headers = new ArrayList<>(List.of("Application frame"));
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        if (onHeader != null) {
            headers.add(onHeader);
            numeric.add(false);
        }
        headers.addAll(List.of("Count", "Total", "Longest"));
        numeric.addAll(List.of(true, true, true));
        table("sites", headers, numeric);
        for (Analysis.Site s : sites) {
            out.append("<tr><td class=\"key\">").append(Page.escape(s.frame())).append("</td>");
            if (onHeader != null) {
                out.append("<td>")
                        .append(Page.escape(s.on() == null ? Units.NONE : s.on()))
                        .append("</td>");
            }
            num(Units.count(s.count()));
            num(Units.millis(s.totalMs()));
            num(Units.millis(s.maxMs()));
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void sockets(Analysis.Sockets s) {
        out.append("<h3>Socket I/O (jdk.SocketRead, jdk.SocketWrite)</h3>\n");
        if (s.byHost().isEmpty()) {
            out.append("<p>")
                    .append(s.recorded() ? "None recorded." : "Not recorded.")
                    .append("</p>\n");
            return;
        }
        table(
                "sockets",
                List.of("Remote host", "Reads", "Read", "Writes", "Written", "Time"),
                List.of(false, true, true, true, true, true));
        for (Analysis.Peer p : s.byHost()) {
            out.append("<tr><td class=\"key\">").append(Page.escape(p.host())).append("</td>");
            num(Units.count(p.reads()));
            num(Units.bytes(p.bytesRead()));
            num(Units.count(p.writes()));
            num(Units.bytes(p.bytesWritten()));
            num(Units.millis(p.totalMs()));
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void latencies(List<Analysis.LatencyByType> rows) {
        out.append("<h3>Latencies by type</h3>\n");
        if (rows.isEmpty()) {
            out.append("<p>No monitor, park, sleep, socket or file events.</p>\n");
            return;
        }
        table(
                "latencies",
                List.of("Event type", "Count", "Average", "P 99", "Longest", "Total"),
                List.of(false, true, true, true, true, true));
        for (Analysis.LatencyByType l : rows) {
            out.append("<tr><td class=\"key\">").append(Page.escape(l.label())).append("</td>");
            num(Units.count(l.count()));
            num(Units.millis(l.averageMs()));
            num(Units.millis(l.p99Ms()));
            num(Units.millis(l.maxMs()));
            num(Units.millis(l.totalMs()));
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void allocation(Analysis.Allocations a) {
        out.append("<h3>Allocation</h3>\n");
        if (a.source() == null) {
            out.append("<p>No allocation events.</p>\n");
            return;
        }
        out.append("<p>")
                .append(Page.escape(a.source()))
                .append(" weight, ")
                .append(Units.bytes(a.totalBytes()))
                .append(" in total.</p>\n<div class=\"charts\">\n");
        bars(
                "Allocating classes",
                "by sampled weight",
                "bytes",
                a.topClasses().stream().map(Analysis.Share::name).toList(),
                a.topClasses().stream().map(s -> (double) s.bytes()).toList(),
                BAR);
        bars(
                "Allocation sites",
                "application frame, JDK frames charged to their caller",
                "bytes",
                a.topSites().stream().map(Analysis.Share::name).toList(),
                a.topSites().stream().map(s -> (double) s.bytes()).toList(),
                APP_BAR);
        out.append("</div>\n");
    }

    private void gc(Analysis.GcPauses g) {
        out.append("<h3>GC pauses</h3>\n<p>");
        if (!g.recorded() && g.count() == 0) {
            out.append("Not recorded.</p>\n");
            return;
        }
        out.append(Units.count(g.count()))
                .append(" collections, ")
                .append(Units.millis(g.totalPauseMs()))
                .append(" paused in total, longest ")
                .append(Units.millis(g.maxPauseMs()));
        Analysis.Durations d = g.pauses();
        if (d != null) {
            out.append("; ")
                    .append(Units.count(d.count()))
                    .append(" stop-the-world pauses, median ")
                    .append(Units.millis(d.medianMs()))
                    .append(", p99 ")
                    .append(Units.millis(d.p99Ms()));
        }
        out.append(".</p>\n");
    }

    private void faults(Analysis.Faults f) {
        if (!f.recorded()) {
            return;
        }
        out.append("<h3>Awaitable faults</h3>\n<p>")
                .append(Units.count(f.unobserved()))
                .append(" unobserved, ")
                .append(Units.count(f.deadlocks()))
                .append(" deadlock(s) detected.</p>\n");
    }

    /* ---------------- Pieces ---------------- */

    /** A horizontal bar chart, categories top down, in a figure of the chart grid. */
    private void bars(String title, String note, String unit, List<String> names, List<Double> values, String colour) {
        if (names.isEmpty()) {
            return;
        }
        int n = Math.min(TOP, names.size());
        String id =
                "chart-" + specs.size() + "-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        ObjectNode option = json.objectNode().put("animation", false);
        option.set("aria", json.objectNode().put("enabled", true));
        option.set("legend", json.objectNode().put("top", 0));
        option.set(
                "tooltip",
                json.objectNode()
                        .put("trigger", "axis")
                        .set("axisPointer", json.objectNode().put("type", "shadow")));
        option.set(
                "grid",
                json.objectNode()
                        .put("left", 8)
                        .put("right", 24)
                        .put("top", 32)
                        .put("bottom", 8)
                        .put("containLabel", true));
        ObjectNode y = json.objectNode().put("type", "category").put("inverse", true);
        ArrayNode categories = y.putArray("data");
        names.stream().limit(n).forEach(categories::add);
        y.set("axisLabel", json.objectNode().put("width", 360).put("overflow", "truncate"));
        option.set("yAxis", y);
        option.set("xAxis", json.objectNode().put("type", "value"));
        ObjectNode series = json.objectNode().put("name", unit).put("type", "bar");
        ArrayNode data = series.putArray("data");
        values.stream().limit(n).forEach(data::add);
        series.set("itemStyle", json.objectNode().put("color", colour));
        option.putArray("series").add(series);
        specs.add(json.objectNode().put("id", id).put("unit", unit).set("option", option));
        out.append("<figure><figcaption>")
                .append(Page.escape(title))
                .append(" <span class=\"muted\">")
                .append(Page.escape(note))
                .append("</span></figcaption><div class=\"chart\" id=\"")
                .append(id)
                .append("\" style=\"height: ")
                .append(Math.max(200, 80 + 28 * n))
                .append("px\"></div></figure>\n");
    }

    private void table(String kind, List<String> headers, List<Boolean> numeric) {
        out.append("<div class=\"table-wrap\"><table class=\"").append(kind).append("\">\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            out.append(numeric.get(i) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
                    .append(Page.escape(headers.get(i)))
                    .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
    }

    private void tableEnd() {
        out.append("</tbody>\n</table></div>\n");
    }

    private void num(String text) {
        out.append("<td class=\"num\">").append(Page.escape(text)).append("</td>");
    }

    private void fact(String label, String value) {
        out.append("<tr><th scope=\"row\">")
                .append(Page.escape(label))
                .append("</th><td>")
                .append(Page.escape(value))
                .append("</td></tr>\n");
    }

    private void list(List<String> items, String severity) {
        out.append("<ul class=\"compact\">");
        for (String item : items) {
            out.append(severity == null ? "<li>" : "<li class=\"sev-" + severity + "\">")
                    .append(Page.escape(item))
                    .append("</li>");
        }
        out.append("</ul>\n");
    }

    private static String shortName(String file) {
        return file.substring(file.replace('\\', '/').lastIndexOf('/') + 1);
    }
}
