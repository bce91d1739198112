package dev.awaitable.cli;

import dev.awaitable.analyzer.JfrAnalyzer;
import dev.awaitable.cli.report.ReportWriter;
import dev.awaitable.analyzer.JfrHighlights;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.scenarios.ScenarioResult;
import dev.awaitable.scenarios.Scenario;
import dev.awaitable.scenarios.ScenarioCatalog;
import dev.awaitable.scenarios.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Connects the commands to the JFR analyzer, the scenarios and the report writer. */
final class Wiring {
    private Wiring() {
    }

    /** Per-cell JFR highlights, with JMC's rules unless -Dawaitable.jmcRules=false. */
    static JfrHighlights summarize(Path recording, String relativePath, Long operations) throws Exception {
        boolean jmc = Boolean.parseBoolean(System.getProperty("awaitable.jmcRules", "true"));
        return JfrAnalyzer.highlights(JfrAnalyzer.analyze(recording, jmc), relativePath, operations);
    }

    static List<ScenarioResult> runScenarios() {
        return runScenarios(List.of(), List.of("loom", "statemachine"));
    }

    /** Runs the named scenarios (all if none) on the named backends; unknown ids are one clear error. */
    static List<ScenarioResult> runScenarios(List<String> only, List<String> backends) {
        List<Scenario> selected = only.isEmpty() ? ScenarioCatalog.all() : only.stream().map(ScenarioCatalog::byId).toList();
        for (String b : backends) {
            if (!ScenarioCatalog.backends().contains(b)) {
                throw new IllegalArgumentException("unknown backend '" + b + "'; valid: " + String.join(", ", ScenarioCatalog.backends()));
            }
        }
        return ScenarioRunner.run(selected, backends);
    }

    static void listScenarios(PrintStream out) {
        out.println("Scenarios (" + ScenarioCatalog.all().size() + ", each run on " + String.join(" and ", ScenarioCatalog.backends()) + "):");
        for (Scenario s : ScenarioCatalog.all()) {
            out.printf("  %-30s %s%n", s.id(), s.title());
            out.printf("  %-30s expected: %s (seed: %s)%n", "", s.expected(), s.seed());
        }
    }

    /** Writes report.json, report.md and index.html into {@code outDir}. */
    static void writeReport(RunResults results, Path outDir, String baseline) throws Exception {
        ReportWriter.write(results, outDir, baseline);
    }
}
