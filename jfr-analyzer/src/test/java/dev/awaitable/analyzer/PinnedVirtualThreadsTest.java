package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pinning, made for real: JDK 24+ does not pin on monitors any more (JEP 491), but a virtual
 * thread that blocks while a class initializer is on its stack still pins its carrier. The
 * recording's {@code jdk.VirtualThreadPinned} events are counted, their top frame is the
 * initializer (not the JDK's park), and our pinning rule warns.
 */
class PinnedVirtualThreadsTest {

    /** The pinned event is counted, timed, and attributed to the class initializer that blocked. */
    @Test
    void pinnedEventsAndTheirTopFrames() throws Exception {
        Analysis a = Recordings.analysis(Recordings.pinned());
        Analysis.Pinning p = a.pinning();
        assertThat(p.recorded()).isTrue();
        assertThat(p.count()).isGreaterThanOrEqualTo(1);
        assertThat(p.totalMs()).isPositive();
        assertThat(p.maxMs()).isPositive().isLessThanOrEqualTo(p.totalMs());
        assertThat(p.topFrames()).isNotEmpty();
        assertThat(p.topFrames().get(0).name()).startsWith(Recordings.PINNED_CLASS + ".<clinit>");
        if (Runtime.version().feature() >= 24) {
            assertThat(p.reasons()).isNotEmpty(); // pinnedReason is new in JDK 24
        }
    }

    /** Our rule warns and names the frame; the highlights carry count and frames. */
    @Test
    void pinningRuleWarnsWithTheTopFrame() throws Exception {
        Analysis a = Recordings.analysis(Recordings.pinned());
        RuleResult rule = AwaitsRecordingTest.rule(a, AwaitableRules.PINNING);
        assertThat(rule.severity()).isEqualTo(RuleResult.Severity.WARNING);
        assertThat(rule.summary()).contains(Recordings.PINNED_CLASS + ".<clinit>");
        assertThat(a.rules().get(0).severity()).isEqualTo(RuleResult.Severity.WARNING);

        JfrHighlights h = JfrAnalyzer.highlights(a, "pinned.jfr", 1L);
        assertThat(h.pinnedEvents()).isEqualTo(a.pinning().count());
        assertThat(h.pinnedTopFrames()).first().asString().startsWith(Recordings.PINNED_CLASS + ".<clinit>");
        assertThat(h.findings()).anyMatch(f -> f.startsWith("warning: Virtual thread pinning: "));

        assertThat(JfrAnalyzer.toText(a))
                .contains(
                        "Pinned (jdk.VirtualThreadPinned): ",
                        "application frame that pinned",
                        Recordings.PINNED_CLASS + ".<clinit>");
    }
}
