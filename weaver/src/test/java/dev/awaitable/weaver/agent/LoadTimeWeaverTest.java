package dev.awaitable.weaver.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's machinery in a fresh JVM, with a weave result fixed by the test
 * ({@link FixtureWeavingAgent}): what reaches the weaver, where generated classes are defined, what
 * happens to a refused class.
 */
class LoadTimeWeaverTest {

    @TempDir
    static Path dir;

    private static AgentRun.Output run;
    /** The same program, started by a class that loads a nested class of the host before the host. */
    private static AgentRun.Output innerFirst;

    private static int refusedLine;

    @BeforeAll
    static void runTheProgram() throws Exception {
        Path classes = AgentRun.compile(dir, Fixtures.sources());
        refusedLine = 1
                + Fixtures.REFUSED
                        .lines()
                        .toList()
                        .indexOf(Fixtures.REFUSED
                                .lines()
                                .filter(l -> l.contains("// refused"))
                                .findFirst()
                                .orElseThrow());
        Path agent = AgentRun.agentJar(dir.resolve("agent.jar"), FixtureWeavingAgent.class.getName(), null);
        List<String> classpath = new ArrayList<>(AgentRun.testClasspath());
        classpath.add(classes.toString());
        run = AgentRun.run(agent, classpath, List.of("-Dawaitable.backend=loom"), "fixture.Hello", "report");
        innerFirst =
                AgentRun.run(agent, classpath, List.of("-Dawaitable.backend=loom"), "fixture.InnerFirst", "report");
        assertThat(Files.exists(agent)).isTrue();
    }

    /**
     * A nest reaches the weaver once, whole, when its first class loads; nothing else does: not the
     * JDK, and not the library's own classes, which call {@code Async.await} outside bodies by design.
     */
    @Test
    void eachNestIsWovenOnceAndWhole() {
        assertThat(run.out().lines().filter(l -> l.startsWith("weave ")))
                .containsExactly("weave [fixture/Hello, fixture/Hello$Inner]", "weave [fixture/Refused]");
    }

    /**
     * A generated class is defined in its host's loader and package, as a nestmate of its host,
     * before the host's code runs; a nested class loaded later gets its woven bytes.
     */
    @Test
    void generatedClassesJoinTheirHostsNest() {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .contains(
                        "hello agent",
                        "inner woven: true",
                        "machine: nest host fixture.Hello, same loader true, says machine of fixture/Hello");
    }

    /**
     * When a nested class loads before its host, the whole nest is woven then: the host, loaded
     * later, gets its woven bytes, and the machine is already defined.
     */
    @Test
    void aNestedClassLoadedFirstWeavesItsWholeNest() {
        assertThat(innerFirst.exit()).as(innerFirst.err()).isZero();
        assertThat(innerFirst.out().lines().filter(l -> l.startsWith("weave ")))
                .containsExactly("weave [fixture/Hello, fixture/Hello$Inner]", "weave [fixture/Refused]");
        assertThat(innerFirst.out().lines())
                .containsSubsequence(
                        "inner loaded first: fixture.Hello$Inner",
                        "hello agent",
                        "inner woven: true",
                        "machine: nest host fixture.Hello, same loader true, says machine of fixture/Hello");
    }

    /** A refused class is printed as javac prints an error, then left as javac wrote it. */
    @Test
    void aRefusedClassIsPrintedAndLeftUnwoven() {
        assertThat(run.err().lines())
                .containsExactly(
                        "[awaitable-weaver] Refused.java:" + refusedLine + ": error: refused (fixture)",
                        "[awaitable-weaver] fixture.Refused left unwoven: its direct-style bodies cannot run on the"
                                + " statemachine backend");
        assertThat(run.out().lines()).contains("refused woven: false");
    }
}
