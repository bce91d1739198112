package dev.awaitable.cli.run;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.Environment;
import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.scenarios.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's results on disk, {@code report.json}, rewritten after every cell (to a temporary
 * file, then moved into place) so an interrupted run loses at most the cell in progress, and a
 * re-run with {@code --resume} skips every cell already measured OK.
 */
public final class ResultStore {

    private final Path outDir;
    private final Path file;
    private final Map<String, CellResult> cells = new LinkedHashMap<>();
    private final List<ScenarioResult> scenarios = new ArrayList<>();
    private final Map<String, HttpCellResult> http = new LinkedHashMap<>();
    private Environment environment;
    private List<RunResults.WorkloadInfo> workloads = List.of();
    private List<RunResults.ImplementationInfo> implementations = List.of();

    public ResultStore(Path outDir) {
        this.outDir = outDir;
        this.file = outDir.resolve(ResultsJson.FILE);
    }

    /** Loads what an earlier run in the same folder measured. */
    public synchronized void load() throws IOException {
        if (Files.exists(file)) {
            RunResults previous = ResultsJson.read(file);
            for (CellResult c : previous.cells()) {
                cells.put(c.key(), c);
            }
            scenarios.addAll(previous.scenarios() == null ? List.of() : previous.scenarios());
            for (HttpCellResult h : previous.http()) {
                http.put(h.key(), h);
            }
        }
    }

    public synchronized boolean measuredOk(String cellKey) {
        CellResult c = cells.get(cellKey);
        return c != null && c.ok();
    }

    /** The cell's result so far, or null. */
    public synchronized CellResult result(String cellKey) {
        return cells.get(cellKey);
    }

    public synchronized boolean httpMeasuredOk(String cellKey) {
        HttpCellResult c = http.get(cellKey);
        return c != null && c.ok();
    }

    public synchronized void put(HttpCellResult result) throws IOException {
        http.put(result.key(), result);
        save();
    }

    /** What the run records besides its measurements: where and how, and the catalog as it was. */
    public synchronized void environment(
            Environment env,
            List<RunResults.WorkloadInfo> catalog,
            List<RunResults.ImplementationInfo> implementations) {
        this.environment = env;
        this.workloads = catalog;
        this.implementations = implementations;
    }

    public synchronized void put(CellResult result) throws IOException {
        cells.put(result.key(), result);
        save();
    }

    public synchronized void scenarios(List<ScenarioResult> results) throws IOException {
        scenarios.clear();
        scenarios.addAll(results);
        save();
    }

    public synchronized RunResults snapshot() {
        return new RunResults(
                environment,
                List.copyOf(cells.values()),
                List.copyOf(scenarios),
                workloads,
                List.copyOf(http.values()),
                implementations);
    }

    /** Writes report.json atomically. */
    public synchronized void save() throws IOException {
        ResultsJson.write(snapshot(), outDir);
    }
}
