package dev.awaitable.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Kotlin counterparts compute what their Java neighbours do: the synchronous call 41 + 1, the
 * yields and ping-pong rounds their count (the ping-pong the sum of the values bounced back), the
 * pending delays every coroutine finished; and they leave their loops usable for the next call.
 */
class KotlinCounterpartsTest {

    @Test
    void syncCallReturnsItsValueDirectly() {
        assertThat(new SyncMethodBench().kotlinSuspend()).isEqualTo(42);
    }

    @Test
    void yieldsRunOnTheLoop() {
        YieldBench bench = new YieldBench();
        bench.start();
        try {
            assertThat(bench.kotlinCoroutines()).isEqualTo(YieldBench.YIELDS);
            assertThat(bench.kotlinCoroutines()).isEqualTo(YieldBench.YIELDS);
        } finally {
            bench.stop();
        }
    }

    @Test
    void pingPongBouncesEveryValueBack() {
        PingPongBench bench = new PingPongBench();
        bench.start();
        int sum = PingPongBench.ROUNDS * (PingPongBench.ROUNDS - 1) / 2;
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(bench.kotlinOnLoops()).isEqualTo(sum);
                assertThat(bench.kotlinOnDefault()).isEqualTo(sum);
            }
        } finally {
            bench.stop();
        }
    }

    @Test
    void everyPendingDelayFinishes() {
        assertThat(dev.awaitable.kotlinpeer.micro.KotlinMicro.pendingDelaysOnLoop(10_000))
                .isEqualTo(10_000);
        assertThat(dev.awaitable.kotlinpeer.micro.KotlinMicro.pendingDelaysOnDefault(10_000))
                .isEqualTo(10_000);
    }
}
