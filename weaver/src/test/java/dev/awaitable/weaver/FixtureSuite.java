package dev.awaitable.weaver;

import dev.awaitable.weaver.harness.ClassFiles;
import dev.awaitable.weaver.harness.FixtureRunner;
import dev.awaitable.weaver.harness.Outcome;
import dev.awaitable.weaver.harness.Schedule;
import dev.awaitable.weaver.harness.WovenLoader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixtures (package {@code dev.awaitable.weaver.fixtures}, one class per group of
 * constructs) woven in memory, and the comparison of each fixture woven on statemachine with the
 * same fixture unwoven on loom.
 */
final class FixtureSuite {

    static final String PACKAGE = "dev.awaitable.weaver.fixtures";

    static final List<String> CLASSES = List.of(
            "Sequential",
            "Loops",
            "Expressions",
            "Constructions",
            "TryCatch",
            "Primitives",
            "Switches",
            "Captures",
            "Nesting",
            "Awaitables",
            "Hosts",
            "Inheritance",
            "Shapes");

    private FixtureSuite() {}

    /** The fixture package woven, or an assertion error naming the diagnostics. */
    static WeaveResult weave() {
        WeaveResult result = new Weaver(ClassFiles::lookup).weave(ClassFiles.ofPackage(PACKAGE));
        if (!result.ok()) {
            throw new AssertionError("weaving the fixtures failed: " + result.errors());
        }
        return result;
    }

    /** A fixture's two runs under one schedule. */
    record Comparison(String fixture, Schedule schedule, Outcome loom, Outcome woven, Outcome wovenOnLoom) {
        boolean agree() {
            return loom.equals(woven) && loom.equals(wovenOnLoom);
        }
    }

    /**
     * Every fixture under every given schedule: unwoven on loom, woven on statemachine, and woven
     * on loom (where the creation sites create the original lambdas).
     */
    static List<Comparison> compareAll(Map<String, byte[]> woven, List<Schedule> schedules) throws Exception {
        return compare(woven, schedules, false, 20_000);
    }

    /** Like {@link #compareAll}, but ends at the first disagreement, and gives a run {@code timeoutMillis}. */
    static List<Comparison> compareUntilDivergence(
            Map<String, byte[]> woven, List<Schedule> schedules, long timeoutMillis) throws Exception {
        return compare(woven, schedules, true, timeoutMillis);
    }

    private static List<Comparison> compare(
            Map<String, byte[]> woven, List<Schedule> schedules, boolean stopAtDivergence, long timeoutMillis)
            throws Exception {
        WovenLoader loader = new WovenLoader(woven);
        List<Comparison> comparisons = new ArrayList<>();
        try (FixtureRunner runner = new FixtureRunner(timeoutMillis)) {
            for (String simple : CLASSES) {
                Class<?> original = Class.forName(PACKAGE + "." + simple);
                Class<?> wovenClass = loader.loadClass(PACKAGE + "." + simple);
                for (Method fixture : FixtureRunner.fixtures(original)) {
                    Method wovenFixture = wovenClass.getMethod(fixture.getName(), fixture.getParameterTypes());
                    for (Schedule schedule : schedules) {
                        Outcome loom = runner.run(fixture, "loom", schedule);
                        Outcome sm = runner.run(wovenFixture, "statemachine", schedule);
                        Outcome wovenOnLoom = runner.run(wovenFixture, "loom", schedule);
                        Comparison c =
                                new Comparison(simple + "." + fixture.getName(), schedule, loom, sm, wovenOnLoom);
                        comparisons.add(c);
                        if (stopAtDivergence && !c.agree()) {
                            return comparisons;
                        }
                    }
                }
            }
        }
        return comparisons;
    }
}
