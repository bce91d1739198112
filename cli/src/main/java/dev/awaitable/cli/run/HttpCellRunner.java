package dev.awaitable.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.run.HttpMatrix.HttpCell;
import dev.awaitable.http.load.JavaLoadGenerator;
import dev.awaitable.http.load.LoadGenerator;
import dev.awaitable.http.load.LoadResult;
import dev.awaitable.http.load.Wrk;
import dev.awaitable.http.load.WrkUnavailableException;
import dev.awaitable.workloads.httpservice.HttpServiceWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the HTTP service cells. Per cell, one server process ({@link ServerProcess}); then:
 * <ol>
 *   <li>warm-up: the Java generator at up to 100 connections for {@code warmup-s}, so the JIT
 *       has compiled the request path before anything is measured;</li>
 *   <li>for each generator in turn: the server's idle resident set and virtual size, a reset of
 *       its peak counters, the load for {@code duration-s}, then the server's counters (its own
 *       sampler keeps the peaks of threads, carriers, resident set and virtual size)
 *       (peak threads and carriers, CPU time, committed heap); then a wait until the server has
 *       closed every connection, so the next generator starts from an idle server.</li>
 * </ol>
 * Each generator's result is saved as soon as it is measured. A generator that cannot run (wrk
 * missing and not installable) fails its own cells and leaves the others alone.
 */
public final class HttpCellRunner {
    /** The progress kind of an HTTP cell (its time is nothing like a JMH cell's). */
    public static final String KIND = "http";
    /** Connections of the warm-up load. */
    static final int WARMUP_CONNECTIONS = 100;

    private final MatrixSettings settings;
    private final ResultStore store;
    private final Progress progress;
    private final Path dir;
    private Object wrk; // the wrk executable (Path), or why it cannot run (String); looked up once

    public HttpCellRunner(MatrixSettings settings, ResultStore store, Progress progress) {
        this.settings = settings;
        this.store = store;
        this.progress = progress;
        this.dir = settings.outDir().resolve("http");
    }

    /** About how long a cell takes on average: server start, warm-up, then each generator's window and idle wait. */
    public static Duration estimate(List<HttpCell> cells) {
        return Duration.ofNanos((long)
                cells.stream().mapToLong(c -> estimate(c).toNanos()).average().orElse(0));
    }

    static Duration estimate(HttpCell cell) {
        return Duration.ofSeconds(4L
                + cell.warmupSeconds()
                + cell.generators().size() * (cell.durationSeconds() + 3L)
                + (cell.connections() >= 5_000 ? 2L * cell.generators().size() : 0));
    }

