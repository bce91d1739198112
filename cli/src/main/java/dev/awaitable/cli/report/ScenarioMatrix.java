package dev.awaitable.cli.report;

import dev.awaitable.scenarios.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario outcomes as a table: a row per scenario (in run order), a column per backend
 * (loom, statemachine, then any other in run order), so a claim that holds on one backend and
 * not on the other shows on one line.
 */
final class ScenarioMatrix {

    /**
     * One scenario across backends.
     *
     * @param id        scenario id
     * @param title     one line
     * @param expected  what the claim predicts (from the first backend's result)
     * @param byBackend each backend's result; a backend that did not run it is absent
     */
    record Row(String id, String title, String expected, Map<String, ScenarioResult> byBackend) {}

    private final List<String> backends;
    private final List<Row> rows;

    ScenarioMatrix(List<ScenarioResult> results) {
        Set<String> backendSet = new LinkedHashSet<>(List.of("loom", "statemachine"));
        Map<String, Map<String, ScenarioResult>> byId = new LinkedHashMap<>();
        Map<String, ScenarioResult> firstById = new LinkedHashMap<>();
        for (ScenarioResult r : results == null ? List.<ScenarioResult>of() : results) {
            backendSet.add(r.backend());
            byId.computeIfAbsent(r.id(), x -> new LinkedHashMap<>()).put(r.backend(), r);
            firstById.putIfAbsent(r.id(), r);
        }
        List<Row> out = new ArrayList<>();
        byId.forEach((id, byBackend) -> {
            ScenarioResult first = firstById.get(id);
            out.add(new Row(id, first.title(), first.expected(), byBackend));
        });
        this.rows = List.copyOf(out);
        this.backends = backendSet.stream()
                .filter(b -> rows.stream().anyMatch(r -> r.byBackend().containsKey(b)))
                .toList();
    }

    List<String> backends() {
        return backends;
    }

    List<Row> rows() {
        return rows;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    long passed() {
        return rows.stream()
                .flatMap(r -> r.byBackend().values().stream())
                .filter(ScenarioResult::passed)
                .count();
    }

    long total() {
        return rows.stream().mapToLong(r -> r.byBackend().size()).sum();
    }
}
