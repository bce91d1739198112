package dev.awaitable.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark behind every matrix cell is generated into this module and runs a cell briefly
 * without error (JMH's {@code shouldFailOnError}), in-process. Nothing is measured.
 */
class WorkloadBenchSmokeTest {

    /** A cell of each backend runs to completion through the generated benchmark. */
    @Test
    void matrixCellBenchmarkRuns() throws Exception {
        Options options = new OptionsBuilder()
                .include(WorkloadBench.class.getName() + "\\.run$")
                .param("workload", "suspend-resume")
                .param("implementation", "statemachine", "loom")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .timeout(TimeValue.seconds(60))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(2);
        for (RunResult r : results) {
            assertThat(r.getPrimaryResult().getScore())
                    .as(r.getParams().getParam("implementation"))
                    .isPositive();
        }
    }
}
