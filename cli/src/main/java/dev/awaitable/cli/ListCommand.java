package dev.awaitable.cli;

import dev.awaitable.scenarios.Scenario;
import dev.awaitable.scenarios.ScenarioCatalog;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** Prints the catalog: workloads with their parameters and implementations, then the scenarios. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the workloads and scenarios.")
public final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("Workloads (" + WorkloadCatalog.all().size() + "):");
        for (Workload w : WorkloadCatalog.all()) {
            System.out.printf("  %-16s %s%n", w.id(), w.description());
            System.out.printf("  %-16s tests: %s%n", "", w.claim());
            String how = w.kind() == Workload.Kind.SERVICE
                    ? "a server under load"
                    : "shape: " + w.shape().name().toLowerCase(Locale.ROOT);
            System.out.printf(
                    "  %-16s %s; implementations: %s%n",
                    "",
                    how,
                    w.implementations().stream().map(Implementation::id).collect(Collectors.joining(", ")));
            for (Implementation i : Implementation.values()) {
                String why = w.notImplemented(i);
                if (why != null) {
                    System.out.printf("  %-16s not %s: %s%n", "", i.id(), why);
                }
            }
            for (ParamSpec p : w.params()) {
                System.out.printf(
                        "  %-16s   %s (%s): %s; quick %s, full %s%n",
                        "",
                        p.name(),
                        p.legal(),
                        p.description(),
                        String.join(",", p.quick()),
                        String.join(",", p.full()));
            }
        }
        System.out.println();
        System.out.println("Implementations:");
        for (Implementation i : Implementation.values()) {
            System.out.printf("  %-20s %s%n", i.id(), i.description());
        }
        System.out.println();
        System.out.println("Scenarios (" + ScenarioCatalog.all().size() + ", each run on "
                + String.join(" and ", ScenarioCatalog.backends()) + "):");
        for (Scenario s : ScenarioCatalog.all()) {
            System.out.printf("  %-30s %s%n", s.id(), s.title());
            System.out.printf("  %-30s expected: %s (seed: %s)%n", "", s.expected(), s.seed());
        }
        return 0;
    }
}
