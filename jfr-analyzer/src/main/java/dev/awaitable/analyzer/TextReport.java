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
        coverage(sb, a.coverage());
        cpu(sb, a.cpu());
        awaits(sb, a.awaits());
        virtualThreads(sb, a.virtualThreads(), a.pinning(), a.coverage());
        contention(sb, a.contention(), a.coverage());
        parking(sb, a.parking(), a.coverage());
        sleeps(sb, a.sleeps(), a.coverage());
        sockets(sb, a.sockets(), a.coverage());
        latencies(sb, a.latencies());
        allocations(sb, a.allocations());
        gc(sb, a.gc());
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
            String jvm = jvmName(j);
            if (!jvm.isEmpty()) {
                parts.add(jvm);
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
            labelled(sb, "JVM", String.join(", ", parts));
            // The main class and its arguments first, whole: long JVM flags must not push it out of sight.
            if (j.javaArguments() != null && !j.javaArguments().isBlank()) {
                labelled(sb, "Main", j.javaArguments());
            }
            if (j.jvmArguments() != null && !j.jvmArguments().isBlank()) {
                labelled(sb, "JVM flags", j.jvmArguments());
            }
        }
    }

    /**
     * The JVM once: {@code jdk.JVMInformation}'s version already starts with the VM's name
     * ("OpenJDK 64-Bit Server VM (25+36) for linux-amd64 JRE ..."), so the name is not repeated.
     */
    static String jvmName(Analysis.Jvm j) {
        String name = j.name() == null ? "" : j.name().strip();
        String version = j.version() == null ? "" : j.version().strip();
        if (!name.isEmpty() && version.startsWith(name)) {
            return version;
        }
        return join(name, version);
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

    private static void virtualThreads(
            StringBuilder sb, Analysis.VirtualThreads v, Analysis.Pinning p, List<Analysis.Coverage> coverage) {
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
        sb.append("Pinned (jdk.VirtualThreadPinned): ")
                .append(Units.count(p.count()))
                .append(" event(s)");
        if (p.count() > 0) {
            sb.append(", ")
                    .append(Units.millis(p.totalMs()))
                    .append(" in total, longest ")
                    .append(Units.millis(p.maxMs()));
        }
        sb.append('\n');
        hidden(sb, coverage, RecordingScan.PINNED);
        sites(sb, "application frame that pinned", "reason", p.sites());
    }

    private static void cpu(StringBuilder sb, Analysis.Cpu c) {
        sb.append('\n');
        if (!c.recorded() && c.samples() == 0) {
            sb.append("CPU: not recorded (jdk.ExecutionSample off; record with settings=profile or "
                    + "jdk.ExecutionSample#enabled=true)\n");
            return;
        }
        sb.append("CPU (jdk.ExecutionSample")
                .append(c.period() == null ? "" : " every " + c.period())
                .append("): ")
                .append(Units.count(c.samples()))
                .append(" sample(s)\n");
        if (c.samples() == 0) {
            return;
        }
        TextTable top = new TextTable("hot method (top frame)", "samples", "share");
        c.topMethods().forEach(h -> top.row(h.name(), Units.count(h.samples()), Units.percent(h.percent())));
        sb.append(top.render("  "));
        TextTable app = new TextTable("application frame (JDK code charged to its caller)", "samples", "share");
        c.applicationMethods().forEach(h -> app.row(h.name(), Units.count(h.samples()), Units.percent(h.percent())));
        sb.append(app.render("  "));
        TextTable groups = new TextTable("thread group", "samples", "share", "top application frame").leftAligned(3);
        c.threadGroups()
                .forEach(
                        h -> groups.row(h.name(), Units.count(h.samples()), Units.percent(h.percent()), h.topMethod()));
        sb.append(groups.render("  "));
    }

    private static void contention(StringBuilder sb, Analysis.Blocking b, List<Analysis.Coverage> coverage) {
        blocking(
                sb,
                "Lock contention (jdk.JavaMonitorEnter)",
                "contended monitor entries",
                b,
                coverage,
                RecordingScan.MONITOR_ENTER,
                "monitor class");
    }

    private static void sleeps(StringBuilder sb, Analysis.Blocking b, List<Analysis.Coverage> coverage) {
        blocking(sb, "Sleeps (jdk.ThreadSleep)", "sleeps", b, coverage, RecordingScan.SLEEP, null);
    }

    private static void blocking(
            StringBuilder sb,
            String title,
            String what,
            Analysis.Blocking b,
            List<Analysis.Coverage> coverage,
            String type,
            String on) {
        sb.append('\n');
        if (!b.recorded() && b.count() == 0) {
            sb.append(title).append(": not recorded (").append(type).append(" off)\n");
            return;
        }
        sb.append(title).append(": ").append(Units.count(b.count())).append(' ').append(what);
        if (b.count() > 0) {
            sb.append(", ")
                    .append(Units.millis(b.totalMs()))
                    .append(" in total, longest ")
                    .append(Units.millis(b.maxMs()));
        }
        sb.append('\n');
        hidden(sb, coverage, type);
        sites(sb, "application frame", on, b.sites());
    }

    private static void sockets(StringBuilder sb, Analysis.Sockets s, List<Analysis.Coverage> coverage) {
        sb.append('\n');
        if (!s.recorded() && s.reads() + s.writes() == 0) {
            sb.append("Socket I/O: not recorded (jdk.SocketRead/jdk.SocketWrite off)\n");
            return;
        }
        sb.append("Socket I/O (jdk.SocketRead/SocketWrite): ")
                .append(Units.count(s.reads()))
                .append(" read(s), ")
                .append(Units.bytes(s.bytesRead()))
                .append(", ")
                .append(Units.millis(s.readMs()))
                .append("; ")
                .append(Units.count(s.writes()))
                .append(" write(s), ")
                .append(Units.bytes(s.bytesWritten()))
                .append(", ")
                .append(Units.millis(s.writeMs()))
                .append('\n');
        hidden(sb, coverage, RecordingScan.SOCKET_READ);
        hidden(sb, coverage, RecordingScan.SOCKET_WRITE);
        if (!s.byHost().isEmpty()) {
            TextTable t = new TextTable("remote host", "reads", "read", "writes", "written", "time");
            s.byHost()
                    .forEach(p -> t.row(
                            p.host(),
                            Units.count(p.reads()),
                            Units.bytes(p.bytesRead()),
                            Units.count(p.writes()),
                            Units.bytes(p.bytesWritten()),
                            Units.millis(p.totalMs())));
            sb.append(t.render("  "));
        }
        ioSites(sb, "read at", s.readSites());
        ioSites(sb, "written at", s.writeSites());
    }

    private static void ioSites(StringBuilder sb, String header, List<Analysis.Site> sites) {
        if (sites.isEmpty()) {
            return;
        }
        TextTable t = new TextTable(header, "remote host", "count", "bytes", "time", "longest").leftAligned(1);
        sites.stream()
                .limit(TOP)
                .forEach(s -> t.row(
                        s.frame(),
                        s.on(),
                        Units.count(s.count()),
                        Units.bytes(s.bytes()),
                        Units.millis(s.totalMs()),
                        Units.millis(s.maxMs())));
        sb.append(t.render("  "));
    }

    private static void latencies(StringBuilder sb, List<Analysis.LatencyByType> rows) {
        sb.append('\n');
        if (rows.isEmpty()) {
            sb.append("Latencies by type: no monitor, park, sleep, socket or file events\n");
            return;
        }
        sb.append("Latencies by type (as jfr view latencies-by-type)\n");
        TextTable t = new TextTable("event type", "count", "average", "p99", "longest", "total");
        rows.forEach(r -> t.row(
                r.label(),
                Units.count(r.count()),
                Units.millis(r.averageMs()),
                Units.millis(r.p99Ms()),
                Units.millis(r.maxMs()),
                Units.millis(r.totalMs())));
        sb.append(t.render("  "));
    }

    /** What the recording's thresholds left out, once for all sections, with the settings that show all. */
    private static void coverage(StringBuilder sb, List<Analysis.Coverage> coverage) {
        List<Analysis.Coverage> hiding =
                coverage.stream().filter(c -> c.hidden() != null).toList();
        if (hiding.isEmpty()) {
            return;
        }
        sb.append("\nCoverage: the recording's thresholds left events out\n");
        for (Analysis.Coverage c : hiding) {
            wrap(sb, c.eventType() + ": " + c.hidden(), "  ");
        }
        wrap(
                sb,
                "Settings go among -XX:StartFlightRecording's options, e.g. -XX:StartFlightRecording:settings=profile,"
                        + hiding.get(0).setting() + ",filename=rec.jfr (or jcmd PID JFR.start ... with the same).",
                "  ");
    }

    /** The coverage line for {@code type} under its section, when its threshold could have hidden events. */
    private static void hidden(StringBuilder sb, List<Analysis.Coverage> coverage, String type) {
        for (Analysis.Coverage c : coverage) {
            if (c.eventType().equals(type) && c.hidden() != null) {
                wrap(sb, "(" + c.hidden() + ")", "  ");
            }
        }
    }

    private static void sites(StringBuilder sb, String frameHeader, String onHeader, List<Analysis.Site> sites) {
        if (sites.isEmpty()) {
            return;
        }
        boolean on = onHeader != null && sites.stream().anyMatch(s -> s.on() != null);
        TextTable t = on
                ? new TextTable(frameHeader, onHeader, "count", "total", "longest").leftAligned(1)
                : new TextTable(frameHeader, "count", "total", "longest");
        sites.stream().limit(TOP).forEach(s -> {
            if (on) {
                t.row(s.frame(), s.on(), Units.count(s.count()), Units.millis(s.totalMs()), Units.millis(s.maxMs()));
            } else {
                t.row(s.frame(), Units.count(s.count()), Units.millis(s.totalMs()), Units.millis(s.maxMs()));
            }
        });
        sb.append(t.render("  "));
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
        TextTable sites = new TextTable("site (application frame)", "share", "bytes");
        a.topSites().stream()
                .limit(TOP)
                .forEach(s -> sites.row(s.name(), Units.percent(s.percent()), Units.bytes(s.bytes())));
        sb.append(sites.render("  "));
        TextTable top = new TextTable("top frame (as jfr view allocation-by-site)", "share", "bytes");
        a.topFrames().stream()
                .limit(TOP)
                .forEach(s -> top.row(s.name(), Units.percent(s.percent()), Units.bytes(s.bytes())));
        sb.append(top.render("  "));
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
        Analysis.Durations d = g.pauses();
        if (d != null) {
            sb.append("  stop-the-world pauses (jdk.GCPhasePause, as jfr view gc-pauses): ")
                    .append(Units.count(d.count()))
                    .append(", total ")
                    .append(Units.millis(d.totalMs()))
                    .append(", median ")
                    .append(Units.millis(d.medianMs()))
                    .append(", average ")
                    .append(Units.millis(d.averageMs()))
                    .append(", p99 ")
                    .append(Units.millis(d.p99Ms()))
                    .append(", longest ")
                    .append(Units.millis(d.maxMs()))
                    .append('\n');
        }
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

    private static void parking(StringBuilder sb, Analysis.Parking p, List<Analysis.Coverage> coverage) {
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
        hidden(sb, coverage, RecordingScan.PARK);
        sites(sb, "application frame that parked", "parked on", p.sites());
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

    /** {@code label} in an 11-character column, then {@code text} wrapped beside it. */
    private static void labelled(StringBuilder sb, String label, String text) {
        String indent = " ".repeat(11);
        StringBuilder wrapped = new StringBuilder();
        wrap(wrapped, text, indent);
        if (wrapped.isEmpty()) {
            return;
        }
        String head = (label + indent).substring(0, indent.length());
        sb.append(head).append(wrapped, indent.length(), wrapped.length());
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
