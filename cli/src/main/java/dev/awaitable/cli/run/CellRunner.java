package dev.awaitable.cli.run;

import dev.awaitable.analyzer.JfrHighlights;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.stats.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measures one fork of one cell with JMH, through its API: the generic {@link WorkloadBench} with
 * the cell's workload, implementation and parameters; average time; JMH's GC profiler for
 * bytes/op and GC counts; our {@link CellProfiler} for peak thread counts and, in the fork that
 * profiles, JFR. The fork's time per operation comes only from iterations without JFR: the
 * profiling fork runs its timing iterations first, then warms a recording up and records a
 * few more, which are left out of the timing. The raw JMH JSON of each fork is kept unmodified
 * (JMH Visualizer reads it); JMH's console output goes to a log file beside it.
 */
public final class CellRunner {

    /**
     * Flags of every measuring JVM: java.lang opened for the loom backend's context affinity;
     * statistics events for JFR.
     */
    public static final List<String> FORK_FLAGS = Runtime.version().feature() >= 24
            ? List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "-Dawaitable.jfr.statistics=true",
                    "--sun-misc-unsafe-memory-access=allow") // JMH's own use of Unsafe, warned about from JDK 24
            : List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dawaitable.jfr.statistics=true");

    /** The largest heap a fork's warm-up touches on its own; a larger one is pre-touched. */
    static final int TOUCHED_BY_WARMUP_MB = 256;

    /**
     * The flags of every measuring JVM of a run: {@link #FORK_FLAGS} and a fixed heap, touched
     * at start (-XX:+AlwaysPreTouch) if it is larger than {@value #TOUCHED_BY_WARMUP_MB} MiB.
     * Without the pre-touch the first seconds of an allocating workload pay the kernel's
     * first-touch page faults: with a 2 GiB heap, suspend-resume on the statemachine ran at 340
     * us per operation for 4 s, then 31 us, long after a short warm-up ends. A 256 MiB heap is
     * touched in the first 0.6 s of warm-up, and pre-touching it would cost 0.5 s a fork here.
     */
    public static List<String> forkFlags(MatrixSettings settings) {
        List<String> flags = new ArrayList<>(FORK_FLAGS);
        flags.add("-Xms" + settings.heapMb() + "m");
        flags.add("-Xmx" + settings.heapMb() + "m");
        if (preTouched(settings)) {
            flags.add("-XX:+AlwaysPreTouch");
        }
        return flags;
    }

    /** Whether the run's measuring JVMs touch their heap at start. */
    static boolean preTouched(MatrixSettings settings) {
        return settings.heapMb() > TOUCHED_BY_WARMUP_MB;
    }

    /** The flags of the cell's measuring JVM: the run's and what its implementation needs for its delivery. */
    static List<String> forkFlags(MatrixSettings settings, Cell cell) {
        List<String> flags = new ArrayList<>(forkFlags(settings));
        flags.addAll(cell.implementation().jvmArgs(cell.delivery()));
        return flags;
    }

    /** Turns a recording into per-cell highlights; null when no analyzer is wired. */
    @FunctionalInterface
    public interface JfrSummarizer {
        JfrHighlights summarize(Path recording, String relativePath, Long operations) throws Exception;
    }

    private final MatrixSettings settings;
    private final JfrSummarizer summarizer;

    public CellRunner(MatrixSettings settings, JfrSummarizer summarizer) {
        this.settings = settings;
        this.summarizer = summarizer;
    }

    /** Measurement iterations that warm a recording up in the profiling fork, after its timing ones. */
    static final int REWARM_ITERATIONS = 1;

    /** Runs one fork of the cell; a failure becomes a CellResult with status "failed: ..." (never thrown). */
    public CellResult run(Cell cell, long checksum, MatrixRunner.Fork fork) {
        Path out = settings.outDir();
        String name = cell.fileName() + (fork.of() > 1 ? ".fork" + fork.number() : "");
        Path json = out.resolve("jmh").resolve(name + ".json");
        Path log = out.resolve("jmh").resolve(name + ".log");
        Path jfr = out.resolve("jfr").resolve(cell.fileName() + ".jfr");
        boolean profile = settings.jfr() && fork.profile();
        int timing = settings.iterations();
        int extra = profile ? REWARM_ITERATIONS + settings.profileIterations() : 0;
        try {
            Files.createDirectories(json.getParent());
            if (profile) {
                Files.createDirectories(jfr.getParent());
                Files.deleteIfExists(jfr);
            }
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(WorkloadBench.class.getName() + "\\.run$")
                    .param("workload", cell.workload().id())
                    .param("implementation", cell.implementation().id())
                    .param("params", cell.params().key())
                    .param("settleMinMs", String.valueOf(settings.settleMinMs()))
                    .param("settleMaxMs", String.valueOf(settings.settleMaxMs()))
                    .mode(Mode.AverageTime)
                    .timeUnit(TimeUnit.NANOSECONDS)
                    .forks(1) // the run's forks are separate runs, interleaved across implementations
                    .warmupIterations(settings.warmupIterations())
                    .warmupTime(TimeValue.milliseconds(settings.iterationMillis()))
                    .measurementIterations(timing + extra)
                    .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                    .addProfiler(GCProfiler.class)
                    .addProfiler(
                            CellProfiler.class,
                            profile
                                    ? "jfr=" + jfr.toAbsolutePath()
                                            + (settings.jfrAwaitEvents() ? ";awaits=true" : "")
                                            + ";timing=" + timing + ";rewarm=" + REWARM_ITERATIONS
                                    : "")
                    .jvmArgsAppend(forkFlags(settings, cell).toArray(String[]::new))
                    .shouldFailOnError(true)
                    .shouldDoGC(false) // a forced full GC per iteration shows up in every recording as a JMC warning
                    .resultFormat(ResultFormatType.JSON)
                    .result(json.toString())
                    .output(log.toString())
                    .verbosity(VerboseMode.NORMAL);
            Collection<RunResult> results = new Runner(options.build()).run();
            if (results.isEmpty()) {
                return failed(cell, checksum, "JMH produced no result (see " + out.relativize(log) + ")");
            }
            return toCellResult(
                    cell,
                    checksum,
                    results.iterator().next(),
                    timing,
                    out.relativize(json).toString(),
                    profile && Files.exists(jfr) ? jfr : null);
        } catch (RunnerException | RuntimeException | IOException e) {
            return failed(cell, checksum, oneLine(e) + " (see " + out.relativize(log) + ")");
        }
    }

    private CellResult toCellResult(Cell cell, long checksum, RunResult r, int timing, String jsonFile, Path jfr) {
        Map<String, ?> secondary = r.getSecondaryResults(); // JMH's own signature has a raw Result
        List<Double> iterations = new ArrayList<>();
        for (BenchmarkResult fork : r.getBenchmarkResults()) {
            for (IterationResult it : fork.getIterationResults()) {
                if (iterations.size() < timing) { // the rest ran under JFR: profile, not timing
                    iterations.add(it.getPrimaryResult().getScore());
                }
            }
        }
        if (iterations.isEmpty()) {
            return failed(cell, checksum, "JMH measured no iteration");
        }
        Sample timed = new Sample(iterations);
        Double alloc = score(secondary, "gc.alloc.rate.norm");
        Double gcCount = score(secondary, "gc.count");
        Double gcTime = score(secondary, "gc.time");
        Double ops = score(secondary, "jfr.ops");
        Double gcPer1000 = gcCount == null || ops == null || ops == 0 ? null : gcCount * 1000.0 / ops;
        Integer peakPlatform = intScore(secondary, "threads.platform.peak");
        Integer peakCarrier = intScore(secondary, "threads.carrier.peak");
        JfrHighlights highlights = null;
        if (jfr != null && summarizer != null) {
            String relative = settings.outDir().relativize(jfr).toString();
            try {
                highlights = summarizer.summarize(jfr, relative, ops == null ? null : ops.longValue());
            } catch (Exception e) {
                highlights = JfrHighlights.failed(relative, "JFR analysis failed: " + oneLine(e));
            }
        }
        return new CellResult(
                cell.workload().id(),
                cell.implementation().id(),
                cell.params().key(),
                cell.delivery().id(),
                "ok",
                checksum,
                timed.mean(),
                finite(timed.halfWidth(0.999)),
                iterations,
                alloc,
                gcPer1000,
                gcTime,
                peakPlatform,
                peakCarrier,
                null,
                null,
                null,
                jsonFile,
                highlights,
                1,
                List.of(iterations.size()));
    }

    static CellResult failed(Cell cell, Long checksum, String reason) {
        return CellResult.failed(
                cell.workload().id(),
                cell.implementation().id(),
                cell.params().key(),
                cell.delivery().id(),
                checksum,
                reason);
    }

    private static Double score(Map<String, ?> secondary, String name) {
        Result<?> r = (Result<?>) secondary.get(name);
        return r == null ? null : finite(r.getScore());
    }

    private static Integer intScore(Map<String, ?> secondary, String name) {
        Double d = score(secondary, name);
        return d == null ? null : (int) Math.round(d);
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }
}
