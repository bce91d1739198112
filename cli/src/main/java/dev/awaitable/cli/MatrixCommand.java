package dev.awaitable.cli;

import dev.awaitable.analyzer.JfrAnalyzer;
import dev.awaitable.analyzer.JfrHighlights;
import dev.awaitable.cli.report.ReportWriter;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.cli.run.Cell;
import dev.awaitable.cli.run.CellRunner;
import dev.awaitable.cli.run.EnvironmentProbe;
import dev.awaitable.cli.run.HttpCellRunner;
import dev.awaitable.cli.run.HttpMatrix;
import dev.awaitable.cli.run.Matrix;
import dev.awaitable.cli.run.MatrixRunner;
import dev.awaitable.cli.run.MatrixSettings;
import dev.awaitable.cli.run.OpenFiles;
import dev.awaitable.cli.run.Progress;
import dev.awaitable.cli.run.ResultStore;
import dev.awaitable.scenarios.ScenarioCatalog;
import dev.awaitable.scenarios.ScenarioResult;
import dev.awaitable.scenarios.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What compare and bench share: check the input, measure the matrix with progress, run the
 * scenarios, write the report; save after every cell, and on interruption write what was
 * measured and say how to resume.
 */
final class MatrixCommand {
    private MatrixCommand() {}

    static int run(MatrixSettings s, PrintStream out) throws Exception {
        List<Cell> matrix = Matrix.cells(s); // every id and value checked before anything runs
        List<HttpMatrix.HttpCell> http = HttpMatrix.cells(s);
        if (matrix.isEmpty() && http.isEmpty()) {
            throw new IllegalArgumentException("the selection has no cells to measure");
        }
        Cli.requireWritable(s.outDir());
        ResultStore store = new ResultStore(s.outDir());
        if (s.resume()) {
            store.load();
        }
        store.environment(EnvironmentProbe.describe(s), EnvironmentProbe.catalog(), EnvironmentProbe.implementations());
        store.save();
        int steps = matrix.size() + http.size() + (s.scenarios() ? 1 : 0);
        Progress progress = new Progress(out, steps);
        if (!http.isEmpty()) {
            progress.plan(HttpCellRunner.KIND, http.size(), HttpCellRunner.estimate(http));
        }
        out.printf(
                "awaitable: %d cells (%d workloads x implementations x parameters)%s%s, results in %s%n",
                matrix.size(),
                Matrix.inProcessWorkloads(s).size(),
                http.isEmpty() ? "" : " + " + http.size() + " HTTP service runs",
                s.scenarios() ? " + scenarios" : "",
                s.outDir());
        if (!http.isEmpty()) {
            out.println("awaitable: " + OpenFiles.describe());
        }
        Thread onInterrupt = new Thread(() -> interrupted(s, store), "awaitable-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int failedCells;
        long scenarioFailures = 0;
        try {
            failedCells =
                    new MatrixRunner(s, store, new CellRunner(s, MatrixCommand::highlights)::run, progress).run(matrix);
            if (!http.isEmpty() && !Thread.currentThread().isInterrupted()) {
                failedCells += new HttpCellRunner(s, store, progress).run(http);
            }
            if (s.scenarios()) {
                progress.starting("scenarios on loom and statemachine");
                long t0 = System.nanoTime();
                List<ScenarioResult> results = ScenarioRunner.run(ScenarioCatalog.all(), ScenarioCatalog.backends());
                store.scenarios(results);
                scenarioFailures = results.stream().filter(r -> !r.passed()).count();
                progress.finished(
                        (results.size() - scenarioFailures) + "/" + results.size() + " passed",
                        System.nanoTime() - t0,
                        false);
            }
            ReportWriter.write(store.snapshot(), s.outDir(), s.baseline());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it reports
            }
        }
        Path index = s.outDir().resolve("index.html");
        out.printf(
                "awaitable: done in %s: %d cells (%d failed)%s; report %s%n",
                Progress.format(progress.elapsed()),
                matrix.size() + http.size(),
                failedCells,
                s.scenarios() ? ", scenario failures: " + scenarioFailures : "",
                index);
        return failedCells > 0 || scenarioFailures > 0 ? 1 : 0;
    }

    /** A cell's JFR highlights, with JMC's rules unless -Dawaitable.jmcRules=false. */
    private static JfrHighlights highlights(Path recording, String relativePath, Long operations) throws Exception {
        boolean jmc = Boolean.parseBoolean(System.getProperty("awaitable.jmcRules", "true"));
        return JfrAnalyzer.highlights(JfrAnalyzer.analyze(recording, jmc), relativePath, operations);
    }

    /** Ctrl-C: the results of finished cells are already saved; write the report from them (told on stderr). */
    private static void interrupted(MatrixSettings s, ResultStore store) {
        try {
            store.save();
            RunResults partial = store.snapshot();
            ReportWriter.write(partial, s.outDir(), s.baseline());
            System.err.printf(
                    "awaitable: interrupted; %d cells saved in %s; resume with --out %s --resume%n",
                    partial.cells().size() + partial.http().size(), s.outDir(), s.outDir());
        } catch (Throwable t) {
            System.err.println("awaitable: interrupted; results so far are in "
                    + s.outDir().resolve(ResultsJson.FILE));
        }
    }
}
