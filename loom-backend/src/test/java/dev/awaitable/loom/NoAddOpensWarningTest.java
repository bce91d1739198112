package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A program run without {@code --add-opens} and without any SLF4J provider (SLF4J then drops
 * every log line) still hears once, on stderr, that context affinity is off and how to turn it on,
 * and a body started on an event loop is refused with the flag in the message. Fresh JVM: the
 * class path here has a provider and the test JVMs open java.lang.
 */
class NoAddOpensWarningTest {

    @Test
    void theWarningReachesStderrOnceWithoutAProvider() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        Process p = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        classPath,
                        NoAddOpensProbe.class.getName()))
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe JVM did not end within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as(err).contains("result 1").contains("refused: loom backend: Async.run on context 'ui'");
        assertThat(out).contains("--add-opens java.base/java.lang=ALL-UNNAMED");
        String warning = "[awaitable] WARNING loom backend: context affinity is unavailable";
        assertThat(err).contains(warning).contains("--add-opens java.base/java.lang=ALL-UNNAMED");
        assertThat(err.indexOf(warning)).isEqualTo(err.lastIndexOf(warning));
    }
}
