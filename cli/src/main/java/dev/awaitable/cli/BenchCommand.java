package dev.awaitable.cli;

import dev.awaitable.cli.run.MatrixSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The full matrix, with every knob: workloads, implementations, parameter values, JMH settings, shards. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Run the benchmark matrix (full parameter values by default) and write the report.",
            "Split a large matrix across machines with --shard i/n and combine with ./awaitable merge."
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Output folder (default: out/bench-<timestamp>).")
    Path out;

    @Option(
            names = {"-w", "--workloads"},
            split = ",",
            description = "Only these workload ids.")
    List<String> workloads;

    @Option(
            names = {"-i", "--implementations"},
            split = ",",
            description = "Only these implementations.")
    List<String> implementations;

    @Option(
            names = {"-p", "--param"},
            description = "Parameter values, repeatable: name=v1,v2 (e.g. depth=1,10,100).")
    List<String> params;

    @Option(names = "--quick", description = "Use the quick parameter values instead of the full ones.")
    boolean quick;

    @Option(
            names = {"-f", "--forks"},
            defaultValue = "2",
            description = "Forks per cell, run in rounds across implementations (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            description =
                    "JMH warmup iterations, after each fork has warmed up until steady (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--iterations",
            defaultValue = "5",
            description = "Measurement iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--iteration-ms",
            defaultValue = "1000",
            description = "Milliseconds per iteration (default: ${DEFAULT-VALUE}).")
    int iterationMs;

    @Option(
            names = "--memory-tasks",
            defaultValue = "0",
            description = "Tasks suspended at once for memory per task (default: the workload's tasks parameter).")
    int memoryTasks;

    @Option(names = "--no-jfr", description = "Do not record JFR.")
    boolean noJfr;

    @Option(
            names = "--jfr-awaits",
            description = "Also record per-await Suspend/Resume events (slows our backends' cells).")
    boolean jfrAwaits;

    @Option(names = "--scenarios", description = "Also run the scenarios.")
    boolean scenarios;

    @Option(names = "--shard", description = "Run only shard i of n (1-based), e.g. 2/4.")
    String shard;

    @Mixin
    RepeatOption repeat = new RepeatOption();

    @Option(names = "--resume", description = "Skip cells already measured OK in --out.")
    boolean resume;

    @Option(names = "--baseline", defaultValue = "statemachine", description = "Ratio baseline implementation.")
    String baseline;

    @Override
    public Integer call() throws Exception {
        int runs = repeat.runs();
        if (forks < 1 || forks > 20) {
            throw new IllegalArgumentException("--forks must be 1..20, was " + forks);
        }
        if (warmup < 0 || warmup > 100 || iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("--warmup must be 0..100 and --iterations 1..100");
        }
        if (iterationMs < 10 || iterationMs > 600_000) {
            throw new IllegalArgumentException("--iteration-ms must be 10..600000, was " + iterationMs);
        }
        if (memoryTasks < 0 || memoryTasks > 10_000_000) {
            throw new IllegalArgumentException("--memory-tasks must be 0..10000000, was " + memoryTasks);
        }
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out: the folder of the run to resume");
        }
        dev.awaitable.workloads.Implementation.byId(baseline);
        int[] sh = Cli.shard(shard);
        String command = "./awaitable bench "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        MatrixSettings s = MatrixSettings.full(Cli.outDir(out, "bench"), command)
                .full(!quick)
                .workloads(Cli.list(workloads))
                .implementations(Cli.list(implementations))
                .paramOverrides(Cli.params(params))
                .forks(forks)
                .warmupIterations(warmup)
                .iterations(iterations)
                .iterationMillis(iterationMs)
                .jfr(!noJfr)
                .jfrAwaitEvents(jfrAwaits)
                .memoryTasks(memoryTasks)
                .scenarios(scenarios)
                .shard(sh[0], sh[1])
                .resume(resume)
                .baseline(baseline)
                .repeat(runs)
                .build();
        return MatrixCommand.run(s, System.out);
    }
}
