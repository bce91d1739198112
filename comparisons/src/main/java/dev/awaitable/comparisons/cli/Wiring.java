package dev.awaitable.comparisons.cli;

import dev.awaitable.comparisons.jfr.JfrAnalyzer;
import dev.awaitable.comparisons.report.ReportWriter;
import dev.awaitable.comparisons.results.JfrHighlights;
import dev.awaitable.comparisons.results.RunResults;
import dev.awaitable.comparisons.results.ScenarioResult;
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

    static List<ScenarioResult> runScenarios(List<String> only, List<String> backends) {
        return List.of();
    }

    static void listScenarios(PrintStream out) {
        out.println("Scenarios: none yet");
    }

    /** Writes report.json, report.md and index.html into {@code outDir}. */
    static void writeReport(RunResults results, Path outDir, String baseline) throws Exception {
        ReportWriter.write(results, outDir, baseline);
    }
}
