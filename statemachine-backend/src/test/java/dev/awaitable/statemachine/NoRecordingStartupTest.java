package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A program that awaits but never records, with the periodic statistics event turned off, must
 * not start JFR's machinery: the tracing hooks look an event type up only while a recording
 * runs. (Regression, caught before it landed: looking the per-await event types up when tracing
 * first loaded initialized JFR's metadata repository, about 140 ms, at the first await.) A
 * fresh JVM, so no other test's recording has loaded it already; what it observes is which
 * classes the JVM loaded, not time. With statistics on (the default) the periodic event's
 * registration loads the repository anyway; see README, Not done yet.
 */
class NoRecordingStartupTest {

    @Test
    void awaitingWithoutARecordingLoadsNoJfrMetadata() throws Exception {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xlog:class+load=info", "-Dawaitable.jfr.statistics=false", "-cp", System.getProperty("java.class.path"), NoRecordingProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ended").isTrue();

        assertThat(out).contains("result 42");
        assertThat(out).as("classes the probe loaded").contains("dev.awaitable.internal.Tracing ")
                .doesNotContain("jdk.jfr.internal.MetadataRepository");
    }
}
