package dev.awaitable.cli;

import dev.awaitable.cli.report.AgreementReport;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How far several runs of the same matrix agree: each summary ratio side by side, and changed winners. */
@Command(
        name = "agreement",
        mixinStandardHelpOptions = true,
        description = {
            "Compare the summary ratios of several runs of the same matrix (e.g. two ./awaitable compare runs):",
            "how far apart each ratio was, and whether a significant winner changed; writes agreement.md."
        })
public final class AgreementCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Folder for agreement.md (default: the first run's folder).")
    Path out;

    @Option(names = "--baseline", defaultValue = "statemachine", description = "Ratio baseline implementation.")
    String baseline;

    @Parameters(arity = "2..*", paramLabel = "RUN_DIR", description = "Output folders of the runs to compare.")
    List<Path> runs;

    @Override
    public Integer call() throws IOException {
        System.out.println("awaitable: " + write(runs, out == null ? runs.get(0) : out, baseline));
        return 0;
    }

    /** Writes {@code agreement.md} for the runs in {@code dirs} into {@code outDir}; returns the verdict and where. */
    static String write(List<Path> dirs, Path outDir, String baseline) throws IOException {
        List<RunResults> results = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            Path json = dir.resolve(ResultsJson.FILE);
            if (!Files.isRegularFile(json)) {
                throw new IllegalArgumentException(
                        "no " + ResultsJson.FILE + " in " + dir + ": not a run's output folder");
            }
            results.add(ResultsJson.read(json));
            names.add(dir.getFileName().toString());
        }
        Cli.requireWritable(outDir);
        Path file = outDir.resolve(AgreementReport.FILE);
        String verdict = AgreementReport.write(names, results, baseline, file);
        return verdict + "; " + file;
    }
}
