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

    private WorkloadRun run;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Workload w = WorkloadCatalog.byId(workload);
        Implementation impl = Implementation.byId(implementation);
        Verifier.selectBackend(impl);
        run = w.open(impl, Params.parse(w, params));
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
