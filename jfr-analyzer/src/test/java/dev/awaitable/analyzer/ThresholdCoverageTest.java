package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The recording's thresholds, read from its settings: a pin of 5 ms under a 20 ms threshold is
 * not in the recording, and the analysis says so with the setting that records all; with a
 * threshold of 0 both pins are there and nothing is said.
 */
class ThresholdCoverageTest {

    /** 20 ms threshold: only the 40 ms pin is recorded, and the warning names the threshold and the setting. */
    @Test
    void aThresholdThatHidPinsIsReported() throws Exception {
        Analysis a = Recordings.analysis(Recordings.pinnedAt20ms());
        assertThat(a.pinning().count()).isEqualTo(1);
        assertThat(a.pinning().sites())
                .singleElement()
                .satisfies(s -> assertThat(s.frame()).startsWith(Recordings.LongInit.class.getName() + ".<clinit>"));
        Analysis.Coverage c = coverage(a, RecordingScan.PINNED);
        assertThat(c.enabled()).isTrue();
        assertThat(c.threshold()).isEqualTo("20 ms");
        assertThat(c.thresholdNs()).isEqualTo(20_000_000L);
        assertThat(c.hidden())
                .isEqualTo("only pins of 20 ms or more were recorded; re-record with "
                        + "jdk.VirtualThreadPinned#threshold=0ms to see all");
        assertThat(a.coverage())
                .filteredOn(x -> !x.eventType().equals(RecordingScan.PINNED))
                .allSatisfy(x -> assertThat(x.hidden()).isNull()); // off in this recording: nothing to hide

        String text = JfrAnalyzer.toText(a).replaceAll("\\s+", " "); // as read, not as wrapped
        assertThat(text).contains("Coverage: the recording's thresholds left events out", c.hidden());
        assertThat(AwaitsRecordingTest.rule(a, AwaitableRules.PINNING).summary())
                .contains("Not complete: only pins of 20 ms or more were recorded");
    }

    /** 0 ms threshold: the pin is recorded and nothing is said about coverage. */
    @Test
    void aZeroThresholdHidesNothing() throws Exception {
        Analysis a = Recordings.analysis(Recordings.pinned());
        Analysis.Coverage c = coverage(a, RecordingScan.PINNED);
        assertThat(c.enabled()).isTrue();
        assertThat(c.thresholdNs()).isZero();
        assertThat(c.hidden()).isNull();
        assertThat(a.pinning().count()).isPositive();
        assertThat(JfrAnalyzer.toText(a)).doesNotContain("Coverage:", "or more were recorded");
        assertThat(AwaitsRecordingTest.rule(a, AwaitableRules.PINNING).summary())
                .doesNotContain("Not complete");
    }

    /** JFR's timespan settings as the recording writes them. */
    @Test
    void thresholdsParse() {
        assertThat(RecordingSettings.parseNanos("20 ms")).isEqualTo(20_000_000L);
        assertThat(RecordingSettings.parseNanos("0 ns")).isZero();
        assertThat(RecordingSettings.parseNanos("0")).isZero();
        assertThat(RecordingSettings.parseNanos("1 s")).isEqualTo(1_000_000_000L);
        assertThat(RecordingSettings.parseNanos("10 us")).isEqualTo(10_000L);
        assertThat(RecordingSettings.parseNanos("infinity")).isEqualTo(-1);
    }

    private static Analysis.Coverage coverage(Analysis a, String type) {
        return a.coverage().stream()
                .filter(c -> c.eventType().equals(type))
                .findFirst()
                .orElseThrow();
    }
}
