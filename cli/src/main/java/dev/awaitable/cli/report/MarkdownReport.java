package dev.awaitable.cli.report;

import dev.awaitable.cli.report.ReportModel.Fact;
import dev.awaitable.cli.report.WorkloadTable.Row;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.scenarios.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * {@code report.md}: the report as GitHub-flavoured markdown, for a pull request, a README or a
 * terminal. Same model and numbers as the HTML page, without charts.
 */
final class MarkdownReport {

    private final ReportModel model;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(ReportModel model) {
        this.model = model;
    }

    static String render(ReportModel model) {
        return new MarkdownReport(model).document();
    }

    private String document() {
        line("# Awaitable comparison report");
        line();
        line(model.implementationsSentence() + " " + model.cellCount() + " cells in "
                + model.measuredWorkloadCount() + " workloads, " + model.failedCount() + " failed, "
                + model.unstableCount() + " unstable; ratios against **"
                + cell(model.baseline()) + "**.");
        line();
        environment();
        summary();
        scenarios();
        http();
        line("## Workloads");
        line();
        for (WorkloadTable t : model.workloads()) {
            workload(t);
        }
        return out.toString();
    }

    private void environment() {
        line("## Environment");
        line();
        line("| | |");
        line("|---|---|");
        for (Fact f : model.facts()) {
            line("| " + f.label() + " | "
                    + (f.code() && !f.value().contains("`") ? "`" + f.value() + "`" : cell(f.value())) + " |");
        }
        line();
        line("Reproduce:");
        line();
        String command = model.environment().command();
        String fence = command != null && command.contains("```") ? "~~~~" : "```";
        line(fence + "sh");
        line(command == null || command.isBlank() ? "# the command was not recorded" : command);
        line(fence);
        line();
    }

    private void summary() {
        Summary s = model.summary();
        line("## Summary");
        line();
        if (s.rows().isEmpty()) {
            line("No cells were measured.");
            line();
            return;
        }
        List<String> headers = s.headers();
        header(headers, i -> s.numeric(i));
        for (Summary.Row r : s.rows()) {
            row(s.texts(r));
        }
        line();
        line(cell(s.leftOutText()));
        line();
        for (String l : s.legend()) {
            line("- " + cell(l));
        }
        line();
    }

    private void scenarios() {
        ScenarioMatrix m = model.scenarios();
        line("## Scenarios");
        line();
        if (m.isEmpty()) {
            line("No scenarios were run.");
            line();
            return;
        }
        line(m.passed() + " of " + m.total() + " scenario runs showed the expected outcome.");
        line();
        List<String> headers = new ArrayList<>(List.of("Scenario", "Expected"));
        m.backends().forEach(b -> headers.add(b + ": result, observed"));
        header(headers, i -> false);
        for (ScenarioMatrix.Row r : m.rows()) {
            List<String> texts = new ArrayList<>();
            texts.add("**" + cell(r.id()) + "** " + cell(r.title()));
            texts.add(cell(r.expected()));
            for (String b : m.backends()) {
                ScenarioResult sr = r.byBackend().get(b);
                texts.add(
                        sr == null
                                ? Formats.MISSING
                                : (sr.passed() ? "✅ pass" : "❌ **FAIL**") + ": " + cell(sr.observed()));
            }
            rawRow(texts);
        }
        line();
        line("- Scenario: a claim of the seed articles, run as an experiment");
        line("- Expected: what the claim predicts");
        line("- each backend: pass when the expected outcome was observed on that backend, and what was observed");
        line();
    }

