package dev.awaitable.benchmarks;

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
 * Every benchmark runs, briefly, without error (JMH's {@code shouldFailOnError}): a benchmark
 * that throws, hangs past its timeout, or was not generated into the jar fails the build here
 * rather than in the middle of a long measurement. Nothing is measured: one 20 ms iteration,
 * in-process, smallest parameters.
 */
class BenchmarkSmokeTest {

    /** Every micro-benchmark runs to completion. */
    @Test
    void everyBenchmarkRuns() throws Exception {
        Options options = new OptionsBuilder()
                .include("dev\\.awaitable\\.benchmarks\\..*")
                .exclude("DelayBench") // 1,000 one-millisecond sleeps per operation: covered by LoomBackend tests
                .param("stages", "1")
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
        assertThat(results.stream().map(r -> r.getParams().getBenchmark().replaceAll(".*\\.benchmarks\\.", "")))
                .contains(
                        "AwaitCompletedBench.machineAwaitAwaitable",
                        "SyncMethodBench.statemachineValueBuilder",
                        "SuspensionBench.pooledCall",
                        "ChainBench.statemachineSelfBuilder",
                        "YieldBench.statemachine",
                        "PingPongBench.statemachineScheduler",
                        "PingPongBench.loom",
                        "ChainBench.kotlinAsync",
                        "ChainBench.kotlinNested",
                        "SyncMethodBench.kotlinSuspend",
                        "YieldBench.kotlinCoroutines",
                        "PingPongBench.kotlinOnLoops",
                        "PingPongBench.kotlinOnDefault",
                        "PendingDelaysBench.kotlinOnLoop",
                        "PendingDelaysBench.kotlinOnDefault",
                        "PendingDelaysBench.statemachine",
                        "PendingDelaysBench.loom",
                        "PendingDelaysBench.virtualThreads")
                .hasSizeGreaterThanOrEqualTo(35);
        for (RunResult r : results) {
            assertThat(r.getPrimaryResult().getScore())
                    .as(r.getParams().getBenchmark())
                    .isPositive();
        }
    }
}
