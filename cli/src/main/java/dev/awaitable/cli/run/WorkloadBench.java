package dev.awaitable.cli.run;

import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Verifier;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import dev.awaitable.workloads.WorkloadRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark behind every cell of the workload matrix: one workload, one implementation, one
 * parameter set, chosen by JMH parameters that the runner sets per cell. One operation is one
 * {@link WorkloadRun#run()}; its checksum goes to JMH's blackhole (returned), so nothing the
 * workload computes can be optimized away. Modes, iterations and profilers come from the runner.
 * With {@code settleMaxMs} above 0 the trial's setup first warms the cell up until its time per
 * operation is steady ({@link SteadyState}), before JMH's own warm-up iterations; {@link
 * CellProfiler} reports how long that took.
 */
@State(Scope.Benchmark)
public class WorkloadBench {

    @Param("suspend-resume")
    public String workload;

    @Param("statemachine")
    public String implementation;

    /** {@code name=value,...}; empty takes the first quick value of each parameter. */
    @Param("")
    public String params;

    /** Warm up until steady for at least this long (ms) before JMH's warm-up; with {@link #settleMaxMs}. */
    @Param("0")
    public int settleMinMs;

    /** Give up on a steady time after this long (ms); 0: no warm-up of our own, only JMH's. */
    @Param("0")
    public int settleMaxMs;

    /** The last trial's own warm-up in this JVM, for {@link CellProfiler}; null when there was none. */
    static volatile SteadyState.Outcome settled;

    private WorkloadRun run;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Workload w = WorkloadCatalog.byId(workload);
        Implementation impl = Implementation.byId(implementation);
        Verifier.selectBackend(impl);
        run = w.open(impl, Params.parse(w, params));
        if (settleMaxMs > 0) {
            settled = SteadyState.warmUp(run::run, settleMinMs * 1_000_000L, settleMaxMs * 1_000_000L);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (run != null) {
            run.close();
        }
    }

    @Benchmark
    public long run() throws Exception {
        return run.run();
    }
}
