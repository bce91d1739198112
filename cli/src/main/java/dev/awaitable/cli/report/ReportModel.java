package dev.awaitable.cli.report;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.Environment;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.cli.results.RunResults.WorkloadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What both renderings of the report show, computed once from a {@link RunResults}: workloads in
 * catalog order (then any workload that has cells but no catalog entry, as a merged run from a
 * newer catalog may have), implementations in the recorded order (then ids only cells name),
 * the summary and the scenario matrix. It reads nothing but the recorded results.
 */
final class ReportModel {

    private final RunResults results;
    private final String baseline;
    private final List<String> implementations;
    private final List<WorkloadTable> workloads;
    private final Summary summary;
    private final ScenarioMatrix scenarios;
    private final HttpTable http;

    ReportModel(RunResults results, String baseline) {
        this.results = Objects.requireNonNull(results, "results");
        this.baseline = Objects.requireNonNull(baseline, "baseline implementation");
        List<CellResult> cells = results.cells() == null ? List.of() : results.cells();

        List<String> order = results.implementations().stream()
                .map(RunResults.ImplementationInfo::id)
                .toList();
        Set<String> impls = new LinkedHashSet<>();
        for (String id : order) {
            if (cells.stream().anyMatch(c -> id.equals(c.implementation()))) {
                impls.add(id);
            }
        }
        cells.forEach(c -> impls.add(c.implementation()));
        this.implementations = List.copyOf(impls);

        Map<String, WorkloadInfo> infos = new LinkedHashMap<>();
        for (WorkloadInfo w : results.workloads()) {
            if (!"SERVICE".equals(w.kind())) { // the service's cells have their own section (HttpTable)
                infos.putIfAbsent(w.id(), w);
            }
        }
        for (CellResult c : cells) {
            infos.putIfAbsent(c.workload(), new WorkloadInfo(c.workload(), null, null, null, List.of()));
        }
        List<WorkloadTable> tables = new ArrayList<>();
        infos.forEach((id, info) -> tables.add(new WorkloadTable(
                info, cells.stream().filter(c -> id.equals(c.workload())).toList(), implementations, baseline)));
        this.workloads = List.copyOf(tables);
        this.summary = new Summary(workloads, implementations, baseline);
        this.scenarios = new ScenarioMatrix(results.scenarios());
        this.http = new HttpTable(results.http(), order);
    }

    RunResults results() {
        return results;
    }

    /** The run's environment; never null (an empty one when the results had none). */
    Environment environment() {
        Environment e = results.environment();
        return e != null
                ? e
                : new Environment(null, null, null, null, null, 0, null, 0, null, List.of(), null, Map.of(), Map.of());
    }

    /**
     * One line of the environment table.
     *
     * @param label what it is
     * @param value its value; {@link Formats#MISSING} when unknown
     * @param code  whether the value is command-line text (shown in a code font)
     */
    record Fact(String label, String value, boolean code) {}

    /** The environment as labelled lines, in reading order; the command is separate ({@link Environment#command()}). */
    List<Fact> facts() {
        Environment e = environment();
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("Date", text(e.date()), false));
        f.add(new Fact("JDK", text(e.jdk()) + (e.vendor() == null ? "" : " (" + e.vendor() + ")"), false));
        f.add(new Fact("VM", text(e.vm()), false));
        f.add(new Fact("GC", text(e.gc()), false));
        f.add(new Fact("Cores", e.cores() > 0 ? Integer.toString(e.cores()) : Formats.MISSING, false));
        f.add(new Fact("CPU", text(e.cpuModel()), false));
        f.add(new Fact("Max heap", Formats.bytes(e.maxHeapBytes()), false));
        f.add(new Fact("OS", text(e.os()), false));
        f.add(new Fact(
                "JVM flags",
                e.jvmFlags() == null || e.jvmFlags().isEmpty() ? Formats.MISSING : String.join(" ", e.jvmFlags()),
                e.jvmFlags() != null && !e.jvmFlags().isEmpty()));
        f.add(new Fact("Settings", pairs(e.settings()), false));
        if (e.backends() != null) {
            e.backends().forEach((backend, props) -> f.add(new Fact("Backend " + backend, pairs(props), false)));
        }
        f.add(new Fact(
                "Ratio baseline",
                baseline + (baselineMeasured() ? "" : " (not measured in this run: no ratios)"),
                false));
        return f;
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? Formats.MISSING : s;
    }

    private static String pairs(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return Formats.MISSING;
        }
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    String baseline() {
        return baseline;
    }

    /**
     * "Implementations: id (description), ...", from what the run recorded about the
     * implementations that have cells (ids alone for results that recorded none).
     */
    String implementationsSentence() {
        List<String> parts = new ArrayList<>();
        for (String id : implementations) {
            String description = results.implementations().stream()
                    .filter(i -> i.id().equals(id))
                    .map(RunResults.ImplementationInfo::description)
                    .findFirst()
                    .orElse(null);
            parts.add(description == null ? id : id + " (" + description + ")");
        }
        return parts.isEmpty() ? "" : "Implementations: " + String.join(", ", parts) + ".";
    }

    /** Implementations that have cells, in report order. */
    List<String> implementations() {
        return implementations;
    }

    /** Whether the baseline implementation has any cell (if not, every ratio is missing and the report says why). */
    boolean baselineMeasured() {
        return implementations.contains(baseline);
    }

    List<WorkloadTable> workloads() {
        return workloads;
    }

    Summary summary() {
        return summary;
    }

    ScenarioMatrix scenarios() {
        return scenarios;
    }

    /**
     * One sentence on the machine the run shared, from the recorded environment: "the N cores
     * (CPU model) of one machine", or "one machine" when the results do not say.
     */
    String machine() {
        Environment e = environment();
        String cpu = e.cpuModel() == null || e.cpuModel().isBlank() ? "" : " (" + e.cpuModel() + ")";
        return e.cores() > 0
                ? "the " + e.cores() + " core" + (e.cores() == 1 ? "" : "s") + cpu + " of one machine"
                : "one machine";
    }

    /** The recorded catalog entry of the HTTP service, or one made from nothing but its id. */
    WorkloadInfo httpService() {
        WorkloadInfo info = results.workloads().stream()
                .filter(w -> "SERVICE".equals(w.kind()))
                .findFirst()
                .orElse(null);
        return info != null ? info : new WorkloadInfo("http-service", null, null, null, List.of(), "SERVICE", null);
    }

    /** What the HTTP service section says first: the recorded description and setup, and the machine they shared. */
    String httpPreamble() {
        WorkloadInfo info = httpService();
        StringBuilder sb = new StringBuilder();
        if (info.description() != null) {
            sb.append(info.description()).append(". ");
        }
        if (info.setup() != null) {
            sb.append(info.setup()).append(": ");
        }
        sb.append("server and generators shared ").append(machine()).append(", so they compete for CPU.");
        return sb.toString();
    }

    /** The HTTP service cells (empty when the run had none). */
    HttpTable http() {
        return http;
    }

    /** Workloads that have at least one cell in this run (the catalog may name more). */
    long measuredWorkloadCount() {
        return workloads.stream().filter(w -> !w.rows().isEmpty()).count();
    }

    /** Ok cells too noisy to compare. */
    long unstableCount() {
        return workloads.stream().mapToLong(w -> w.unstable().size()).sum();
    }

    long cellCount() {
        return workloads.stream().mapToLong(w -> w.rows().size()).sum();
    }

    long failedCount() {
        return workloads.stream().mapToLong(w -> w.failed().size()).sum();
    }
}
