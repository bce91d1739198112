package dev.awaitable.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every chain variant computes the same thing: N stages, each adding one to 0, give N. */
class ChainBenchTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100})
    void everyVariantAddsOnePerStage(int stages) {
        ChainBench bench = new ChainBench();
        bench.stages = stages;
        bench.selectBackend();
        assertThat(bench.statemachineSelfBuilder()).isEqualTo(stages);
        assertThat(bench.statemachine()).isEqualTo(stages);
        assertThat(bench.completableFuture()).isEqualTo(stages);
        assertThat(bench.loom()).isEqualTo(stages);
        assertThat(bench.floor()).isEqualTo(stages);
        assertThat(bench.machineFloor()).isEqualTo(stages);
        assertThat(bench.kotlinAsync()).isEqualTo(stages);
        assertThat(bench.kotlinNested()).isEqualTo(stages);
    }
}
