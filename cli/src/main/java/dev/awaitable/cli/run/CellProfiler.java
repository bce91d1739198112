package dev.awaitable.cli.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * A JMH profiler that runs inside each benchmark fork, around the measurement iterations only:
 * <ul>
 *   <li>records JFR (the JDK's default settings, plus pinning, park and allocation-sample
 *       events, plus our periodic {@code dev.awaitable.Statistics}) into the
 *       file named by the init string {@code jfr=PATH}, from the first measurement iteration to
 *       the last; or, with {@code timing=N;rewarm=R}, only after the first N measurement
 *       iterations, which then run without JFR and are the fork's timing (a recording taxes
 *       what it records, unequally: the JDK's default settings alone slow an await on virtual
 *       threads by a third, as JFR tracks every virtual thread it sees mounted), and R more
 *       that warm the recording up. The same settings are recorded, and thrown away, over the
 *       warm-up iterations (the R iterations, or JMH's warm-up):
 *       enabling an event class instruments it (class-file generation, allocation), and the JIT
 *       should compile the workload with the events it will run with, so neither happens inside
 *       the measured window. Our per-await Suspend/Resume events only with {@code awaits=true}: they are
 *       emitted by our backends alone, so leaving them on would tax our cells and not the
 *       peers'; suspensions per operation come from the Statistics counters either way;</li>
 *   <li>samples thread counts from the first warm-up iteration: peak live platform threads ({@link ThreadMXBean#getThreadCount()}
 *       counts platform threads only) and peak virtual-thread carriers;</li>
 *   <li>counts the operations measured while recording, so JFR counts can be normalized per op.</li>
 * </ul>
 * Reported as secondary results {@code threads.platform.peak}, {@code threads.carrier.peak},
 * {@code jfr.ops} and, where {@link WorkloadBench} warmed up until steady, {@code
 * warmup.settle.ms} and {@code warmup.steady} (1, or 0 where it stopped at its maximum).
 */
public final class CellProfiler implements InternalProfiler {

    private final Path jfrFile;
    /** Also record the per-await Suspend/Resume events (they cost our backends, not the peers). */
    private final boolean awaitEvents;
    /** Measurement iterations run without JFR before the recording's warm-up (0: record them all). */
    private final int timing;
    /** Measurement iterations that warm the recording up after the timing ones; not recorded. */
    private final int rewarm;

    private Recording recording;
    /** Over the warm-up iterations only; closed once the measured recording has started. */
    private Recording warmupRecording;

    private int measurementIterationsSeen;
    private long measuredOps;
    private Sampler sampler;

    public CellProfiler(String initLine) {
        Path file = null;
        boolean awaits = false;
        int timingIterations = 0;
        int rewarmIterations = 0;
        for (String part : initLine == null ? new String[0] : initLine.split(";")) {
            if (part.startsWith("jfr=") && part.length() > 4) {
                file = Path.of(part.substring(4));
            } else if (part.equals("awaits=true")) {
                awaits = true;
            } else if (part.startsWith("timing=")) {
                timingIterations = Integer.parseInt(part.substring(7));
            } else if (part.startsWith("rewarm=")) {
                rewarmIterations = Integer.parseInt(part.substring(7));
            }
        }
        this.jfrFile = file;
        this.awaitEvents = awaits;
        this.timing = timingIterations;
        this.rewarm = timingIterations == 0 ? 0 : rewarmIterations;
    }

    @Override
    public String getDescription() {
        return "Awaitable cell profiler: JFR over measurement iterations, peak platform/carrier threads";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (sampler == null) {
            // From the first iteration, warm-up or not: starting it loads management classes and a
            // Thread subclass, which can invalidate compiled code (class-hierarchy assumptions);
            // the recompilation belongs in the warm-up, not in the first timed iteration.
            sampler = new Sampler();
            sampler.start();
        }
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            if (jfrFile != null && timing == 0 && warmupRecording == null && measurementIterationsSeen == 0) {
                warmupRecording = startRecording();
            }
            return;
        }
        if (jfrFile == null) {
            return;
        }
        if (timing > 0 && measurementIterationsSeen == timing && rewarm > 0) {
            warmupRecording = startRecording();
        }
        if (measurementIterationsSeen == timing + rewarm) {
            // started before the warm-up recording is closed, so the events never go off in between
            recording = startRecording();
            if (warmupRecording != null) {
                warmupRecording.close();
                warmupRecording = null;
            }
        }
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        boolean recorded = measurementIterationsSeen >= timing + rewarm;
        measurementIterationsSeen++;
        if (recorded) {
            measuredOps += result.getMetadata().getMeasuredOps();
        }
        List<Result<?>> out = new ArrayList<>();
        out.add(new ScalarResult(
                "threads.platform.peak", sampler.peakPlatform.get(), "threads", AggregationPolicy.MAX));
        out.add(new ScalarResult("threads.carrier.peak", sampler.peakCarriers.get(), "threads", AggregationPolicy.MAX));
        if (measurementIterationsSeen == iterationParams.getCount()) {
            sampler.interrupt();
            if (recording != null) {
                stopRecording();
            }
            if (warmupRecording != null) { // fewer iterations than timing + rewarm: nothing recorded
                warmupRecording.close();
                warmupRecording = null;
            }
            out.add(new ScalarResult("jfr.ops", measuredOps, "ops", AggregationPolicy.MAX));
            SteadyState.Outcome settle = WorkloadBench.settled;
            if (settle != null) {
                out.add(new ScalarResult("warmup.settle.ms", settle.nanos() / 1e6, "ms", AggregationPolicy.MAX));
                out.add(new ScalarResult("warmup.steady", settle.steady() ? 1 : 0, "", AggregationPolicy.MAX));
            }
        }
        return out;
    }

    private Recording startRecording() {
        try {
            Recording r = new Recording(Configuration.getConfiguration("default"));
            r.setName("awaitable-cell");
            if (awaitEvents) {
                r.enable("dev.awaitable.Suspend");
                r.enable("dev.awaitable.Resume");
            }
            // At the start and end of the recording: the delta covers exactly the recorded operations.
            r.enable("dev.awaitable.Statistics").with("period", "everyChunk");
            r.enable("jdk.VirtualThreadPinned").withStackTrace().withThreshold(java.time.Duration.ZERO);
            // not jdk.VirtualThreadStart/End: an event per virtual thread taxes the loom and
            // virtual-threads cells alone (60 MB recordings, seconds of writing, for async-lambdas)
            r.enable("jdk.ThreadPark").withThreshold(java.time.Duration.ofMillis(1));
            // the default's 150 samples a second leave about 30 in one 200 ms profiling iteration:
            // too few to rank allocating classes; the recording is not timed, so sample more
            r.enable("jdk.ObjectAllocationSample").withStackTrace().with("throttle", "1000/s");
            r.start();
            return r;
        } catch (Exception e) {
            System.err.println("awaitable: JFR not started for this cell: " + e);
            return null;
        }
    }

    private void stopRecording() {
        try {
            recording.stop();
            Files.createDirectories(jfrFile.toAbsolutePath().getParent());
            recording.dump(jfrFile);
        } catch (Exception e) {
            System.err.println("awaitable: JFR recording not written: " + e);
        } finally {
            recording.close();
            recording = null;
        }
    }

    /**
     * Samples thread counts every 20 ms until interrupted (peaks, not averages; threads do not
     * come and go faster than that in our workloads).
     */
    private static final class Sampler extends Thread {
        final AtomicInteger peakPlatform = new AtomicInteger();
        final AtomicInteger peakCarriers = new AtomicInteger();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final java.util.function.IntSupplier carriers = dev.awaitable.http.CarrierThreads.counter();

        Sampler() {
            super("awaitable-thread-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peakPlatform.accumulateAndGet(threads.getThreadCount() - 1, Math::max); // minus this sampler
                peakCarriers.accumulateAndGet(carriers.getAsInt(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
