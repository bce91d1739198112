package dev.awaitable.cli.run;

import dev.awaitable.cli.results.RunResults;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code http-service} workload's cells: implementations x connection counts x delays, each
 * measured by every selected load generator against one server process. Its parameters travel
 * through the same {@code --param} option as the JMH workloads' and are checked here, before
 * anything runs.
 */
public final class HttpMatrix {
    public static final String ID = "http-service";
    public static final String DESCRIPTION = "A small HTTP/1.1 service on 127.0.0.1 whose handler awaits a simulated downstream call, "
            + "then answers 64 bytes; load from wrk and a Java generator over keep-alive connections";
    public static final String CLAIM = "A server handling 10,000 concurrent I/O-bound requests with async/await may use only a "
            + "handful of threads; with blocking, each request needs a dedicated thread: 10,000 threads = ~10 GB of stack memory.";
    public static final int BODY_BYTES = 64;
    /** JVM flags of the server process; the loom backend needs the opened java.lang. */
    public static final List<String> SERVER_JVM_FLAGS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx2g");

    public static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ints("connections", "concurrent keep-alive connections the generator holds open", 1, 20_000,
                    List.of(100L, 1_000L, 10_000L), List.of(100L, 1_000L, 10_000L)),
            ParamSpec.ints("delay-ms", "the handler's simulated downstream call, awaited per request", 0, 60_000,
                    List.of(10L), List.of(10L)),
            ParamSpec.ints("duration-s", "seconds of measured load per generator (one value)", 1, 600, List.of(3L), List.of(10L)),
            ParamSpec.ints("warmup-s", "seconds of Java-generator load at up to 100 connections before measuring (one value)",
                    0, 600, List.of(1L), List.of(3L)),
            ParamSpec.choice("generator", "load generators, each measured in turn against the same server process: wrk; the Java "
                            + "generator paced (steady state, all connections open); the Java generator as wrk measures (java-burst: "
                            + "all connects at once, counted in the window), the cross-check of wrk",
                    List.of("wrk", "java", "java-burst"), List.of("wrk", "java", "java-burst"), List.of("wrk", "java", "java-burst")));

    private HttpMatrix() {
    }

    /** One server process: an implementation at one connection count and delay, measured by each generator in turn. */
    public record HttpCell(Implementation implementation, int connections, int delayMs, int durationSeconds, int warmupSeconds,
            List<String> generators) {

        public String key(String generator) {
            return ID + "/" + implementation.id() + "/connections=" + connections + ",delay-ms=" + delayMs + ",generator=" + generator;
        }

        public String fileName() {
            return implementation.id() + "-c" + connections + "-d" + delayMs;
        }

        @Override
        public String toString() {
            return ID + " / " + implementation.id() + " / connections=" + connections + ", delay-ms=" + delayMs
                    + " (" + String.join(" then ", generators) + ", " + durationSeconds + " s each)";
        }
    }

    /** Whether the run includes the HTTP service: no workload named, or this one named. */
    public static boolean selected(MatrixSettings s) {
        return s.workloads().isEmpty() || s.workloads().contains(ID);
    }

    public static boolean hasParam(String name) {
        return PARAMS.stream().anyMatch(p -> p.name().equals(name));
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
        List<Implementation> impls = Matrix.implementations(s);
        List<HttpCell> all = new ArrayList<>();
        for (long c : connections) {
            for (long d : delays) {
                for (Implementation impl : impls) {
                    all.add(new HttpCell(impl, (int) c, (int) d, duration, warmup, generators));
                }
            }
        }
        return Matrix.shard(all, s);
    }

    /** For the report's legend and {@code ./awaitable list}. */
    public static RunResults.WorkloadInfo info() {
        List<String> params = PARAMS.stream().map(p -> p.name() + " (" + p.legal() + "): " + p.description()).toList();
        return new RunResults.WorkloadInfo(ID, DESCRIPTION, CLAIM, "THROUGHPUT", params);
    }

    private static ParamSpec spec(String name) {
        return PARAMS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
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
