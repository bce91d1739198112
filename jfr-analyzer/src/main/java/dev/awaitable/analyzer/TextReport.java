package dev.awaitable.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link Analysis} for the terminal: what needs attention first (findings), then Awaitable's
 * own numbers, then the JDK's (pinning, allocation, GC, parking), then the rules' tally and the
 * event census. Sections without data say so in one line rather than disappear, so a reader can
 * tell "nothing happened" from "not recorded".
 */
final class TextReport {
    static final int WIDTH = 100;
    private static final int TOP = 5;

    private TextReport() {}

    static String render(Analysis a) {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(a.file()).append(" ==\n");
        recording(sb, a.recording());
        findings(sb, a.rules());
        awaits(sb, a.awaits());
        virtualThreads(sb, a.virtualThreads(), a.pinning());
        allocations(sb, a.allocations());
        gc(sb, a.gc());
        parking(sb, a.parking());
        faults(sb, a.faults());
        rules(sb, a.rules());
        eventTypes(sb, a.recording());
        notes(sb, a.notes());
        return sb.toString();
    }

    private static void recording(StringBuilder sb, Analysis.RecordingInfo r) {
        sb.append("Recording  ")
                .append(Units.millis(r.durationMs()))
                .append(", ")
                .append(Units.count(r.events()))
                .append(" events, ")
                .append(Units.bytes(r.sizeBytes()));
        if (r.start() != null) {
            sb.append(", from ").append(r.start());
        }
        sb.append('\n');
        Analysis.Jvm j = r.jvm();
        if (j != null) {
            List<String> parts = new ArrayList<>();
            if (j.name() != null || j.version() != null) {
                parts.add(join(j.name(), j.version()));
            }
            if (j.pid() != null) {
                parts.add("pid " + j.pid());
            }
            if (j.hardwareThreads() != null) {
                parts.add(j.hardwareThreads() + " hardware threads");
            }
            if (j.youngCollector() != null || j.oldCollector() != null) {
                parts.add("GC " + join(j.youngCollector(), j.oldCollector()).replace(' ', '/'));
            }
            sb.append("JVM        ").append(String.join(", ", parts)).append('\n');
            String command = join(j.jvmArguments(), j.javaArguments());
            if (!command.isBlank()) {
                sb.append("Command    ").append(Units.cut(command, WIDTH - 11)).append('\n');
            }
        }
    }

    private static void findings(StringBuilder sb, List<RuleResult> rules) {
        List<RuleResult> findings = rules.stream()
                .filter(r -> r.severity() == RuleResult.Severity.WARNING || r.severity() == RuleResult.Severity.INFO)
                .toList();
        long warnings = findings.stream()
                .filter(r -> r.severity() == RuleResult.Severity.WARNING)
                .count();
        sb.append("\nFindings: ");
        if (findings.isEmpty()) {
            sb.append("none\n");
            return;
        }
        sb.append(warnings)
                .append(" warning(s), ")
                .append(findings.size() - warnings)
                .append(" info\n");
        for (RuleResult r : findings) {
            String label = r.severity().label().toUpperCase(Locale.ROOT);
            sb.append("  ")
                    .append(String.format("%-8s ", label))
                    .append(r.name())
                    .append(" [")
                    .append(r.source())
                    .append(' ')
                    .append(r.id())
                    .append("]\n");
            wrap(sb, Units.cut(r.summary(), 600), "           ");
        }
    }

    private static void awaits(StringBuilder sb, Analysis.Awaits a) {
        sb.append('\n');
        if (a.backends().isEmpty()) {
            sb.append("Awaits: no Awaitable events in this recording\n");
            return;
        }
        sb.append("Awaits (dev.awaitable events")
                .append(a.perAwaitEvents() ? "" : "; Suspend/Resume not enabled")
                .append(")\n");
        TextTable t = new TextTable(
                "backend",
                "suspends",
                "resumes",
                "resume p50",
                "p90",
                "p99",
                "max",
                "stats: suspensions",
                "resumptions",
                "sync completions");
        for (Analysis.Backend b : a.backends()) {
            awaitRow(t, b.name(), b.suspendEvents(), b.resumeEvents(), b.resumeLatency(), b.statistics());
        }
        if (a.backends().size() > 1) {
            awaitRow(t, "all", a.suspendEvents(), a.resumeEvents(), a.resumeLatency(), a.statistics());
        }
        sb.append(t.render("  "));
    }

