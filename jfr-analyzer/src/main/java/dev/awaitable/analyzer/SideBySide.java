package dev.awaitable.analyzer;

import java.util.List;
import java.util.Locale;

/**
 * A {@link Comparison} for the terminal: a header naming A and B, one table of every metric with
 * a B/A column, then each side's top allocating classes and findings.
 */
final class SideBySide {
    private static final int TOP = 5;

    private SideBySide() {}

    static String render(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("== ")
                .append(c.a().file())
                .append("  vs  ")
                .append(c.b().file())
                .append(" ==\n");
        sb.append("A = ").append(c.a().file()).append('\n');
        sb.append("B = ").append(c.b().file()).append('\n').append('\n');

        TextTable t = new TextTable("metric", "A", "B", "B/A");
        String section = null;
        for (Comparison.Row r : c.rows()) {
            if (!r.section().equals(section)) {
                section = r.section();
                t.row(section + ":", "", "", "");
            }
            t.row("  " + r.metric(), format(r.unit(), r.a()), format(r.unit(), r.b()), Units.ratio(r.a(), r.b()));
        }
        sb.append(t.render(""));

        sb.append("\nTop allocating classes\n");
        TextTable alloc = new TextTable("A", "B").leftAligned(1);
        List<Analysis.Share> ca = c.a().allocations().topClasses();
        List<Analysis.Share> cb = c.b().allocations().topClasses();
        for (int i = 0; i < Math.min(TOP, Math.max(ca.size(), cb.size())); i++) {
            alloc.row(i < ca.size() ? share(ca.get(i)) : "", i < cb.size() ? share(cb.get(i)) : "");
        }
        sb.append(alloc.isEmpty() ? "  (no allocation events in either)\n" : alloc.render("  "));

        findings(sb, "A", c.a());
        findings(sb, "B", c.b());
        return sb.toString();
    }

    private static void findings(StringBuilder sb, String side, Analysis a) {
        List<RuleResult> warnings = a.rules().stream()
                .filter(r -> r.severity() == RuleResult.Severity.WARNING || r.severity() == RuleResult.Severity.INFO)
                .toList();
        sb.append("\nFindings in ")
                .append(side)
                .append(warnings.isEmpty() ? ": none" : "")
                .append('\n');
        for (RuleResult r : warnings) {
            sb.append("  ")
                    .append(String.format("%-8s ", r.severity().label().toUpperCase(Locale.ROOT)))
                    .append(Units.cut(r.name() + ": " + r.summary(), TextReport.WIDTH - 11))
                    .append('\n');
        }
    }

    private static String share(Analysis.Share s) {
        return s.name() + " (" + Units.percent(s.percent()) + ")";
    }

    static String format(String unit, Double v) {
        if (v == null) {
            return Units.NONE;
        }
        return switch (unit) {
            case "ns" -> Units.nanos(v);
            case "ms" -> Units.millis(v);
            case "bytes" -> Units.bytes(v);
            case "count" -> Units.count(Math.round(v));
            default -> String.valueOf(v);
        };
    }
}
