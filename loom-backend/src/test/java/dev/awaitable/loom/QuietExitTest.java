package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Library threads never delay a program's exit. Regression: under {@code mvn exec:java} a
 * program using timers hung 15 s at exit ("thread awaitable-loom-timer will linger despite being
 * asked to die via interruption"): the timer thread had been created in the program's thread
 * group, which exec:java interrupts and joins when main returns, and a timer's worker does not
 * end on an interrupt. Library threads are now daemon threads in the JVM's top thread group.
 * {@link QuietExitProbe} runs in a fresh JVM and does what exec:java does; the JVM must then exit
 * by itself, with nothing of ours lingering.
 */
class QuietExitTest {

    @Test
    void aProgramUsingTimersAndTheLoomBackendExitsAtOnceWithNothingLingering() throws Exception {
        Result r = run(QuietExitProbe.class.getName());
        assertThat(r.exitCode).as("exit code; stderr: %s", r.err).isZero();
        assertThat(r.out).contains("result=42");
        assertThat(r.out).contains("lingering=[]");
        assertThat(r.out).contains("non-daemon library threads=[]");
        assertThat(r.out).contains("awaitable-loom-timer", "awaitable-unobserved-faults"); // they did start
    }

    private record Result(int exitCode, String out, String err) {}

    /** Runs {@code mainClass} in a fresh JVM; fails if it has not exited by itself within 10 s (exec:java's hang was 15 s per thread). */
    private static Result run(String mainClass) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-Dawaitable.backend=loom");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the program's JVM did not exit by itself within 10 s: a thread held it up");
        }
        return new Result(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