    private static void awaitRow(
            TextTable t, String name, long suspends, long resumes, Analysis.Latency l, Analysis.Counters c) {
        t.row(
                name,
                Units.count(suspends),
                Units.count(resumes),
                l == null ? null : Units.nanos(l.p50Ns()),
                l == null ? null : Units.nanos(l.p90Ns()),
                l == null ? null : Units.nanos(l.p99Ns()),
                l == null ? null : Units.nanos(l.maxNs()),
                c == null ? null : Units.count(c.suspensions()),
                c == null ? null : Units.count(c.resumptions()),
                c == null ? null : Units.count(c.synchronousCompletions()));
    }

    private static void virtualThreads(StringBuilder sb, Analysis.VirtualThreads v, Analysis.Pinning p) {
        sb.append('\n');
        if (v.recorded() || v.started() + v.ended() > 0) {
            sb.append("Virtual threads: ")
                    .append(Units.count(v.started()))
                    .append(" started, ")
                    .append(Units.count(v.ended()))
                    .append(" ended");
            if (v.submitFailed() > 0) {
                sb.append(", ").append(Units.count(v.submitFailed())).append(" failed to submit");
            }
            sb.append('\n');
        } else {
            sb.append("Virtual threads: start/end not recorded\n");
        }
        if (!p.recorded() && p.count() == 0) {
            sb.append("Pinned: not recorded (jdk.VirtualThreadPinned off)\n");
            return;
        }
        sb.append("Pinned: ").append(Units.count(p.count())).append(" event(s)");
        if (p.count() > 0) {
            sb.append(", ")
                    .append(Units.millis(p.totalMs()))
                    .append(" in total, longest ")
                    .append(Units.millis(p.maxMs()));
        }
        sb.append('\n');
        if (!p.topFrames().isEmpty()) {
            TextTable t = new TextTable("top frame", "count");
            p.topFrames().stream().limit(TOP).forEach(c -> t.row(c.name(), Units.count(c.count())));
            sb.append(t.render("  "));
        }
        if (!p.reasons().isEmpty()) {
            TextTable t = new TextTable("reason", "count");
            p.reasons().stream().limit(TOP).forEach(c -> t.row(c.name(), Units.count(c.count())));
            sb.append(t.render("  "));
        }
    }

    private static void allocations(StringBuilder sb, Analysis.Allocations a) {
        sb.append('\n');
        if (a.source() == null) {
            sb.append("Allocation: no allocation events in this recording\n");
            return;
        }
        sb.append("Allocation (")
                .append(a.source())
                .append(" weight, ")
                .append(Units.bytes(a.totalBytes()))
                .append(" in total)\n");
        TextTable classes = new TextTable("class", "share", "bytes");
        a.topClasses().stream()
                .limit(TOP + 3)
                .forEach(s -> classes.row(s.name(), Units.percent(s.percent()), Units.bytes(s.bytes())));
        sb.append(classes.render("  "));
        TextTable sites = new TextTable("site", "share", "bytes");
        a.topSites().stream()
                .limit(TOP)
                .forEach(s -> sites.row(s.name(), Units.percent(s.percent()), Units.bytes(s.bytes())));
        sb.append(sites.render("  "));
    }

    private static void gc(StringBuilder sb, Analysis.GcPauses g) {
        sb.append('\n');
        if (!g.recorded() && g.count() == 0) {
            sb.append("GC pauses: not recorded\n");
            return;
        }
        sb.append("GC pauses: ").append(Units.count(g.count()));
        if (g.count() > 0) {
            sb.append(", ")
                    .append(Units.millis(g.totalPauseMs()))
                    .append(" in total, longest ")
                    .append(Units.millis(g.maxPauseMs()));
        }
        sb.append('\n');
        if (!g.byName().isEmpty()) {
            TextTable t = new TextTable("collector", "count", "total", "longest");
            g.byName()
                    .forEach(c -> t.row(
                            c.name(),
                            Units.count(c.count()),
                            Units.millis(c.totalPauseMs()),
                            Units.millis(c.maxPauseMs())));
            sb.append(t.render("  "));
        }
    }

