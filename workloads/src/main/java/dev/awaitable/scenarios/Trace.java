package dev.awaitable.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The steps an ordering experiment went through, in the order they happened, each with the
 * platform thread it ran on. Safe to write from any thread; steps of one experiment never run at
 * the same time (they are ordered by the awaits between them), so the lock is uncontended.
 */
final class Trace {

    /** One step: its label and where it ran. */
    record Step(String label, String thread) {}

    private final List<Step> steps = new ArrayList<>();

    synchronized void step(String label) {
        steps.add(new Step(label, Probes.platformThread()));
    }

    synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The labels in order, e.g. {@code [A, B, C]}. */
    synchronized List<String> labels() {
        return steps.stream().map(Step::label).toList();
    }

    /** {@code A,B,C}. */
    synchronized String order() {
        return steps.stream().map(Step::label).collect(Collectors.joining(","));
    }

    /** {@code A on t1, B,C on t2}: consecutive steps on the same thread grouped. */
    synchronized String where() {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            String thread = steps.get(i).thread();
            List<String> labels = new ArrayList<>();
            while (i < steps.size() && steps.get(i).thread().equals(thread)) {
                labels.add(steps.get(i++).label());
            }
            parts.add(String.join(",", labels) + " on " + thread);
        }
        return String.join(", ", parts);
    }
}
