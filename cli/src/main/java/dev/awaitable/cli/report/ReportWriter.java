package dev.awaitable.cli.report;

import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes what {@code ./awaitable compare} leaves behind, into one folder, replacing earlier files,
 * from the recorded {@link RunResults} alone (a merged or old run renders what was recorded):
 * <ul>
 *   <li>{@value #JSON}: the results themselves ({@link ResultsJson});</li>
 *   <li>{@value #MARKDOWN}: environment, summary, scenarios, and a table with legend per workload;</li>
 *   <li>{@value #HTML}: the same with charts, as one self-contained page that opens offline.</li>
 * </ul>
 * Each file is written beside its destination and moved into place.
 *
 * <p>Links to JFR recordings are the recordings' paths as the results hold them (relative to
 * the run's output folder), so the report belongs in that folder.
 *
 * <p>Ratios: each cell's mean divided by the mean of the baseline implementation at the same
 * workload and parameters, as BenchmarkDotNet's Ratio column; only ok cells take part.
 */
public final class ReportWriter {

    public static final String JSON = ResultsJson.FILE;
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "index.html";

    private ReportWriter() {}

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
        ResultsJson.write(results, outDir);
        ResultsJson.replace(outDir.resolve(MARKDOWN), MarkdownReport.render(model));
        ResultsJson.replace(outDir.resolve(HTML), HtmlReport.render(model));
    }
}
