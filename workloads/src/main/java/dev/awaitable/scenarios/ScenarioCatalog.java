package dev.awaitable.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every scenario, in report order: the seed claims as experiments. The CLI and the report read
 * this one catalog; adding a scenario is one class (usually extending {@code AbstractScenario})
 * registered here.
 */
public final class ScenarioCatalog {

    private static final List<Scenario> ALL = List.of(
            new ResumeOrderAbcScenario(),
            new ResumeOrderFiveStepScenario(),
            new ExceptionBeforeFirstAwaitScenario(),
            new FireAndForgetUnobservedScenario(),
            new JoinOnLoopDeadlockScenario(),
            new ValueAwaitableTwiceScenario(),
            new CancellationCooperativeScenario(),
            new WhenAllTwoFailuresScenario(),
            new WhenAnyTimeoutScenario(),
            new StreamEarlyExitScenario(),
            new ThreadsDuringIoWaitScenario());

    /** The backends every scenario has an implementation for, in report order. */
    private static final List<String> BACKENDS = List.of(AbstractScenario.STATEMACHINE, AbstractScenario.LOOM);

    private static final Map<String, Scenario> BY_ID = new LinkedHashMap<>();

    static {
        for (Scenario s : ALL) {
            if (BY_ID.put(s.id(), s) != null) {
                throw new ExceptionInInitializerError("duplicate scenario id " + s.id());
            }
        }
    }

    private ScenarioCatalog() {}

    /** Every scenario, in report order. */
    public static List<Scenario> all() {
        return ALL;
    }

    /** The ids, in report order. */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /** The backends every scenario runs on: {@code statemachine} and {@code loom}. */
    public static List<String> backends() {
        return BACKENDS;
    }

    /**
     * The scenario with this id.
     *
     * @throws IllegalArgumentException for an unknown id, listing the valid ones
     */
    public static Scenario byId(String id) {
        Scenario s = id == null ? null : BY_ID.get(id.trim());
        if (s == null) {
            throw new IllegalArgumentException(
                    "unknown scenario '" + id + "'; valid: " + String.join(", ", BY_ID.keySet()));
        }
        return s;
    }

    /**
     * The named scenarios (all if none named), in catalog order, after checking every id and
     * backend: an unknown one is an IllegalArgumentException listing the valid ones.
     */
    public static List<Scenario> select(List<String> ids, List<String> backends) {
        for (String b : backends) {
            if (!backends().contains(b)) {
                throw new IllegalArgumentException(
                        "unknown backend '" + b + "'; valid: " + String.join(", ", backends()));
            }
        }
        if (ids.isEmpty()) {
            return all();
        }
        List<Scenario> named =
                ids.stream().map(ScenarioCatalog::byId).distinct().toList();
        return all().stream().filter(named::contains).toList();
    }
}
