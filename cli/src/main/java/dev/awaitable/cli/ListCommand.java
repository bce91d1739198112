package dev.awaitable.cli;

import dev.awaitable.cli.run.HttpMatrix;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** Prints the catalog: workloads with their parameters and implementations, then the scenarios. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the workloads and scenarios.")
public final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("Workloads (" + (WorkloadCatalog.all().size() + 1) + "):");
        for (Workload w : WorkloadCatalog.all()) {
            System.out.printf("  %-16s %s%n", w.id(), w.description());
            System.out.printf("  %-16s tests: %s%n", "", w.claim());
            System.out.printf("  %-16s shape: %s; implementations: %s%n", "", w.shape().name().toLowerCase(),
                    w.implementations().stream().map(Implementation::id).collect(Collectors.joining(", ")));
            for (ParamSpec p : w.params()) {
                System.out.printf("  %-16s   %s (%s): %s; quick %s, full %s%n", "", p.name(), p.legal(), p.description(),
                        String.join(",", p.quick()), String.join(",", p.full()));
            }
        }
        System.out.printf("  %-16s %s%n", HttpMatrix.ID, HttpMatrix.DESCRIPTION);
        System.out.printf("  %-16s tests: %s%n", "", HttpMatrix.CLAIM);
        System.out.printf("  %-16s shape: real sockets, measured by wrk and a Java generator; implementations: %s%n", "",
                Arrays.stream(Implementation.values()).map(Implementation::id).collect(Collectors.joining(", ")));
        for (ParamSpec p : HttpMatrix.PARAMS) {
            System.out.printf("  %-16s   %s (%s): %s; quick %s, full %s%n", "", p.name(), p.legal(), p.description(),
                    String.join(",", p.quick()), String.join(",", p.full()));
        }
        System.out.println();
        System.out.println("Implementations:");
        for (Implementation i : Implementation.values()) {
            System.out.printf("  %-20s %s%n", i.id(), i.description());
        }
        System.out.println();
        Wiring.listScenarios(System.out);
        return 0;
    }
}
