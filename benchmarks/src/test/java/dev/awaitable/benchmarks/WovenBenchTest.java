package dev.awaitable.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.spi.WovenBody;
import dev.awaitable.statemachine.AsyncStateMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The woven benchmarks compare like with like: each direct-style method computes what its
 * hand-written machine computes, on statemachine (woven) and on loom (as written), and on
 * statemachine it is a machine the weaver generated that runs (unwoven direct style would throw
 * at its first {@code Async.run} there).
 */
class WovenBenchTest {

    private static final String PACKAGE = "dev.awaitable.benchmarks.";

    @AfterEach
    void restoreDefault() {
        Async.useBackend("loom");
    }

    /** Every direct-style method of the woven benchmarks has a generated machine of the backend's shape. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "WovenChainBench$addOne$Async0",
                "WovenSuspensionBench$addOne$Async0",
                "WovenSuspensionBench$twoRefs$Async0",
                "WovenSuspensionBench$startWovenLooping$Async0",
                "DirectStyleExamples$greet$Async0",
                "DirectStyleExamples$sum$Async0",
                "DirectStyleExamples$read$Async0",
                "DirectStyleExamples$total$Async0"
            })
    void directStyleMethodsAreWoven(String machine) throws ClassNotFoundException {
        Class<?> c = Class.forName(PACKAGE + machine);
        assertThat(WovenBody.class).isAssignableFrom(c);
        assertThat(AsyncStateMachine.class).isAssignableFrom(c);
    }

    /** On statemachine the creation site takes the machine branch: the backend runs no direct style. */
    @Test
    void statemachineRunsTheMachine() {
        WovenBackend.selectFor("woven");
        assertThat(Async.backend().name()).isEqualTo("statemachine");
        assertThat(Async.backend().supportsDirectStyle()).isFalse();
        Awaitable<Integer> r = WovenSuspensionBench.addOne(Awaitable.completed(1));
        assertThat(r.getResult()).isEqualTo(2);
        WovenBackend.selectFor("wovenLoom");
        assertThat(Async.backend().name()).isEqualTo("loom");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100})
    void chainsAgree(int stages) {
        WovenChainBench bench = new WovenChainBench();
        bench.stages = stages;
        WovenBackend.selectFor("woven");
        assertThat(bench.handWritten()).isEqualTo(stages);
        assertThat(bench.woven()).isEqualTo(stages);
        WovenBackend.selectFor("wovenLoom");
        assertThat(bench.wovenLoom()).isEqualTo(stages);
    }

    @Test
    void suspensionsAgree() {
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        WovenSuspensionBench bench = new WovenSuspensionBench();
        WovenBackend.selectFor("woven");
        assertThat(bench.handWrittenSynchronousCompletion()).isEqualTo(42);
        assertThat(bench.wovenSynchronousCompletion()).isEqualTo(42);
        assertThat(bench.handWrittenFirstSuspension(bh)).isEqualTo(2);
        assertThat(bench.wovenFirstSuspension(bh)).isEqualTo(2);

        bench.startLooping(true);
        for (int i = 1; i <= 3; i++) {
            assertThat(bench.handWrittenRepeatedSuspension()).isEqualTo(i);
        }
        bench.startLooping(false);
        for (int i = 1; i <= 3; i++) {
            assertThat(bench.wovenRepeatedSuspension()).isEqualTo(i);
        }

        WovenBackend.selectFor("wovenSynchronousCompletionLoom");
        assertThat(bench.wovenSynchronousCompletionLoom()).isEqualTo(42);
    }

    @Test
    void examplesAgree() {
        WovenExamplesBench bench = new WovenExamplesBench();
        WovenBackend.selectFor("woven");
        assertThat(bench.handWrittenTwoAwaits()).isEqualTo("Ada is 36").isEqualTo(bench.wovenTwoAwaits());
        assertThat(bench.handWrittenLoopWithAwait()).isEqualTo(45L).isEqualTo(bench.wovenLoopWithAwait());
        assertThat(bench.handWrittenTryCatchFinally()).isEqualTo("read data");
        assertThat(bench.log).containsExactly("open", "close");
        assertThat(bench.wovenTryCatchFinally()).isEqualTo("read data");
        assertThat(bench.log).containsExactly("open", "close");
        assertThat(bench.handWrittenFanOut()).isEqualTo(6).isEqualTo(bench.wovenFanOut());

        WovenBackend.selectFor("Loom");
        assertThat(bench.wovenTwoAwaitsLoom()).isEqualTo("Ada is 36");
        assertThat(bench.wovenLoopWithAwaitLoom()).isEqualTo(45L);
        assertThat(bench.wovenTryCatchFinallyLoom()).isEqualTo("read data");
        assertThat(bench.log).containsExactly("open", "close");
        assertThat(bench.wovenFanOutLoom()).isEqualTo(6);
    }
}
