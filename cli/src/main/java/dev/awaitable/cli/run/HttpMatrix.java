package dev.awaitable.cli.run;

import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import dev.awaitable.workloads.httpservice.HttpServiceWorkload;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells of the {@link HttpServiceWorkload}, the catalog's service workload: implementations x
 * connection counts x delays, each measured by every selected load generator against one server
 * process. Its parameters travel through the same {@code --param} option as the in-process
 * workloads' and are checked here, before anything runs.
 */
public final class HttpMatrix {
    private static final Workload SERVICE = WorkloadCatalog.byId(HttpServiceWorkload.ID);

    private HttpMatrix() {}

    /** One server process: an implementation at one connection count and delay, measured by each generator in turn. */
    public record HttpCell(
            Implementation implementation,
            int connections,
            int delayMs,
            int durationSeconds,
            int warmupSeconds,
            List<String> generators) {

        public String key(String generator) {
            return HttpServiceWorkload.ID + "/" + implementation.id() + "/connections=" + connections + ",delay-ms="
                    + delayMs + ",generator=" + generator;
        }

        public String fileName() {
            return implementation.id() + "-c" + connections + "-d" + delayMs;
        }

        @Override
        public String toString() {
            return HttpServiceWorkload.ID + " / " + implementation.id() + " / connections=" + connections
                    + ", delay-ms=" + delayMs + " (" + String.join(" then ", generators) + ", " + durationSeconds
                    + " s each)";
        }
    }

    /** Whether the run includes the HTTP service: no workload named, or this one named. */
    public static boolean selected(MatrixSettings s) {
        return Matrix.workloads(s).contains(SERVICE);
    }

    /** The cells, in order (connections, delay, implementation), restricted to the run's shard; empty if not selected. */
    public static List<HttpCell> cells(MatrixSettings s) {
        if (!selected(s)) {
            return List.of();
        }
        List<Long> connections = ints(s, "connections");
        List<Long> delays = ints(s, "delay-ms");
        int duration = single(s, "duration-s");
        int warmup = single(s, "warmup-s");
        List<String> generators = values(s, "generator").stream().distinct().toList();
        // blocking included: thread-per-connection is its real use; an external implementation
        // (kotlin-coroutines) only where it has a server
        List<Implementation> impls = Matrix.named(s).stream()
                .filter(SERVICE.implementations()::contains)
                .toList();
        List<HttpCell> all = new ArrayList<>();
        for (long c : connections) {
            for (long d : delays) {
                for (Implementation impl : impls) {
                    all.add(new HttpCell(impl, (int) c, (int) d, duration, warmup, generators));
                }
            }
        }
        return Matrix.shard(all, s, c -> c.connections() + "/" + c.delayMs());
    }

    private static ParamSpec spec(String name) {
        return SERVICE.params().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> values(MatrixSettings s, String name) {
        ParamSpec spec = spec(name);
        List<String> raw = s.paramOverrides().getOrDefault(name, s.full() ? spec.full() : spec.quick());
        return raw.stream().map(spec::validate).toList();
    }

    private static List<Long> ints(MatrixSettings s, String name) {
        return values(s, name).stream().map(Long::parseLong).distinct().toList();
    }

    private static int single(MatrixSettings s, String name) {
        List<Long> v = ints(s, name);
        if (v.size() != 1) {
            throw new IllegalArgumentException("parameter " + name + " takes one value, got " + v.size());
        }
        return v.get(0).intValue();
    }
}
