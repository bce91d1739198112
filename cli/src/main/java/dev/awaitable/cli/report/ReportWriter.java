package dev.awaitable.cli.report;

import dev.awaitable.cli.results.RunResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes what {@code ./awaitable compare} leaves behind, into one folder, replacing earlier files:
 * <ul>
 *   <li>{@value #JSON}: the {@link RunResults} as JSON, the source of truth: {@link #read} takes
 *       it back to resume an interrupted run or to merge shards;</li>
 *   <li>{@value #MARKDOWN}: environment, summary, scenarios, and a table with legend per workload;</li>
 *   <li>{@value #HTML}: the same with charts, as one self-contained page that opens offline.</li>
 * </ul>
 * Each file is written beside its destination and moved into place, so an interrupted write
 * never leaves a truncated {@value #JSON} for a resumed run to read.
 *
 * <p>Links to JFR recordings are the recordings' paths as the results hold them (relative to
 * the run's output folder), so the report belongs in that folder.
 *
 * <p>Ratios: each cell's mean divided by the mean of the baseline implementation at the same
 * workload and parameters, as BenchmarkDotNet's Ratio column; only ok cells take part.
 */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "index.html";

    private ReportWriter() {
    }

    /**
     * Writes the three files into {@code outDir} (created if missing).
     *
     * @param results                what the run measured
     * @param outDir                 the run's output folder
     * @param baselineImplementation the implementation id whose mean is 1.00 in the ratio columns
     * @throws IOException when the folder or a file cannot be written; the message names it
     */
    public static void write(RunResults results, Path outDir, String baselineImplementation) throws IOException {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(baselineImplementation, "baselineImplementation");
        ReportModel model = new ReportModel(results, baselineImplementation);
        Files.createDirectories(outDir);
        replace(outDir.resolve(JSON), ReportJson.write(results));
        replace(outDir.resolve(MARKDOWN), MarkdownReport.render(model));
        replace(outDir.resolve(HTML), HtmlReport.render(model));
    }

    /**
     * Writes only {@value #JSON} (atomically): what a run saves after every cell, so an
     * interrupted run keeps what it measured and {@code --resume} can read it back.
     */
    public static void writeJson(RunResults results, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        replace(outDir.resolve(JSON), ReportJson.write(results));
    }

    /** Reads a {@value #JSON} written by {@link #write}; fields this version does not know are ignored. */
    public static RunResults read(Path reportJson) throws IOException {
        return ReportJson.read(reportJson);
    }

    private static void replace(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
