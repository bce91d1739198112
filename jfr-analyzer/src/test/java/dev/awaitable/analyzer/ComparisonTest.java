package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --vs} on two synthetic recordings of different lengths: totals are compared per second
 * of each recording's own duration and per operation, ratios are B / A, and the better side is
 * the one with less cost (more operations per second).
 */
class ComparisonTest {

    /**
     * A: 10 s, 100 pins, 1,000 MB allocated, 20 ms of GC pause. B: 40 s, 200 pins, 2,000 MB,
     * 200 ms. Per second B pins half as often (5/s against 10/s) and allocates half as much, but
     * pauses 2.5 times as long (5 ms/s against 2 ms/s).
     */
    @Test
    void totalsArePerSecondOfEachRecording() {
        Comparison c = Comparison.of(
                recording(10_000, 100, 1_000_000_000L, 20, null),
                recording(40_000, 200, 2_000_000_000L, 200, null),
                null,
                null);
        assertThat(c.aSeconds()).isEqualTo(10.0);
        assertThat(c.bSeconds()).isEqualTo(40.0);
        assertThat(c.operations()).isNull();
        assertThat(c.rows()).noneMatch(r -> r.per().equals(Comparison.PER_OP));

        Comparison.Row pins = row(c, "pinned events", Comparison.PER_SECOND);
        assertThat(pins.a()).isEqualTo(10.0);
        assertThat(pins.b()).isEqualTo(5.0);
        assertThat(pins.ratio()).isEqualTo(0.5);
        assertThat(pins.better()).isEqualTo("B");

        Comparison.Row bytes = row(c, "sampled bytes", Comparison.PER_SECOND);
        assertThat(bytes.a()).isEqualTo(1e8);
        assertThat(bytes.b()).isEqualTo(5e7);
        assertThat(bytes.better()).isEqualTo("B");

        Comparison.Row pause = row(c, "pause time", Comparison.PER_SECOND);
        assertThat(pause.a()).isEqualTo(2.0);
        assertThat(pause.b()).isEqualTo(5.0);
        assertThat(pause.ratio()).isCloseTo(2.5, within(1e-9));
        assertThat(pause.better()).isEqualTo("A");

        Comparison.Row events = row(c, "events", Comparison.PER_SECOND);
        assertThat(events.better()).isNull(); // more events is neither better nor worse
        assertThat(c.rows()).noneMatch(r -> r.metric().equals("suspend events")); // 0 on both sides
        assertThat(c.caveats()).isEmpty();

        Comparison.Row duration = row(c, "duration", Comparison.AS_IS);
        assertThat(duration.a()).isEqualTo(10_000.0);
        assertThat(duration.ratio()).isEqualTo(4.0);
    }

    /**
     * With operation counts (A did 1,000, B 8,000), totals are also per operation, and the
     * operations themselves per second: B's 200 pins are 0.025 per op against A's 0.1.
     */
    @Test
    void perOperationWithGivenCounts() {
        Analysis a = recording(10_000, 100, 1_000_000_000L, 20, null);
        Analysis b = recording(40_000, 200, 2_000_000_000L, 200, null);
        Comparison c = Comparison.of(a, b, 1_000L, 8_000L);
        assertThat(c.operations()).isEqualTo(Comparison.FROM_USER);

        Comparison.Row ops = row(c, "operations", Comparison.PER_SECOND);
        assertThat(ops.a()).isEqualTo(100.0);
        assertThat(ops.b()).isEqualTo(200.0);
        assertThat(ops.better()).isEqualTo("B"); // more operations per second is better

        Comparison.Row pins = row(c, "pinned events", Comparison.PER_OP);
        assertThat(pins.a()).isEqualTo(0.1);
        assertThat(pins.b()).isEqualTo(0.025);
        assertThat(pins.ratio()).isEqualTo(0.25);
        assertThat(pins.better()).isEqualTo("B");

        Comparison.Row pause = row(c, "pause time", Comparison.PER_OP);
        assertThat(pause.a()).isEqualTo(0.02);
        assertThat(pause.b()).isEqualTo(0.025);
        assertThat(pause.better()).isEqualTo("A");

        String text = JfrAnalyzer.toText(c);
        assertThat(text)
                .contains("A = a.jfr (10.00 s, 1,000 operations)", "B = b.jfr (40.00 s, 8,000 operations)")
                .contains("pinned events /s", "pinned events /op", "operations /s");
    }