    private static void parking(StringBuilder sb, Analysis.Parking p) {
        sb.append('\n');
        if (!p.recorded() && p.count() == 0) {
            sb.append("Parking: not recorded (jdk.ThreadPark off)\n");
            return;
        }
        sb.append("Parking (jdk.ThreadPark): ").append(Units.count(p.count())).append(" event(s)");
        if (p.count() > 0) {
            sb.append(", ")
                    .append(Units.millis(p.totalMs()))
                    .append(" in total, longest ")
                    .append(Units.millis(p.maxMs()));
        }
        sb.append('\n');
        if (!p.topFrames().isEmpty()) {
            TextTable t = new TextTable("top frame", "count");
            p.topFrames().stream().limit(TOP).forEach(c -> t.row(c.name(), Units.count(c.count())));
            sb.append(t.render("  "));
        }
    }

    private static void faults(StringBuilder sb, Analysis.Faults f) {
        if (!f.recorded()) {
            return;
        }
        sb.append("\nAwaitable faults: ")
                .append(Units.count(f.unobserved()))
                .append(" unobserved, ")
                .append(Units.count(f.deadlocks()))
                .append(" deadlock(s) detected\n");
        for (Analysis.UnobservedFault u : f.firstUnobserved()) {
            sb.append("  unobserved  ")
                    .append(u.exceptionClass())
                    .append(u.message() == null ? "" : ": " + u.message())
                    .append(" in ")
                    .append(u.awaitable())
                    .append('\n');
        }
        for (Analysis.Deadlock d : f.firstDeadlocks()) {
            sb.append("  deadlock    context '")
                    .append(d.context())
                    .append("': ")
                    .append(d.chain())
                    .append('\n');
        }
    }

    private static void rules(StringBuilder sb, List<RuleResult> rules) {
        List<RuleResult> jmc =
                rules.stream().filter(r -> RuleResult.JMC.equals(r.source())).toList();
        sb.append("\nJMC automated analysis: ").append(jmc.size()).append(" rule(s)");
        if (!jmc.isEmpty()) {
            sb.append(": ").append(tally(jmc));
        }
        sb.append('\n');
        for (RuleResult r : jmc) {
            if (r.failed()) {
                sb.append("  ")
                        .append(r.id())
                        .append(": ")
                        .append(Units.cut(r.summary(), WIDTH - 4 - r.id().length()))
                        .append('\n');
            }
        }
        List<RuleResult> ours = rules.stream()
                .filter(r -> RuleResult.AWAITABLE.equals(r.source()))
                .toList();
        sb.append("Awaitable rules: ")
                .append(ours.size())
                .append(" rule(s): ")
                .append(tally(ours))
                .append('\n');
    }

    static String tally(List<RuleResult> rules) {
        List<String> parts = new ArrayList<>();
        for (RuleResult.Severity s : RuleResult.Severity.values()) {
            long n =
                    rules.stream().filter(r -> r.severity() == s && !r.failed()).count();
            if (n > 0) {
                parts.add(n + " " + s.label());
            }
        }
        long failed = rules.stream().filter(RuleResult::failed).count();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        return String.join(", ", parts);
    }

    private static void eventTypes(StringBuilder sb, Analysis.RecordingInfo r) {
        Map<String, Long> byType = r.eventsByType();
        sb.append("\nEvent types: ").append(byType.size());
        if (byType.isEmpty()) {
            sb.append('\n');
            return;
        }
        int shown = Math.min(10, byType.size());
        sb.append(" (top ").append(shown).append(")\n");
        TextTable t = new TextTable("type", "events");
        byType.entrySet().stream().limit(shown).forEach(e -> t.row(e.getKey(), Units.count(e.getValue())));
        sb.append(t.render("  "));
    }

    private static void notes(StringBuilder sb, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        sb.append("\nNotes\n");
        notes.forEach(n -> wrap(sb, n, "  "));
    }

    /** Appends {@code text} wrapped at {@link #WIDTH}, every line starting with {@code indent}. */
    static void wrap(StringBuilder sb, String text, String indent) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                sb.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            sb.append(line).append('\n');
        }
    }

    private static String join(String a, String b) {
        return ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
    }
}
