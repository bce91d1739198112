package dev.awaitable.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.awaitable.cli.report.Charts.Chart;
import dev.awaitable.cli.report.ReportModel.Fact;
import dev.awaitable.cli.report.WorkloadTable.Row;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.page.ChartLibrary;
import dev.awaitable.page.Page;
import dev.awaitable.scenarios.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: the report as one self-contained {@link Page} that opens offline. The
 * stylesheet, the chart library ({@link ChartLibrary}) and the chart data are inline; the only
 * links are to the run's own files (JFR recordings), relative to the page.
 *
 * <p>Page, top to bottom: title and run line; contents; environment and the command to
 * reproduce; summary table and headline charts; scenario table; per workload its description,
 * claim and parameters, the table with the ratio column, the legend, the charts, and the JFR
 * highlights of each recorded cell.
 *
 * <p>The page counts its own script errors and rendered charts for the browser test (see
 * {@link Page}).
 */
final class HtmlReport {

    private final ReportModel model;
    private final Charts charts;
    private final List<Chart> rendered = new ArrayList<>();
    private final StringBuilder out = new StringBuilder(1 << 16);

    private HtmlReport(ReportModel model) {
        this.model = model;
        this.charts = new Charts(model.implementations());
    }

    static String render(ReportModel model) {
        return new HtmlReport(model).document();
    }

    private String document() {
        header();
        out.append("<main>\n");
        environment();
        summary();
        scenarios();
        http();
        workloads();
        out.append("</main>\n");
        out.append("<footer><p>Written by ./awaitable (Awaitable's command-line tool). Charts: Apache ECharts ")
                .append(ChartLibrary.VERSION)
                .append(", embedded in this page; it needs no network.</p></footer>\n");
        return Page.document("Awaitable comparison report" + (date().isEmpty() ? "" : " — " + date()), out, specs());
    }

    /* ---------------- Sections ---------------- */

    private void header() {
        out.append("<header>\n<h1>Awaitable: the backends and their peers, measured</h1>\n<p class=\"run\">");
        if (!date().isEmpty()) {
            out.append(Html.escape(date())).append(" · ");
        }
        out.append(model.cellCount())
                .append(" cells in ")
                .append(model.measuredWorkloadCount())
                .append(" workloads · ");
        if (!model.http().isEmpty()) {
            out.append(model.http().rows().size()).append(" HTTP service cells · ");
        }
        long failed = model.failedCount() + model.http().failedCount();
        out.append(failed == 0 ? "no failed cells" : "<span class=\"fail\">" + failed + " failed</span>");
        out.append(" · ").append(model.unstableCount()).append(" unstable");
        out.append(" · ratios against <b>")
                .append(Html.escape(model.baseline()))
                .append("</b></p>\n");
        out.append(
                        "<nav><b>Contents</b>: <a href=\"#environment\">Environment</a> · <a href=\"#summary\">Summary</a> · ")
                .append("<a href=\"#scenarios\">Scenarios</a> · ")
                .append(model.http().isEmpty() ? "" : "<a href=\"#http-service\">HTTP service</a> · ")
                .append("Workloads:");
        for (WorkloadTable t : model.workloads()) {
            out.append(" <a href=\"#")
                    .append(workloadAnchor(t))
                    .append("\">")
                    .append(Html.escape(t.id()))
                    .append("</a>");
        }
        out.append("</nav>\n</header>\n");
    }

