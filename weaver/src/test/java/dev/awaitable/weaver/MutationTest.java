package dev.awaitable.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.harness.Schedule;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fixture suite catches a broken weaver: with each deliberate defect switched on, at least one
 * fixture woven on statemachine disagrees with loom (a wrong value, a wrong exception, a wrong
 * log, or a class the JVM's verifier rejects, which shows as a failure at start).
 */
class MutationTest {

    @AfterEach
    void restore() {
        Mutation.active = Mutation.NONE;
    }

    /** Each mutation makes some fixture diverge; the weaver without one makes none diverge (WovenFixturesTest). */
    @ParameterizedTest
    @EnumSource(value = Mutation.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void theFixturesCatchTheMutation(Mutation mutation) throws Exception {
        Mutation.active = mutation;
        WeaveResult woven = FixtureSuite.weave();
        Mutation.active = Mutation.NONE;
        List<FixtureSuite.Comparison> comparisons =
                FixtureSuite.compareUntilDivergence(woven.classes(), List.of(Schedule.SAME_THREAD), 2_000);
        List<String> diverging = comparisons.stream()
                .filter(c -> !c.agree())
                .map(c -> c.fixture() + ": loom " + c.loom() + ", woven " + c.woven())
                .toList();
        assertThat(diverging).as("fixtures that catch " + mutation).isNotEmpty();
    }
}
