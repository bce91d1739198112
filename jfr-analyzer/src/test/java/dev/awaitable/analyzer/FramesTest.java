package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which frames count as "runtime" when looking for the frame a reader cares about, and class names. */
class FramesTest {

    /** The JDK and Awaitable's core and backends are runtime; the comparisons' workloads and user code are not. */
    @Test
    void runtimeFrames() {
        assertThat(Frames.isRuntime("java.lang.VirtualThread")).isTrue();
        assertThat(Frames.isRuntime("jdk.internal.misc.Unsafe")).isTrue();
        assertThat(Frames.isRuntime("sun.nio.ch.Net")).isTrue();
        assertThat(Frames.isRuntime("dev.awaitable.Awaitable")).isTrue();
        assertThat(Frames.isRuntime("dev.awaitable.loom.LoomBackend")).isTrue();
        assertThat(Frames.isRuntime("dev.awaitable.statemachine.StateMachineBox"))
                .isTrue();
        assertThat(Frames.isRuntime("dev.awaitable.workloads.sleepers.Sleepers"))
                .isFalse();
        assertThat(Frames.isRuntime("com.example.App")).isFalse();
    }

    /** JVM array descriptors read as Java writes them. */
    @Test
    void javaClassNames() {
        assertThat(Frames.javaClassName("[I")).isEqualTo("int[]");
        assertThat(Frames.javaClassName("[[J")).isEqualTo("long[][]");
        assertThat(Frames.javaClassName("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
        assertThat(Frames.javaClassName("java.lang.String")).isEqualTo("java.lang.String");
        assertThat(Frames.javaClassName(null)).isEqualTo("(unknown class)");
    }
}
