package dev.awaitable.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every way of holding a million pending delays completes every one of them, once. */
class PendingDelaysBenchTest {

    private final PendingDelaysBench bench = new PendingDelaysBench();

    @Test
    void statemachineMachinesEachCompleteOnce() {
        assertThat(bench.statemachine()).isEqualTo(PendingDelaysBench.PENDING);
    }

    @Test
    void loomBodiesEachCompleteOnce() {
        assertThat(bench.loom()).isEqualTo(PendingDelaysBench.PENDING);
    }

    @Test
    void virtualThreadsEachCompleteOnce() throws Exception {
        assertThat(bench.virtualThreads()).isEqualTo(PendingDelaysBench.PENDING);
    }
}
