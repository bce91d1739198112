package dev.awaitable.cli;

import dev.awaitable.cli.run.MatrixSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: the quick matrix (every workload x implementation x quick params) with JFR, scenarios, report. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Run the quick comparison matrix (every workload, both backends, both peers, quick parameters)",
            "with JFR on, run the scenarios, and write report/index.html, report.md and report.json."
        })
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Output folder (default: out/compare-<timestamp>).")
    Path out;

    @Option(
            names = {"-w", "--workloads"},
            split = ",",
            description = "Only these workload ids (see ./awaitable list).")
    List<String> workloads;

    @Option(
            names = {"-i", "--implementations"},
            split = ",",
            description = "Only these implementations: loom, statemachine, statemachine-woven, virtual-threads,"
                    + " completable-future, blocking, kotlin-coroutines (default: all but blocking and"
                    + " statemachine-woven).")
    List<String> implementations;

    @Option(names = "--no-jfr", description = "Do not record JFR.")
    boolean noJfr;

    @Option(
            names = "--jfr-awaits",
            description =
                    "Also record per-await Suspend/Resume events (resume latency percentiles; slows our backends' cells).")
    boolean jfrAwaits;

    @Option(names = "--no-scenarios", description = "Do not run the scenarios.")
    boolean noScenarios;

    @Mixin
    RepeatOption repeat = new RepeatOption();

    @Option(names = "--resume", description = "Skip cells already measured OK in --out (after an interrupted run).")
    boolean resume;

    @Option(
            names = "--baseline",
            defaultValue = "statemachine",
            description = "Implementation the Ratio column divides by (default: ${DEFAULT-VALUE}).")
    String baseline;

    @Override
    public Integer call() throws Exception {
        int runs = repeat.runs();
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out: the folder of the run to resume");
        }
        dev.awaitable.workloads.Implementation.byId(baseline);
        MatrixSettings s = MatrixSettings.quick(Cli.outDir(out, "compare"), commandLine())
                .workloads(Cli.list(workloads))
                .implementations(Cli.list(implementations))
                .jfr(!noJfr)
                .jfrAwaitEvents(jfrAwaits)
                .scenarios(!noScenarios)
                .resume(resume)
                .baseline(baseline)
                .repeat(runs)
                .build();
        return MatrixCommand.run(s, System.out);
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("./awaitable compare");
        if (workloads != null) {
            sb.append(" --workloads ").append(String.join(",", workloads));
        }
        if (implementations != null) {
            sb.append(" --implementations ").append(String.join(",", implementations));
        }
        if (noJfr) {
            sb.append(" --no-jfr");
        }
        if (jfrAwaits) {
            sb.append(" --jfr-awaits");
        }
        if (noScenarios) {
            sb.append(" --no-scenarios");
        }
        if (repeat.repeat > 1) {
            sb.append(" --repeat ").append(repeat.repeat);
        }
        return sb.toString();
    }
}
