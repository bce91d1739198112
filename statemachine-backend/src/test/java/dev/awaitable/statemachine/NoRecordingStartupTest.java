package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program that awaits but never records must not start JFR's machinery: the tracing hooks
 * look an event type up only while a recording runs, and the periodic statistics event is
 * registered only once JFR itself initializes. Two regressions, each initializing JFR's metadata
 * repository at the first await: looking the per-await event types up when tracing first loaded
 * (about 140 ms, caught before it landed), and registering the statistics event when the
 * counters first loaded (150-200 ms, in every program until the registration waited for JFR).
 * A fresh JVM, so no other test's recording has loaded it already; what it observes is which
 * classes the JVM loaded, not time. Run with the statistics event on (the default) and off.
 */
class NoRecordingStartupTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void awaitingWithoutARecordingLoadsNoJfrMetadata(boolean statistics) throws Exception {
        String out = probe("-Xlog:class+load=info", "-Dawaitable.jfr.statistics=" + statistics);

        assertThat(out).contains("result 42");
        assertThat(out)
                .as("classes the probe loaded")
                .contains("dev.awaitable.internal.Tracing ")
                .doesNotContain("jdk.jfr.internal.MetadataRepository");
        if (statistics) {
            assertThat(out)
                    .as("the counters loaded (so the statistics event's registration was reached)")
                    .contains("dev.awaitable.internal.AsyncStats ");
        }
    }

    /**
     * The other half of the deferred registration: a recording started after the counters
     * loaded (JFR initializes only then) still gets the statistics event, registered while JFR
     * initialized, before the recording enabled it.
     */
    @Test
    void aRecordingStartedLaterStillGetsTheStatisticsEvent() throws Exception {
        String out = probe("-Dawaitable.jfr.statistics=true", "record");

        assertThat(out).contains("result 42");
        assertThat(out).containsPattern("statistics events [1-9]");
    }

    /** Runs {@link NoRecordingProbe} in a fresh JVM with {@code options} (JVM options, then program arguments). */
    private static String probe(String... options) throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        List<String> args = new ArrayList<>();
        for (String o : options) {
            (o.startsWith("-") ? cmd : args).add(o);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NoRecordingProbe.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ended").isTrue();
        return out;
    }
}