    /** Without counts, both recordings' Awaitable statistics supply them: one operation per await. */
    @Test
    void perOperationFromStatistics() {
        Analysis a = recording(10_000, 100, 0, 0, new Analysis.Counters(3, 600, 400, 400));
        Analysis b = recording(20_000, 100, 0, 0, new Analysis.Counters(5, 1_500, 500, 500));
        Comparison c = Comparison.of(a, b, null, null);
        assertThat(c.aOperations()).isEqualTo(1_000L);
        assertThat(c.bOperations()).isEqualTo(2_000L);
        assertThat(c.operations()).isEqualTo(Comparison.FROM_STATISTICS);
        assertThat(row(c, "pinned events", Comparison.PER_OP).b()).isEqualTo(0.05);
        assertThat(row(c, "pinned events", Comparison.PER_OP).a()).isEqualTo(0.1);
    }

    /** Within 1% the sides are the same; a missing side has no verdict. */
    @Test
    void betterSide() {
        assertThat(Comparison.better(100.0, 100.5, Comparison.Better.LOWER)).isEqualTo("same");
        assertThat(Comparison.better(100.0, 90.0, Comparison.Better.LOWER)).isEqualTo("B");
        assertThat(Comparison.better(100.0, 90.0, Comparison.Better.HIGHER)).isEqualTo("A");
        assertThat(Comparison.better(null, 90.0, Comparison.Better.LOWER)).isNull();
        assertThat(Comparison.better(1.0, 2.0, Comparison.Better.NEITHER)).isNull();
    }

    /** Pins recorded from 0 ms in A but from 20 ms in B are not alike, and the comparison says so. */
    @Test
    void differentThresholdsAreNamed() {
        Analysis a = recording(10_000, 100, 0, 0, null, List.of(pinCoverage("0 ms", 0)));
        Analysis b = recording(40_000, 10, 0, 0, null, List.of(pinCoverage("20 ms", 20_000_000)));
        Comparison c = Comparison.of(a, b, null, null);
        assertThat(c.caveats())
                .containsExactly("jdk.VirtualThreadPinned: threshold 0 ms in A, 20 ms in B; its rows compare events"
                        + " of different lengths");
        assertThat(JfrAnalyzer.toText(c).replaceAll("\\s+", " ")).contains("Not alike: jdk.VirtualThreadPinned");
        assertThat(Comparison.of(a, a, null, null).caveats()).isEmpty();
    }

    private static Analysis.Coverage pinCoverage(String threshold, long ns) {
        return new Analysis.Coverage(
                RecordingScan.PINNED, true, threshold, ns, null, "jdk.VirtualThreadPinned#threshold=0ms");
    }

    private static Comparison.Row row(Comparison c, String metric, String per) {
        return c.rows().stream()
                .filter(r -> r.metric().equals(metric) && r.per().equals(per))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + metric + " " + per));
    }

    /** A synthetic recording: its length, pins, sampled allocation, one collector's pause time and statistics. */
    static Analysis recording(double durationMs, long pins, long bytes, double pauseMs, Analysis.Counters stats) {
        return recording(durationMs, pins, bytes, pauseMs, stats, List.of());
    }

    static Analysis recording(
            double durationMs,
            long pins,
            long bytes,
            double pauseMs,
            Analysis.Counters stats,
            List<Analysis.Coverage> coverage) {
        Analysis a = AwaitableRulesTest.analysis(
                new Analysis.Awaits(false, 0, 0, null, null, stats, List.of()),
                new Analysis.Pinning(true, pins, pins * 2.0, 5, List.of(), List.of(), List.of()),
                AwaitableRulesTest.NO_FAULT_EVENTS);
        return new Analysis(
                durationMs == 10_000 ? "a.jfr" : "b.jfr",
                new Analysis.RecordingInfo(1, null, null, durationMs, 1_000, null, Map.of()),
                a.awaits(),
                a.pinning(),
                bytes == 0
                        ? a.allocations()
                        : new Analysis.Allocations(
                                "jdk.ObjectAllocationSample", bytes, List.of(), List.of(), List.of()),
                new Analysis.GcPauses(true, 4, pauseMs, pauseMs / 4, List.of(), null),
                a.parking(),
                a.virtualThreads(),
                a.faults(),
                a.cpu(),
                a.contention(),
                a.sleeps(),
                a.sockets(),
                a.latencies(),
                coverage,
                a.errors(),
                a.rules(),
                a.notes());
    }
}
