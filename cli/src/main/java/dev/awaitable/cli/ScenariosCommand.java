package dev.awaitable.cli;

import dev.awaitable.scenarios.ScenarioCatalog;
import dev.awaitable.scenarios.ScenarioResult;
import dev.awaitable.scenarios.ScenarioRunner;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the seed claims as experiments on both backends and prints a table; any failure exits 1. */
@Command(
        name = "scenarios",
        mixinStandardHelpOptions = true,
        description = "Run every scenario (a seed claim as an experiment) on both backends; exit 1 if any fails.")
public final class ScenariosCommand implements Callable<Integer> {

    @Option(names = "--only", split = ",", description = "Only these scenario ids.")
    List<String> only;

    @Option(
            names = "--backends",
            split = ",",
            defaultValue = "loom,statemachine",
            description = "Backends to run on (default: ${DEFAULT-VALUE}).")
    List<String> backends;

    @Override
    public Integer call() {
        List<String> on = Cli.list(backends);
        List<ScenarioResult> results = ScenarioRunner.run(ScenarioCatalog.select(Cli.list(only), on), on);
        int idWidth = Math.max(
                8, results.stream().mapToInt(r -> r.id().length()).max().orElse(8));
        String row = "%-" + idWidth + "s  %-12s  %-4s  %s%n";
        System.out.printf(row, "scenario", "backend", "", "observed");
        long failed = 0;
        for (ScenarioResult r : results) {
            System.out.printf(row, r.id(), r.backend(), r.passed() ? "PASS" : "FAIL", r.observed());
            if (!r.passed()) {
                failed++;
                System.out.printf(row, "", "", "", "expected: " + r.expected());
            }
        }
        System.out.printf("%d of %d passed%n", results.size() - failed, results.size());
        return failed == 0 ? 0 : 1;
    }
}
