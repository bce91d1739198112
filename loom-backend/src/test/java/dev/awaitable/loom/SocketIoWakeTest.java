package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A body blocked in socket I/O wakes when the socket is ready, even when nothing else runs on the
 * JDK's default virtual-thread scheduler. Regression: with the JDK's default poller mode (pollers
 * as virtual threads of the default scheduler) a body's accept and read never returned on an
 * idle JVM; the backend now selects platform pollers ({@code jdk.pollerMode=1}) when it loads.
 * Each case runs in a fresh JVM, since the JDK reads the mode once.
 */
class SocketIoWakeTest {

    @Test
    void aBodyBlockedInAcceptAndReadWakesOnAnIdleJvm() throws Exception {
        Result r = probe();
        assertThat(r.out).as(r.err).containsSubsequence("accepted", "read 42").doesNotContain("TIMEOUT");
    }

    @Test
    void aUserChosenPollerModeIsKeptAndWarnedAbout() throws Exception {
        Result r = probe("-Djdk.pollerMode=2");
        assertThat(r.err).contains("loom backend: -Djdk.pollerMode=2", "use -Djdk.pollerMode=1");
    }

    @Test
    void theBackendReportsThePollerMode() {
        assertThat(new LoomBackend().properties()).containsKey("jdk.pollerMode");
    }

    private record Result(String out, String err) {}

    private static Result probe(String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.addAll(List.of(flags));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SocketIoWakeProbe.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe JVM did not end within 30 s");
        }
        return new Result(
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
