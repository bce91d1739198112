package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recording of a program that knows nothing of Awaitable, made by {@code java
 * -XX:StartFlightRecording} in a child JVM: analyzed without error, with JMC's rules evaluated.
 */
class ForeignRecordingTest {

    /** Recording facts, JVM information, allocation and GC come from the JDK's own events. */
    @Test
    void jdkEventsAreSummarized() throws Exception {
        Analysis a = Recordings.analysis(Recordings.foreign());
        assertThat(a.recording().events()).isPositive();
        assertThat(a.recording().durationMs()).isPositive();
        assertThat(a.recording().jvm()).isNotNull();
        assertThat(a.recording().jvm().version()).isNotBlank();
        assertThat(a.recording().jvm().javaArguments()).contains("Churn");
        assertThat(a.recording().eventsByType()).containsKey("jdk.JVMInformation");

        assertThat(a.allocations().source()).isNotNull();
        assertThat(a.allocations().topClasses()).isNotEmpty();
        assertThat(a.allocations().topClasses())
                .extracting(Analysis.Share::name)
                .contains("int[]");
        assertThat(a.gc().recorded()).isTrue();
        assertThat(a.gc().count()).isPositive(); // the program calls System.gc()
        assertThat(a.gc().byName()).isNotEmpty();

        assertThat(a.awaits().backends()).isEmpty();
        assertThat(AwaitsRecordingTest.rule(a, AwaitableRules.RESUME_LATENCY).severity())
                .isEqualTo(RuleResult.Severity.NA);
    }

    /** JMC's rules ran: many of them, with real verdicts; any that threw is an n/a entry, not a crash. */
    @Test
    void jmcRulesAreEvaluated() throws Exception {
        Analysis a = Recordings.analysis(Recordings.foreign());
        List<RuleResult> jmc = a.rules().stream()
                .filter(r -> r.source().equals(RuleResult.JMC))
                .toList();
        assertThat(jmc).hasSizeGreaterThan(20);
        assertThat(jmc)
                .filteredOn(r -> r.severity() == RuleResult.Severity.OK
                        || r.severity() == RuleResult.Severity.INFO
                        || r.severity() == RuleResult.Severity.WARNING)
                .hasSizeGreaterThan(10);
        assertThat(jmc).allSatisfy(r -> {
            assertThat(r.id()).isNotBlank();
            assertThat(r.name()).isNotBlank();
        });
        assertThat(jmc).filteredOn(RuleResult::failed).allSatisfy(r -> {
            assertThat(r.severity()).isEqualTo(RuleResult.Severity.NA);
            assertThat(r.summary()).startsWith("n/a: ");
        });
        System.out.printf("JMC rules on a foreign recording: %d evaluated (%s)%n", jmc.size(), TextReport.tally(jmc));
        jmc.stream().filter(RuleResult::failed).forEach(r -> System.out.println("  " + r.id() + ": " + r.summary()));
    }

    /** The command prints the analysis on out, nothing on err, and exits 0. */
    @Test
    void commandPrintsTextAndExitsZero() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JfrAnalyzer.analyzeCommand(
                new AnalyzeOptions(List.of(Recordings.foreign()), null, null, null, false, null),
                print(out),
                print(err));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(exit).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(text)
                .contains("Recording", "JVM", "Allocation (", "GC pauses", "JMC automated analysis", "Event types");
    }

    static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
