package dev.awaitable.weaver.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.Weaver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent, packed as the build packs it (the weaver's classes, {@code Premain-Class}), on a
 * direct-style program run in a fresh JVM on each backend.
 */
class WeaverAgentTest {

    @TempDir
    static Path dir;

    private static Path agent;
    private static List<String> classpath;

    @BeforeAll
    static void pack() throws Exception {
        Path weaverClasses = Path.of(
                Weaver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        agent = AgentRun.agentJar(dir.resolve("awaitable-weaver.jar"), WeaverAgent.class.getName(), weaverClasses);
        classpath = new ArrayList<>(AgentRun.testClasspath(weaverClasses));
        classpath.add(AgentRun.compile(dir, Fixtures.sources()).toString());
    }

    /** On loom the program runs as written, and the agent says nothing. */
    @Test
    void runsOnLoomUnderTheAgent() throws Exception {
        AgentRun.Output run = AgentRun.run(agent, classpath, List.of("-Dawaitable.backend=loom"), "fixture.Hello");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("hello agent" + System.lineSeparator());
        assertThat(run.exit()).isZero();
    }

    /** On statemachine the same program runs woven at load time, with the same output. */
    @Test
    void runsOnStatemachineUnderTheAgent() throws Exception {
        AgentRun.Output run =
                AgentRun.run(agent, classpath, List.of("-Dawaitable.backend=statemachine"), "fixture.Hello");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("hello agent" + System.lineSeparator());
        assertThat(run.exit()).isZero();
    }
}
