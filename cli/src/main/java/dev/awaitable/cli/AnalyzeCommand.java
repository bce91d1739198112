package dev.awaitable.cli;

import dev.awaitable.analyzer.AnalyzeOptions;
import dev.awaitable.analyzer.JfrAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Backend-aware analysis of any JFR recording. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Analyze JFR recordings (ours or any program's): hot methods, lock contention, parking, sleeps and",
            "socket I/O at the application frame, latencies by type, pinned virtual threads, allocation, GC",
            "pauses, suspensions and resume latency per backend, what the recording's thresholds left out,",
            "and JMC's automated analysis rules plus our own."
        })
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE.jfr", description = "Recordings to analyze.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(
            names = "--html",
            paramLabel = "PAGE.html",
            description = "Also write the analysis as one self-contained HTML page (charts included, opens offline).")
    Path html;

    @ArgGroup(exclusive = false, heading = "Comparing two recordings%n")
    Versus versus;

    @Spec
    CommandSpec spec;

    /** {@code --vs}, and the operation counts that make per-operation rows, both or neither. */
    static final class Versus {
        @Option(
                names = "--vs",
                required = true,
                paramLabel = "OTHER.jfr",
                description = "Compare side by side with this recording, per second of each recording.")
        Path vs;

        @ArgGroup(exclusive = false)
        Operations operations;
    }

    /** Both counts or neither: a per-operation ratio needs both sides. */
    static final class Operations {
        @Option(
                names = "--ops",
                required = true,
                paramLabel = "N",
                description = "Operations done during FILE.jfr's recording: adds per-operation rows (with --vs-ops).")
        long ops;

        @Option(
                names = "--vs-ops",
                required = true,
                paramLabel = "N",
                description = "Operations done during OTHER.jfr's recording. Without both counts, per-operation rows "
                        + "come from Awaitable's statistics events when both recordings have them.")
        long vsOps;
    }

    @Override
    public Integer call() {
        Long ops = null;
        Long vsOps = null;
        if (versus != null && versus.operations != null) {
            if (versus.operations.ops <= 0 || versus.operations.vsOps <= 0) {
                throw new ParameterException(spec.commandLine(), "--ops and --vs-ops must be positive");
            }
            ops = versus.operations.ops;
            vsOps = versus.operations.vsOps;
        }
        return JfrAnalyzer.analyzeCommand(
                new AnalyzeOptions(files, versus == null ? null : versus.vs, ops, vsOps, json, html),
                System.out,
                System.err);
    }
}
