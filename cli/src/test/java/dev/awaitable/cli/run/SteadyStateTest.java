package dev.awaitable.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up's rule on synthetic window times, and its limits on a real (trivial) operation. */
class SteadyStateTest {

    private static int windowsUntilSteady(double... times) {
        SteadyState rule = new SteadyState();
        for (int i = 0; i < times.length; i++) {
            if (rule.add(times[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void flatTimesAreSteadyOnceBothHalvesAreFull() {
        assertThat(windowsUntilSteady(100, 100, 100, 100, 100, 100, 100)).isEqualTo(2 * SteadyState.HALF);
    }

    @Test
    void aFallingTimeIsNotSteadyUntilItLevelsOff() {
        // JIT tiers: 300 -> 100 ns per operation; at window 11 the earlier half still holds the 110
        // (3.2% above), so steady at 12, when three level windows follow three level ones
        assertThat(windowsUntilSteady(300, 250, 200, 160, 130, 110, 100, 100, 100, 100, 100, 100))
                .isEqualTo(12);
    }

    @Test
    void aSlowTrendOfMoreThanTheToleranceIsNotSteady() {
        // 2% faster each window: the halves differ by 6%
        double[] times = new double[12];
        for (int i = 0; i < times.length; i++) {
            times[i] = 100 * Math.pow(0.98, i);
        }
        assertThat(windowsUntilSteady(times)).isEqualTo(-1);
    }

    @Test
    void noiseAroundALevelIsSteady() {
        // ±5% window to window, no trend: the halves' means are within 3%
        assertThat(windowsUntilSteady(105, 95, 100, 104, 96, 100)).isEqualTo(6);
    }

    @Test
    void aStepUpInTheMiddleIsNotSteadyUntilTheNewLevelFillsBothHalves() {
        assertThat(windowsUntilSteady(100, 100, 130, 130, 130, 130, 130, 130)).isEqualTo(8);
    }

    @Test
    void warmUpRunsAtLeastTheMinimumAndAtMostTheMaximum() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SteadyState.Outcome quick =
                SteadyState.warmUp(() -> (long) calls.incrementAndGet(), 700_000_000L, 3_000_000_000L);
        assertThat(quick.nanos()).isBetween(700_000_000L, 3_500_000_000L); // the last window may overrun
        assertThat(quick.windows()).hasSizeGreaterThanOrEqualTo(2 * SteadyState.HALF);
        assertThat(calls.get()).isGreaterThanOrEqualTo(quick.windows().size() * SteadyState.MIN_OPS);

        // never steady within 1 s: each call sleeps 1/20 ms longer than the one before
        AtomicInteger n = new AtomicInteger();
        SteadyState.Outcome never = SteadyState.warmUp(
                () -> {
                    Thread.sleep(1 + n.getAndIncrement() / 20);
                    return 0L;
                },
                0,
                1_000_000_000L);
        assertThat(never.steady()).isFalse();
        assertThat(never.nanos()).isGreaterThanOrEqualTo(1_000_000_000L);
    }
}
