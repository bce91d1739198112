package dev.awaitable.cli;

import dev.awaitable.analyzer.JfrAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Backend-aware analysis of any JFR recording. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Analyze JFR recordings (ours or any program's): suspensions and resume latency, pinned virtual",
            "threads, allocation, GC pauses, parking, and JMC's automated analysis rules plus our own."
        })
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE.jfr", description = "Recordings to analyze.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--vs", paramLabel = "OTHER.jfr", description = "Compare side by side with this recording.")
    Path vs;

    @Override
    public Integer call() {
        return JfrAnalyzer.analyzeCommand(files, vs, json, System.out, System.err);
    }
}
