package dev.awaitable.cli;

import dev.awaitable.analyzer.JfrAnalyzer;
import dev.awaitable.analyzer.JfrHighlights;
import dev.awaitable.cli.report.ReportWriter;
import dev.awaitable.cli.results.CellResult;
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
import java.util.ArrayList;
import java.util.List;

/**
 * What compare and bench share: check the input, measure the matrix with progress, run the
 * scenarios, write the report; save after every cell, and on interruption write what was
 * measured and say how to resume.
 */
final class MatrixCommand {
    private MatrixCommand() {}

    /**
     * Runs the matrix {@code s.repeat()} times (each run into {@code run-N} of the output folder
     * when more than once, then a report of how far the runs agree); returns the exit code.
     */
    static int run(MatrixSettings s, PrintStream out) throws Exception {
        if (s.repeat() == 1) {
            return runOnce(s, out);
        }
        Matrix.cells(s); // check the input before the first run starts
        int code = 0;
        List<Path> runs = new ArrayList<>();
        for (int r = 1; r <= s.repeat(); r++) {
            MatrixSettings one = s.toBuilder()
                    .outDir(s.outDir().resolve("run-" + r))
                    .repeat(1)
                    .build();
            out.printf("awaitable: run %d of %d%n", r, s.repeat());
            code = Math.max(code, runOnce(one, out));
            runs.add(one.outDir());
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        out.println("awaitable: " + AgreementCommand.write(runs, s.outDir(), s.baseline()));
        return code;
    }

    private static int runOnce(MatrixSettings s, PrintStream out) throws Exception {
        long start = System.nanoTime();
        List<Cell> matrix = Matrix.cells(s); // every id and value checked before anything runs
        List<HttpMatrix.HttpCell> http = HttpMatrix.cells(s);
        if (matrix.isEmpty() && http.isEmpty() && !s.scenarios()) {
            if (s.shardCount() <= 1) {
                throw new IllegalArgumentException("the selection has no cells to measure");
            }
            // more shards than parameter-set groups: this shard's share is empty, and an empty
            // run folder keeps `merge` of every shard's folder working
        }
        Cli.requireWritable(s.outDir());
        ResultStore store = new ResultStore(s.outDir());
        if (s.resume()) {
            store.load();
        }
        store.environment(EnvironmentProbe.describe(s), EnvironmentProbe.catalog(), EnvironmentProbe.implementations());
        store.save();
        if (matrix.isEmpty() && http.isEmpty() && !s.scenarios()) {
            ReportWriter.write(store.snapshot(), s.outDir(), s.baseline());
            out.printf(
                    "awaitable: shard %d/%d has no cells (the selection has fewer parameter sets than shards);"
                            + " empty results in %s%n",
                    s.shardIndex(), s.shardCount(), s.outDir());
            return 0;
        }
        int steps = MatrixRunner.steps(matrix, s) + http.size() + (s.scenarios() ? 1 : 0);
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
            MatrixRunner runner =
                    new MatrixRunner(s, store, new CellRunner(s, MatrixCommand::highlights)::run, progress);
            runner.run(matrix);
            if (!http.isEmpty() && !Thread.currentThread().isInterrupted()) {
                new HttpCellRunner(s, store, progress).run(http);
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
            if (!Thread.currentThread().isInterrupted()) {
                long deadline = s.remeasureBudget() == null
                        ? Long.MAX_VALUE
                        : start + s.remeasureBudget().toNanos();
                runner.remeasureUnstable(matrix, deadline);
            }
            RunResults done = store.snapshot();
            failedCells = (int) (done.cells().stream().filter(c -> !c.ok()).count()
                    + done.http().stream().filter(h -> !h.ok()).count());
            ReportWriter.write(done, s.outDir(), s.baseline());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it reports
            }
        }
        Path index = s.outDir().resolve("index.html");
        long unstable =
                store.snapshot().cells().stream().filter(CellResult::unstable).count();
        out.printf(
                "awaitable: done in %s: %d cells (%d failed, %d unstable)%s; report %s%n",
                Progress.format(progress.elapsed()),
                matrix.size() + http.size(),
                failedCells,
                unstable,
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
