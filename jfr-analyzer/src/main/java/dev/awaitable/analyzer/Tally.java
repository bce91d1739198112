package dev.awaitable.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sums a weight per name and lists the heaviest: frames by count, classes by bytes. */
final class Tally {
    private final Map<String, long[]> totals = new HashMap<>();
    private long sum;

    void add(String name, long weight) {
        totals.computeIfAbsent(name, k -> new long[1])[0] += weight;
        sum += weight;
    }

    long sum() {
        return sum;
    }

    boolean isEmpty() {
        return totals.isEmpty();
    }

    /** The {@code limit} heaviest, heaviest first; ties by name, so output is stable. */
    List<Map.Entry<String, Long>> top(int limit) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(totals.size());
        totals.forEach((k, v) -> all.add(Map.entry(k, v[0])));
        all.sort(Comparator.comparing((Map.Entry<String, Long> e) -> e.getValue())
                .reversed()
                .thenComparing(Map.Entry::getKey));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    List<Analysis.Count> topCounts(int limit) {
        return top(limit).stream()
                .map(e -> new Analysis.Count(e.getKey(), e.getValue()))
                .toList();
    }

    List<Analysis.Share> topShares(int limit) {
        return top(limit).stream()
                .map(e -> new Analysis.Share(e.getKey(), e.getValue(), sum == 0 ? 0 : 100.0 * e.getValue() / sum))
                .toList();
    }
}