    private void workload(WorkloadTable t) {
        line("### " + cell(t.id()));
        line();
        if (t.info().description() != null) {
            line(cell(t.info().description())
                    + (t.info().shape() == null
                            ? ""
                            : " (" + cell(t.info().shape().toLowerCase(Locale.ROOT)) + ")"));
            line();
        }
        if (t.info().claim() != null) {
            line("*Claim:* " + cell(t.info().claim()));
            line();
        }
        if (!t.info().notImplemented().isEmpty()) {
            t.info().notImplemented().forEach((impl, why) -> line("*Not run by " + cell(impl) + ":* " + cell(why)));
            line();
        }
        if (t.info().params() != null && !t.info().params().isEmpty()) {
            line("Parameters:");
            line();
            t.info().params().forEach(p -> line("- " + cell(p)));
            line();
        }
        if (t.rows().isEmpty()) {
            line("Not measured in this run.");
            line();
            return;
        }
        if (!t.hasBaseline()) {
            line("> " + cell(t.baseline()) + " was not measured for this workload: the Ratio column is empty.");
            line();
        }
        List<Column> columns = t.columns();
        header(
                columns.stream().map(Column::header).toList(),
                i -> columns.get(i).numeric());
        for (Row r : t.rows()) {
            List<String> texts = new ArrayList<>();
            for (Column c : columns) {
                String text = cell(c.text(r));
                if (c == Column.IMPLEMENTATION && !r.cell().ok()) {
                    text = "⚠ " + text;
                } else if (c == Column.STATUS && !r.cell().ok()) {
                    text = "**" + text + "**";
                }
                texts.add(text);
            }
            rawRow(texts);
        }
        line();
        line("Legend:");
        line();
        for (Column c : columns) {
            line("- **" + cell(c.header()) + "**: " + cell(c.legend(t.baseline())));
        }
        line();
        List<CellResult> recorded = t.recorded();
        if (!recorded.isEmpty()) {
            line("JFR highlights:");
            line();
            header(JfrTable.headers(), JfrTable::numeric);
            for (CellResult c : recorded) {
                List<List<String>> values = JfrTable.values(c);
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    List<String> v = values.get(i);
                    if (i == JfrTable.RECORDING && Html.fileHref(v.get(0)) != null) {
                        texts.add("[" + cell(v.get(0)) + "](" + Html.fileHref(v.get(0)) + ")");
                    } else {
                        texts.add(String.join(
                                "<br>", v.stream().map(MarkdownReport::cell).toList()));
                    }
                }
                rawRow(texts);
            }
            line();
            for (String l : JfrTable.legend()) {
                line("- " + cell(l));
            }
            line();
        }
    }

    /* ---------------- Table mechanics ---------------- */

    private void http() {
        HttpTable t = model.http();
        if (t.isEmpty()) {
            return;
        }
        RunResults.WorkloadInfo info = model.httpService();
        line("## HTTP service under load");
        line();
        line(model.httpPreamble());
        line();
        if (info.claim() != null) {
            line("**Claim:** " + info.claim());
            line();
        }
        for (String f : t.findings()) {
            line("- " + f);
        }
        line();
        header(
                HttpTable.COLUMNS.stream().map(HttpTable.Col::header).toList(),
                i -> HttpTable.COLUMNS.get(i).numeric());
        for (HttpCellResult r : t.rows()) {
            row(HttpTable.COLUMNS.stream().map(c -> c.text().apply(r)).toList());
        }
        line();
        for (HttpTable.Col c : HttpTable.COLUMNS) {
            line("- " + c.header() + ": " + c.legend());
        }
        line();
        List<HttpTable.Agreement> agreements = t.agreements();
        if (!agreements.isEmpty()) {
            line("Generators' agreement (" + HttpTable.tolerance() + "):");
            line();
            header(List.of("Implementation", "Connections", "Delay", "Agreement"), i -> i == 1 || i == 2);
            for (HttpTable.Agreement a : agreements) {
                row(List.of(
                        a.implementation(),
                        Formats.integer(a.connections()),
                        a.delayMs() + " ms",
                        HttpTable.agreementText(a)));
            }
            line();
        }
    }

    private void header(List<String> headers, IntPredicate numeric) {
        rawRow(headers.stream().map(MarkdownReport::cell).toList());
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            rule.add(numeric.test(i) ? "---:" : "---");
        }
        line("|" + String.join("|", rule) + "|");
    }

    private void row(List<String> texts) {
        rawRow(texts.stream().map(MarkdownReport::cell).toList());
    }

    private void rawRow(List<String> cells) {
        line("| " + String.join(" | ", cells) + " |");
    }

    /**
     * Text safe in a markdown table cell: pipes escaped, line breaks flattened, and '<' written as
     * an entity so a generic type such as Awaitable&lt;T&gt; is not taken for an HTML tag.
     */
    static String cell(String s) {
        if (s == null) {
            return Formats.MISSING;
        }
        return s.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("<", "&lt;")
                .replace("\r", "")
                .replace("\n", " ");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
