package dev.awaitable.cli;

import dev.awaitable.cli.report.ReportWriter;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.scenarios.ScenarioResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Combines the output folders of sharded runs into one report. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = "Merge the results of several runs (e.g. bench --shard i/n) into one report.")
public final class MergeCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder for the merged report.")
    Path out;

    @Option(names = "--baseline", defaultValue = "statemachine", description = "Ratio baseline implementation.")
    String baseline;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Output folders of the runs to merge.")
    List<Path> runs;

    @Override
    public Integer call() throws Exception {
        Cli.requireWritable(out);
        Map<String, CellResult> cells = new LinkedHashMap<>();
        Map<String, HttpCellResult> http = new LinkedHashMap<>();
        List<ScenarioResult> scenarios = new ArrayList<>();
        RunResults first = null;
        for (Path dir : runs) {
            Path json = dir.resolve(ResultsJson.FILE);
            if (!Files.isRegularFile(json)) {
                throw new IllegalArgumentException(
                        "no " + ResultsJson.FILE + " in " + dir + ": not a run's output folder");
            }
            RunResults r = ResultsJson.read(json);
            if (first == null) {
                first = r;
            }
            for (CellResult c : r.cells()) {
                CellResult prev = cells.get(c.key());
                if (prev == null || !prev.ok()) {
                    cells.put(c.key(), c);
                }
            }
            for (HttpCellResult h : r.http()) {
                HttpCellResult prev = http.get(h.key());
                if (prev == null || !prev.ok()) {
                    http.put(h.key(), h);
                }
            }
            if (r.scenarios() != null && scenarios.isEmpty()) {
                scenarios.addAll(r.scenarios());
            }
            copyTree(dir.resolve("jmh"), out.resolve("jmh"));
            copyTree(dir.resolve("jfr"), out.resolve("jfr"));
            copyTree(dir.resolve("http"), out.resolve("http"));
        }
        RunResults merged = new RunResults(
                first.environment(),
                List.copyOf(cells.values()),
                scenarios,
                first.workloads(),
                List.copyOf(http.values()),
                first.implementations());
        ReportWriter.write(merged, out, baseline);
        System.out.printf(
                "awaitable: merged %d runs, %d cells, into %s%n",
                runs.size(), cells.size() + http.size(), out.resolve("index.html"));
        return 0;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)
                || from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
