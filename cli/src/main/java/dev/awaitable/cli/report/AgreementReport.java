package dev.awaitable.cli.report;

import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes {@value #FILE}: how far several runs of one matrix agree ({@link Agreement}). */
public final class AgreementReport {

    public static final String FILE = "agreement.md";

    private AgreementReport() {}

    /** Writes the page to {@code file}; returns its one-line verdict. */
    public static String write(List<String> runNames, List<RunResults> runs, String baseline, Path file)
            throws IOException {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("agreement needs two runs or more, got " + runs.size());
        }
        Agreement a = new Agreement(runNames, runs, baseline);
        ResultsJson.replace(file, a.markdown());
        return a.verdict();
    }
}
