package dev.awaitable.workloads.httpservice;

import dev.awaitable.http.HttpServerMain;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadRun;
import java.util.List;

/**
 * The HTTP service under load: each implementation's server ({@link HttpServerMain}, module
 * {@code http-service}) in a JVM of its own on 127.0.0.1, driven by load generators over
 * keep-alive connections. A {@link Kind#SERVICE} workload: nothing of it runs in the measuring
 * JVM, so {@link #open} is not supported; the runner starts the server and the generators.
 */
public final class HttpServiceWorkload implements Workload {

    public static final String ID = "http-service";
    /** Bytes of every response body. */
    public static final int BODY_BYTES = 64;
    /** JVM flags of the server process; the loom backend needs the opened java.lang. */
    public static final List<String> SERVER_JVM_FLAGS =
            List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx2g");
    /** The server's main class, run on the measuring JVM's class path. */
    public static final String SERVER_MAIN = HttpServerMain.class.getName();

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ints(
                    "connections",
                    "concurrent keep-alive connections the generator holds open",
                    1,
                    20_000,
                    List.of(10_000L),
                    List.of(100L, 1_000L, 10_000L)),
            ParamSpec.ints(
                    "delay-ms",
                    "the handler's simulated downstream call, awaited per request",
                    0,
                    60_000,
                    List.of(10L),
                    List.of(10L)),
            ParamSpec.ints(
                    "duration-s",
                    "seconds of measured load per generator (one value)",
                    1,
                    600,
                    List.of(3L),
                    List.of(10L)),
            ParamSpec.ints(
                    "warmup-s",
                    "seconds of Java-generator load at up to 100 connections before measuring (one value)",
                    0,
                    600,
                    List.of(1L),
                    List.of(3L)),
            ParamSpec.choice(
                    "generator",
                    "load generators, each measured in turn against the same server process: wrk; the Java "
                            + "generator paced (steady state, all connections open); the Java generator as wrk measures (java-burst: "
                            + "all connects at once, counted in the window), the cross-check of wrk",
                    List.of("wrk", "java", "java-burst"),
                    List.of("java"), // quick: one generator, the one every machine has
                    List.of("wrk", "java", "java-burst")));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A small HTTP/1.1 service on 127.0.0.1 whose handler awaits a simulated downstream call, then answers "
                + BODY_BYTES + " bytes; load from wrk and a Java generator over keep-alive connections";
    }

    @Override
    public String claim() {
        return "A server handling 10,000 concurrent I/O-bound requests with async/await may use only a handful of threads; "
                + "with blocking, each request needs a dedicated thread: 10,000 threads = ~10 GB of stack memory.";
    }

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public Kind kind() {
        return Kind.SERVICE;
    }

    /** How the service runs, for the report's legend. */
    @Override
    public String setup() {
        return "The server runs in a JVM of its own (" + String.join(" ", SERVER_JVM_FLAGS)
                + "); the load generators run on the " + "same machine as the server";
    }

    @Override
    public String notImplemented(Implementation impl) {
        return impl == Implementation.STATEMACHINE_WOVEN
                ? "its loom server does blocking socket I/O in its bodies (loom parks the virtual thread; a"
                        + " machine would block its thread)"
                : null;
    }

    @Override
    public WorkloadRun open(Implementation impl, Params params) {
        throw new UnsupportedOperationException(ID + " runs as a server under load, not in the measuring JVM");
    }

    @Override
    public String toString() {
        return ID;
    }
}