    /** Measures every cell; returns how many generator results failed. */
    public int run(List<HttpCell> cells) throws IOException {
        int failed = 0;
        Files.createDirectories(dir);
        for (HttpCell cell : cells) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            progress.starting(cell.toString());
            if (cell.generators().stream().allMatch(g -> alreadyMeasured(cell, g))) {
                progress.finished(KIND, "already measured (resume)", 0, true);
                continue;
            }
            long start = System.nanoTime();
            List<String> lines = new ArrayList<>();
            for (HttpCellResult r : measure(cell)) {
                store.put(r);
                if (!r.ok()) {
                    failed++;
                }
                lines.add(summary(r));
            }
            progress.finished(KIND, String.join("\n        ", lines), System.nanoTime() - start, false);
        }
        return failed;
    }

    private List<HttpCellResult> measure(HttpCell cell) {
        List<HttpCellResult> out = new ArrayList<>();
        Path log = dir.resolve(cell.fileName() + ".log");
        int perGenerator = cell.durationSeconds() + (int) timeout(cell).toSeconds() + 60;
        int maxSeconds = 120
                + cell.warmupSeconds() * 2
                + perGenerator * cell.generators().size();
        try (ServerProcess server = ServerProcess.start(
                cell.implementation().id(),
                cell.delayMs(),
                HttpServiceWorkload.BODY_BYTES,
                Math.max(cell.connections(), 128),
                maxSeconds,
                log)) {
            if (cell.warmupSeconds() > 0) {
                new JavaLoadGenerator(Duration.ofMillis(cell.delayMs()))
                        .run(
                                "127.0.0.1",
                                server.port(),
                                "/",
                                Math.min(cell.connections(), WARMUP_CONNECTIONS),
                                Duration.ofSeconds(cell.warmupSeconds()),
                                timeout(cell));
                awaitIdle(server);
            }
            for (String g : cell.generators()) {
                if (alreadyMeasured(cell, g)) {
                    continue;
                }
                out.add(measureOne(server, cell, g));
                awaitIdle(server);
            }
        } catch (IOException | RuntimeException e) {
            String reason =
                    CellRunner.oneLine(e) + " (server log: " + settings.outDir().relativize(log) + ")";
            for (String g : cell.generators()) {
                if (out.stream().noneMatch(r -> r.generator().equals(g)) && !alreadyMeasured(cell, g)) {
                    out.add(HttpCellResult.failed(
                            cell.implementation().id(), cell.connections(), cell.delayMs(), g, reason));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private HttpCellResult measureOne(ServerProcess server, HttpCell cell, String generatorId)
            throws IOException, InterruptedException {
        String impl = cell.implementation().id();
        String fds = generatorId.startsWith("java") ? OpenFiles.shortfall(cell.connections()) : null;
        if (fds != null) {
            return HttpCellResult.failed(impl, cell.connections(), cell.delayMs(), generatorId, fds);
        }
        LoadGenerator generator;
        try {
            generator = generator(generatorId, cell);
        } catch (WrkUnavailableException e) {
            return HttpCellResult.failed(impl, cell.connections(), cell.delayMs(), generatorId, e.getMessage());
        }
        JsonNode idle = server.stats();
        server.reset();
        JsonNode before = server.stats();
        LoadResult load = generator.run(
                "127.0.0.1",
                server.port(),
                "/",
                cell.connections(),
                Duration.ofSeconds(cell.durationSeconds()),
                timeout(cell));
        JsonNode after = server.stats();
        Long peakRss = longOf(after, "peakRssBytes");
        Long peakVm = longOf(after, "peakVmSizeBytes");
        Long idleRss = longOf(idle, "rssBytes");
        Long idleVm = longOf(idle, "vmSizeBytes");
        Long cpu0 = longOf(before, "cpuNanos");
        Long cpu1 = longOf(after, "cpuNanos");
        Double cpuSeconds = cpu0 == null || cpu1 == null ? null : (cpu1 - cpu0) / 1e9;
        long requests = load.requests();
        // Per connection the server really held: a slow acceptor may never have all of them open at once.
        Integer peakOpen = intOf(after, "peakOpenConnections");
        int held = peakOpen != null && peakOpen > 0 ? peakOpen : cell.connections();
        String status = requests > 0
                ? "ok"
                : "failed: no request was answered"
                        + (load.errorDetail() == null ? "" : " (" + load.errorDetail() + ")");
        return new HttpCellResult(
                impl,
                cell.connections(),
                cell.delayMs(),
                generatorId,
                status,
                load.durationSeconds(),
                requests,
                load.requestsPerSecond(),
                load.p50Ms(),
                load.p99Ms(),
                load.p999Ms(),
                load.maxMs(),
                load.correctedP99Ms(),
                load.correctedP999Ms(),
                load.errors(),
                load.errorDetail(),
                intOf(after, "peakThreads"),
                intOf(after, "peakCarrierThreads"),
                intOf(after, "peakOpenConnections"),
                idleRss,
                peakRss,
                idleVm,
                peakVm,
                longOf(after, "heapCommittedBytes"),
                cpuSeconds,
                perConnection(peakRss, idleRss, held),
                perConnection(peakVm, idleVm, held),
                cpuSeconds == null || requests == 0 ? null : cpuSeconds * 1e6 / requests);
    }

    private LoadGenerator generator(String id, HttpCell cell) throws WrkUnavailableException {
        if (id.equals("java")) {
            return new JavaLoadGenerator(Duration.ofMillis(cell.delayMs()));
        }
        if (id.equals("java-burst")) {
            return JavaLoadGenerator.burst(Duration.ofMillis(cell.delayMs()));
        }
        if (wrk == null) {
            try {
                wrk = Wrk.require();
            } catch (WrkUnavailableException e) {
                wrk = e.getMessage();
            }
        }
        if (wrk instanceof String why) {
            throw new WrkUnavailableException(why);
        }
        return new Wrk((Path) wrk);
    }

    /** Whether a resumed run already has {@code generator}'s result for {@code cell}. */
    private boolean alreadyMeasured(HttpCell cell, String generator) {
        return settings.resume() && store.httpMeasuredOk(cell.key(generator));
    }

    /** A request unanswered this long is an error. */
    static Duration timeout(HttpCell cell) {
        return Duration.ofMillis(Math.max(5_000L, 4L * cell.delayMs() + 2_000L));
    }

    /** Waits (at most 30 s) until the server has closed every connection of the last load. */
    private static void awaitIdle(ServerProcess server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Integer open = intOf(server.stats(), "openConnections");
            if (open == null || open == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static Double perConnection(Long peak, Long idle, int connections) {
        return peak == null || idle == null ? null : Math.max(0, peak - idle) / (double) connections;
    }

    static Long longOf(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    static Integer intOf(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    static String summary(HttpCellResult r) {
        if (!r.ok()) {
            return r.generator() + ": " + r.status();
        }
        StringBuilder sb = new StringBuilder(r.generator()).append(": ");
        sb.append(String.format(
                Locale.ROOT, "%,.0f req/s, p50 %.3g ms, p99 %.3g ms", r.requestsPerSecond(), r.p50Ms(), r.p99Ms()));
        sb.append(", ").append(r.errors()).append(" errors");
        if (r.peakThreads() != null) {
            sb.append(", peak threads ").append(r.peakThreads());
        }
        if (r.rssPerConnectionBytes() != null) {
            sb.append(String.format(Locale.ROOT, ", RSS +%.1f KiB/conn", r.rssPerConnectionBytes() / 1024));
        }
        if (r.vmSizePerConnectionBytes() != null) {
            sb.append(String.format(Locale.ROOT, ", reserved +%.1f KiB/conn", r.vmSizePerConnectionBytes() / 1024));
        }
        return sb.toString();
    }
}