    private void environment() {
        out.append("<section id=\"environment\">\n<h2>Environment</h2>\n<table class=\"facts\"><tbody>\n");
        for (Fact f : model.facts()) {
            out.append("<tr><th scope=\"row\">")
                    .append(Html.escape(f.label()))
                    .append("</th><td>")
                    .append(f.code() ? "<code>" + Html.escape(f.value()) + "</code>" : Html.escape(f.value()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<h3>Reproduce</h3>\n<pre class=\"command\"><code>");
        String command = model.environment().command();
        out.append(command == null || command.isBlank() ? "# the command was not recorded" : Html.escape(command));
        out.append("</code></pre>\n</section>\n");
    }

    private void summary() {
        Summary s = model.summary();
        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
        if (s.rows().isEmpty()) {
            out.append("<p>No cells were measured.</p>\n</section>\n");
            return;
        }
        List<String> headers = s.headers();
        tableStart("summary");
        out.append("<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            th(headers.get(i), s.legendOf(i), s.numeric(i));
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Summary.Row r : s.rows()) {
            List<String> texts = s.texts(r);
            out.append("<tr>");
            for (int i = 0; i < texts.size(); i++) {
                out.append(s.numeric(i) ? "<td class=\"num\">" : i == 0 ? "<td class=\"key\">" : "<td>");
                if (i == 0) {
                    out.append("<a href=\"#")
                            .append(workloadAnchor(r.table()))
                            .append("\">")
                            .append(Html.escape(texts.get(i)))
                            .append("</a>");
                } else {
                    out.append(Html.escape(texts.get(i)));
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n");
        tableEnd();
        out.append("<p>").append(Html.escape(s.leftOutText())).append("</p>\n");
        legend(s.legend());
        chartGrid(charts.summary(model));
        out.append("</section>\n");
    }

    private void scenarios() {
        ScenarioMatrix m = model.scenarios();
        out.append("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
        if (m.isEmpty()) {
            out.append("<p>No scenarios were run.</p>\n</section>\n");
            return;
        }
        out.append("<p>")
                .append(m.passed())
                .append(" of ")
                .append(m.total())
                .append(" scenario runs showed the outcome the claim predicts.</p>\n");
        tableStart("scenarios");
        out.append("<thead><tr>");
        th("Scenario", "a claim of the seed articles, run as an experiment", false);
        th("Expected", "what the claim predicts", false);
        for (String b : m.backends()) {
            th(b, "pass when the expected outcome was observed on " + b + ", and what was observed", false);
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (ScenarioMatrix.Row r : m.rows()) {
            out.append("<tr><td><b>")
                    .append(Html.escape(r.id()))
                    .append("</b><br>")
                    .append(Html.escape(r.title()))
                    .append("</td><td>")
                    .append(Html.escape(r.expected()))
                    .append("</td>");
            for (String b : m.backends()) {
                ScenarioResult sr = r.byBackend().get(b);
                if (sr == null) {
                    out.append("<td>").append(Formats.MISSING).append("</td>");
                } else {
                    out.append("<td>")
                            .append(
                                    sr.passed()
                                            ? "<span class=\"badge pass\">✔ pass</span> "
                                            : "<span class=\"badge fail\">✘ fail</span> ")
                            .append(Html.escape(sr.observed()))
                            .append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n");
        tableEnd();
        legend(
                List.of(
                        "Scenario: id and the claim it tests",
                        "Expected: what the claim predicts",
                        "Each backend: ✔ pass when the expected outcome was observed, ✘ fail otherwise; then what was observed"));
        out.append("</section>\n");
    }

    private void http() {
        HttpTable t = model.http();
        if (t.isEmpty()) {
            return;
        }
        RunResults.WorkloadInfo info = model.httpService();
        out.append("<section id=\"http-service\">\n<h2>HTTP service under load</h2>\n<p>")
                .append(Html.escape(model.httpPreamble()))
                .append("</p>\n");
        if (info.claim() != null) {
            out.append("<p class=\"claim\"><b>Claim:</b> ")
                    .append(Html.escape(info.claim()))
                    .append("</p>\n");
        }
        out.append("<p class=\"params\"><b>Parameters:</b></p><ul class=\"params\">");
        info.params().forEach(p -> out.append("<li>").append(Html.escape(p)).append("</li>"));
        out.append("</ul>\n<h3>Findings</h3>");
        list(false, t.findings());
        tableStart("cells http");
        out.append("<thead><tr>");
        for (HttpTable.Col c : HttpTable.COLUMNS) {
            th(c.header(), c.legend(), c.numeric());
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (HttpCellResult r : t.rows()) {
            out.append(r.ok() ? "<tr>" : "<tr class=\"failed\">");
            for (HttpTable.Col c : HttpTable.COLUMNS) {
                out.append(c.numeric() ? "<td class=\"num\">" : "<td>")
                        .append(Html.escape(c.text().apply(r)))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n");
        tableEnd();
        legend(HttpTable.COLUMNS.stream()
                .map(c -> c.header() + ": " + c.legend())
                .toList());
        List<HttpTable.Agreement> agreements = t.agreements();
        if (!agreements.isEmpty()) {
            out.append("<h3>Do the generators agree?</h3>\n<p>Tolerance: ")
                    .append(Html.escape(HttpTable.tolerance()))
                    .append(".</p>\n");
            tableStart("agreement");
            out.append("<thead><tr>");
            th("Implementation", "the service's implementation", false);
            th("Connections", "concurrent connections", true);
            th("Delay", "downstream delay, ms", true);
            th(
                    "Agreement",
                    "the Java generator against wrk, for the same server process: java-burst (measuring as wrk does) where it ran, else java",
                    false);
            out.append("</tr></thead>\n<tbody>\n");
            for (HttpTable.Agreement a : agreements) {
                out.append("<tr><td>")
                        .append(Html.escape(a.implementation()))
                        .append("</td><td class=\"num\">")
                        .append(Formats.integer(a.connections()))
                        .append("</td><td class=\"num\">")
                        .append(a.delayMs())
                        .append(" ms</td><td>")
                        .append(
                                a.agree()
                                        ? "<span class=\"badge pass\">✔</span> "
                                        : "<span class=\"badge fail\">✘</span> ")
                        .append(Html.escape(HttpTable.agreementText(a)))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n");
            tableEnd();
        }
        chartGrid(charts.http(t));
        out.append("</section>\n");
    }

    private void workloads() {
        out.append("<section id=\"workloads\">\n<h2>Workloads</h2>\n");
        for (WorkloadTable t : model.workloads()) {
            workload(t);
        }
        out.append("</section>\n");
    }

    private void workload(WorkloadTable t) {
        out.append("<section class=\"workload\" id=\"")
                .append(workloadAnchor(t))
                .append("\">\n<h3>")
                .append(Html.escape(t.id()));
        if (t.info().shape() != null) {
            out.append(" <span class=\"tag\">")
                    .append(Html.escape(t.info().shape().toLowerCase(Locale.ROOT)))
                    .append("</span>");
        }
        out.append("</h3>\n");
        if (t.info().description() != null) {
            out.append("<p>").append(Html.escape(t.info().description())).append("</p>\n");
        }
        if (t.info().claim() != null) {
            out.append("<p class=\"claim\"><b>Claim:</b> ")
                    .append(Html.escape(t.info().claim()))
                    .append("</p>\n");
        }
        t.info()
                .notImplemented()
                .forEach((impl, why) -> out.append("<p class=\"claim\"><b>Not run by ")
                        .append(Html.escape(impl))
                        .append(":</b> ")
                        .append(Html.escape(why))
                        .append("</p>\n"));
        if (t.info().params() != null && !t.info().params().isEmpty()) {
            out.append("<p class=\"params\"><b>Parameters:</b></p><ul class=\"params\">");
            t.info()
                    .params()
                    .forEach(p -> out.append("<li>").append(Html.escape(p)).append("</li>"));
            out.append("</ul>\n");
        }
        if (t.rows().isEmpty()) {
            out.append("<p class=\"muted\">Not measured in this run.</p>\n</section>\n");
            return;
        }
        if (!t.hasBaseline()) {
            out.append("<p class=\"note\">")
                    .append(Html.escape(t.baseline()))
                    .append(" was not measured for this workload: the Ratio column is empty.</p>\n");
        }
        cellTable(t);
        List<String> legend = t.columns().stream()
                .map(c -> c.header() + ": " + c.legend(t.baseline()))
                .toList();
        legend(legend);
        chartGrid(charts.workload(t));
        jfr(t);
        out.append("</section>\n");
    }

    private void cellTable(WorkloadTable t) {
        tableStart("cells");
        out.append("<thead><tr>");
        for (Column c : t.columns()) {
            th(c.header(), c.legend(t.baseline()), c.numeric());
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Row r : t.rows()) {
            List<String> classes = new ArrayList<>();
            if (r.firstOfSet()) {
                classes.add("set-start");
            }
            if (r.baseline()) {
                classes.add("baseline");
            }
            if (!r.cell().ok()) {
                classes.add("failed");
            } else if (r.cell().unstable()) {
                classes.add("unstable");
            }
            out.append("<tr")
                    .append(classes.isEmpty() ? "" : " class=\"" + String.join(" ", classes) + "\"")
                    .append(">");
            for (Column c : t.columns()) {
                out.append(c.numeric() ? "<td class=\"num\"" : c == Column.STATUS ? "<td" : "<td class=\"key\"");
                if (c == Column.MEMORY_PER_TASK && r.cell().memoryTasks() != null) {
                    out.append(" title=\"measured with ")
                            .append(Formats.integer(r.cell().memoryTasks()))
                            .append(" suspended tasks\"");
                }
                out.append(">");
                String text = Html.escape(c.text(r));
                if (c == Column.IMPLEMENTATION) {
                    out.append("<span class=\"swatch\" style=\"background:")
                            .append(charts.colour(r.cell().implementation()))
                            .append("\"></span>")
                            .append(text);
                    if (!r.cell().ok()) {
                        out.append(" <span class=\"badge fail\">failed</span>");
                    }
                } else if (c == Column.STATUS && !r.cell().ok()) {
                    out.append("<span class=\"fail\">").append(text).append("</span>");
                } else {
                    out.append(text);
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n");
        tableEnd();
    }

    private void jfr(WorkloadTable t) {
        List<CellResult> recorded = t.recorded();
        if (recorded.isEmpty()) {
            return;
        }
        out.append("<h4>JFR highlights</h4>\n");
        tableStart("jfr");
        out.append("<thead><tr>");
        List<String> headers = JfrTable.headers();
        for (int i = 0; i < headers.size(); i++) {
            th(headers.get(i), JfrTable.legend().get(i), JfrTable.numeric(i));
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (CellResult c : recorded) {
            out.append(c.ok() ? "<tr>" : "<tr class=\"failed\">");
            List<List<String>> values = JfrTable.values(c);
            for (int i = 0; i < values.size(); i++) {
                List<String> v = values.get(i);
                out.append(
                        JfrTable.numeric(i)
                                ? "<td class=\"num\">"
                                : i <= JfrTable.RECORDING ? "<td class=\"key\">" : "<td>");
                if (i == JfrTable.RECORDING) {
                    // The file name is enough to tell recordings apart in a row that names its cell; the path is the
                    // link and tooltip.
                    String path = v.get(0);
                    String href = Html.fileHref(path);
                    String name = path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
                    out.append(
                            href == null
                                    ? Html.escape(path)
                                    : "<a href=\"" + Html.escape(href) + "\" title=\"" + Html.escape(path) + "\">"
                                            + Html.escape(name) + "</a>");
                } else if (v.size() == 1 && i != headers.size() - 1) {
                    out.append(Html.escape(v.get(0)));
                } else {
                    list(i == headers.size() - 1, v);
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n");
        tableEnd();
        legend(JfrTable.legend());
    }

    /* ---------------- Pieces ---------------- */

    private void list(boolean findings, List<String> items) {
        if (items.size() == 1 && Formats.MISSING.equals(items.get(0))) {
            out.append(Formats.MISSING);
            return;
        }
        out.append("<ul class=\"compact\">");
        for (String item : items) {
            String severity = findings ? JfrTable.severity(item) : null;
            out.append(severity == null ? "<li>" : "<li class=\"sev-" + severity + "\">")
                    .append(Html.escape(item))
                    .append("</li>");
        }
        out.append("</ul>");
    }

    private void chartGrid(List<Chart> list) {
        if (list.isEmpty()) {
            return;
        }
        out.append("<div class=\"charts\">\n");
        for (Chart c : list) {
            rendered.add(c);
            out.append("<figure><figcaption>")
                    .append(Html.escape(c.title()))
                    .append(" <span class=\"muted\">")
                    .append(Html.escape(c.note()))
                    .append("</span></figcaption>")
                    .append("<div class=\"chart\" id=\"")
                    .append(Html.escape(c.id()))
                    .append(c.height() > 0 ? "\" style=\"height: " + c.height() + "px" : "")
                    .append("\"></div></figure>\n");
        }
        out.append("</div>\n");
    }

    private void tableStart(String kind) {
        out.append("<div class=\"table-wrap\"><table class=\"").append(kind).append("\">\n");
    }

    private void tableEnd() {
        out.append("</table></div>\n");
    }

    private void th(String header, String legend, boolean numeric) {
        out.append(numeric ? "<th scope=\"col\" class=\"num\"" : "<th scope=\"col\"")
                .append(" title=\"")
                .append(Html.escape(legend))
                .append("\">")
                .append(Html.escape(header))
                .append("</th>");
    }

    private void legend(List<String> lines) {
        out.append("<details class=\"legend\" open><summary>Legend</summary><dl>");
        for (String l : lines) {
            int colon = l.indexOf(": ");
            String term = colon > 0 ? l.substring(0, colon) : "";
            String text = colon > 0 ? l.substring(colon + 2) : l;
            out.append("<dt>")
                    .append(Html.escape(term))
                    .append("</dt><dd>")
                    .append(Html.escape(text))
                    .append("</dd>");
        }
        out.append("</dl></details>\n");
    }

    private ArrayNode specs() {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        rendered.forEach(c -> all.add(c.spec()));
        return all;
    }

    private String date() {
        String d = model.environment().date();
        return d == null ? "" : d;
    }

    private static String workloadAnchor(WorkloadTable t) {
        return "w-" + Html.id(t.id());
    }
}
