package dev.awaitable.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.harness.Schedule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each construct of the fixtures, woven and run on statemachine, agrees with the same code unwoven
 * on loom, under every schedule: the same result or exception (class and message) and the same
 * side effects in the same order.
 */
class WovenFixturesTest {

    /** One dynamic test per fixture and schedule. */
    @TestFactory
    Stream<DynamicTest> wovenAgreesWithLoom() throws Exception {
        WeaveResult woven = FixtureSuite.weave();
        List<FixtureSuite.Comparison> comparisons =
                FixtureSuite.compareAll(woven.classes(), List.of(Schedule.values()));
        return comparisons.stream()
                .map(c -> DynamicTest.dynamicTest(c.fixture() + " " + c.schedule(), () -> {
                    assertThat(c.woven()).as("woven on statemachine").isEqualTo(c.loom());
                    assertThat(c.wovenOnLoom()).as("woven on loom").isEqualTo(c.loom());
                    assertThat(c.woven().result()).doesNotContain("harness failure", "UnsupportedOperation");
                }));
    }

    /**
     * A classpath function that knows only the program's own classes (not the library's, not the
     * JDK's) still weaves code that runs: the JDK's classes come from the running JDK, and an
     * unknown class is taken for a subclass of Object, which javac's own frames never contradict
     * in these fixtures. (The program's own superclasses are needed: a protected member inherited
     * from another package is found through them.)
     */
    @Test
    void weavesWithOnlyTheProgramsOwnClasses() throws Exception {
        WeaveResult woven = new Weaver(name -> name.startsWith("dev/awaitable/weaver/fixtures/")
                        ? dev.awaitable.weaver.harness.ClassFiles.lookup(name)
                        : null)
                .weave(dev.awaitable.weaver.harness.ClassFiles.ofPackage(FixtureSuite.PACKAGE));
        assertThat(woven.errors()).isEmpty();
        List<FixtureSuite.Comparison> comparisons =
                FixtureSuite.compareAll(woven.classes(), List.of(Schedule.COMPLETED, Schedule.SAME_THREAD));
        assertThat(comparisons)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.agree()).as(c.toString()).isTrue());
    }
}
