package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Findings read as sentences with a subject: no empty thread name, no dangling "at:", the JDK's
 * own errors told apart from the application's, the JVM named once, threads grouped by what they
 * are.
 */
class FindingsTextTest {

    /** JMC's text with an empty placeholder is mended: a subject for the thread, no trailing "at:". */
    @Test
    void jmcTextWithEmptyPlaceholders() {
        assertThat(JmcRules.sentence("The most allocations were likely done by thread '' at:"))
                .isEqualTo("The most allocations were likely done by an unnamed (virtual) thread.");
        assertThat(JmcRules.sentence("commonly allocated by: long a.B.skip(long),boolean a.B.drain(long)"))
                .isEqualTo("commonly allocated by: long a.B.skip(long), boolean a.B.drain(long).");
        assertThat(JmcRules.sentence("1,234 events.")).isEqualTo("1,234 events.");
        assertThat(ThreadGroups.describe("", 42L, true)).isEqualTo("a virtual thread (#42)");
        assertThat(ThreadGroups.describe("main", 1L, false)).isEqualTo("thread 'main'");
    }

    /** All errors JDK-internal: the warning becomes ok and says how many were left out. */
    @Test
    void jdkInternalErrorsAreLeftOutWithACount() {
        RuleResult jmc = new RuleResult(
                RuleResult.JMC,
                JmcRules.ERRORS,
                "Thrown Errors",
                "exceptions",
                RuleResult.Severity.WARNING,
                80.0,
                "The program generated an average of 60 errors per minute.",
                false);
        RuleResult allJdk = JmcRules.withoutJdkInternal(jmc, new Analysis.ThrownErrors(true, 58, 58, List.of()));
        assertThat(allJdk.severity()).isEqualTo(RuleResult.Severity.OK);
        assertThat(allJdk.summary())
                .startsWith("The application threw no Errors; 58 JDK-internal error(s) are left out");

        RuleResult some = JmcRules.withoutJdkInternal(
                jmc, new Analysis.ThrownErrors(true, 60, 58, List.of(new Analysis.Count("com.example.Oops", 2))));
        assertThat(some.severity()).isEqualTo(RuleResult.Severity.WARNING);
        assertThat(some.summary()).startsWith("The application threw 2 Error(s), most often com.example.Oops (2); 58");

        RuleResult none = JmcRules.withoutJdkInternal(jmc, new Analysis.ThrownErrors(true, 3, 0, List.of()));
        assertThat(none).isSameAs(jmc);
    }

    /** The JVM's version already names it: printed once. */
    @Test
    void jvmNamedOnce() {
        Analysis.Jvm j = new Analysis.Jvm(
                "OpenJDK 64-Bit Server VM",
                "OpenJDK 64-Bit Server VM (25.0.3+9-LTS) for linux-amd64 JRE (25.0.3+9-LTS)",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(TextReport.jvmName(j))
                .isEqualTo("OpenJDK 64-Bit Server VM (25.0.3+9-LTS) for linux-amd64 JRE (25.0.3+9-LTS)");
    }

    /** The backends' threads are named as such; other names lose their numbers. */
    @Test
    void threadGroups() {
        assertThat(ThreadGroups.of("awaitable-sm-3", false)).isEqualTo(ThreadGroups.STATEMACHINE_WORKERS);
        assertThat(ThreadGroups.of("awaitable-sm-timer", false)).isEqualTo(ThreadGroups.STATEMACHINE_TIMER);
        assertThat(ThreadGroups.of("awaitable-loom-carrier-2", false)).isEqualTo(ThreadGroups.LOOM_CARRIERS);
        assertThat(ThreadGroups.of("awaitable-loom-body", true)).isEqualTo(ThreadGroups.LOOM_BODIES);
        assertThat(ThreadGroups.of("awaitable-loom-timer", false)).isEqualTo(ThreadGroups.LOOM_TIMER);
        assertThat(ThreadGroups.of("", true)).isEqualTo(ThreadGroups.VIRTUAL);
        assertThat(ThreadGroups.of("ForkJoinPool-1-worker-3", false)).startsWith("ForkJoinPool-1 workers");
        assertThat(ThreadGroups.of("http-conn-17", false)).isEqualTo("http-conn-N");
    }

    /** The JDK's waiting machinery is never the frame that waited. */
    @Test
    void waitingMachinery() {
        assertThat(Frames.isWaitingMachinery("jdk.internal.misc.Unsafe.park")).isTrue();
        assertThat(Frames.isWaitingMachinery("java.util.concurrent.locks.LockSupport.parkNanos"))
                .isTrue();
        assertThat(Frames.isWaitingMachinery("java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire"))
                .isTrue();
        assertThat(Frames.isWaitingMachinery("java.util.concurrent.ForkJoinPool.awaitWork"))
                .isFalse();
        assertThat(Frames.isWaitingMachinery("java.lang.Thread.run")).isFalse();
    }

    /** Percentiles as jfr view computes them: rank (n + 1) * p, interpolated. */
    @Test
    void percentilesAsJfrComputesThem() {
        long[] v = {10, 20, 30, 40};
        assertThat(DurationTally.percentileNs(v, 0.5)).isEqualTo(25.0);
        assertThat(DurationTally.percentileNs(v, 0.99)).isEqualTo(40.0);
        assertThat(DurationTally.percentileNs(new long[] {10, 20, 30}, 0.5)).isEqualTo(20.0);
        assertThat(DurationTally.percentileNs(new long[] {7}, 0.99)).isEqualTo(7.0);
        assertThat(DurationTally.percentileNs(new long[0], 0.5)).isZero();
    }
}
