package dev.awaitable.analyzer;

import java.util.List;
import java.util.Locale;

/**
 * A {@link Comparison} for the terminal: a header naming A and B with their durations and
 * operation counts, one table of every metric per second (and per operation) with a B/A column
 * and the better side, then each side's top allocating classes and findings.
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
        side(sb, "A", c.a(), c.aSeconds(), c.aOperations());
        side(sb, "B", c.b(), c.bSeconds(), c.bOperations());
        TextReport.wrap(
                sb,
                "/s: each recording's total divided by its own duration (first event to last)"
                        + (c.operations() == null
                                ? "; no operation counts (give --ops and --vs-ops), so no per-operation rows."
                                : "; /op: divided by its operations, from " + c.operations() + ".")
                        + " B/A is the ratio; better names the side with less where less is better (time, bytes,"
                        + " pinning, contention, faults; CPU per op), more for operations /s, and is blank where"
                        + " neither is.",
                "");
        for (String caveat : c.caveats()) {
            TextReport.wrap(sb, "Not alike: " + caveat + ".", "");
        }
        sb.append('\n');

        TextTable t = new TextTable("metric", "A", "B", "B/A", "better");
        String section = null;
        for (Comparison.Row r : c.rows()) {
            if (!r.section().equals(section)) {
                section = r.section();
                t.row(section + ":", "", "", "", "");
            }
            t.row(
                    "  " + r.metric() + suffix(r.per()),
                    format(r.unit(), r.a()),
                    format(r.unit(), r.b()),
                    Units.ratio(r.a(), r.b()),
                    r.better() == null ? "" : r.better());
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

    private static void side(StringBuilder sb, String name, Analysis a, double seconds, Long operations) {
        sb.append(name)
                .append(" = ")
                .append(a.file())
                .append(" (")
                .append(Units.millis(seconds * 1e3))
                .append(operations == null ? "" : ", " + Units.count(operations) + " operations")
                .append(")\n");
    }

    private static String suffix(String per) {
        return switch (per) {
            case Comparison.PER_SECOND -> " /s";
            case Comparison.PER_OP -> " /op";
            default -> "";
        };
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
            case "count" -> Math.abs(v) >= 100 || v == Math.rint(v) ? Units.count(Math.round(v)) : Units.decimal(v);
            default -> String.valueOf(v);
        };
    }
}
