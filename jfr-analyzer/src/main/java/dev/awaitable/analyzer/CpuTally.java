package dev.awaitable.analyzer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Execution samples ({@code jdk.ExecutionSample}): each is a thread caught running Java code.
 * Counted three ways: by the top frame's method (what {@code jfr view hot-methods} shows), by
 * the application frame's method (JDK code charged to the application code that called it), and
 * by thread group, each group with its own top application methods.
 */
final class CpuTally {
    private final Tally topMethods = new Tally();
    private final Tally applicationMethods = new Tally();
    private final Tally groups = new Tally();
    private final Map<String, Tally> groupMethods = new HashMap<>();
    private long samples;

    void add(RecordedEvent e) {
        samples++;
        RecordedStackTrace st = e.getStackTrace();
        String top = Frames.topMethod(st);
        topMethods.add(top == null ? Frames.NO_STACK_TRACE : top, 1);
        RecordedFrame app = Frames.applicationFrame(st);
        String appMethod = app == null ? Frames.NO_STACK_TRACE : Frames.method(app);
        applicationMethods.add(appMethod, 1);
        String group = ThreadGroups.of(e.hasField("sampledThread") ? e.getThread("sampledThread") : null);
        groups.add(group, 1);
        groupMethods.computeIfAbsent(group, k -> new Tally()).add(appMethod, 1);
    }

    Analysis.Cpu result(boolean recorded, String period, int limit) {
        List<Analysis.Hot> byGroup = groups.top(limit).stream()
                .map(g -> new Analysis.Hot(
                        g.getKey(),
                        g.getValue(),
                        percent(g.getValue()),
                        groupMethods.get(g.getKey()).top(1).get(0).getKey()))
                .toList();
        return new Analysis.Cpu(
                recorded, period, samples, hot(topMethods, limit), hot(applicationMethods, limit), byGroup);
    }

    private List<Analysis.Hot> hot(Tally t, int limit) {
        return t.top(limit).stream()
                .map(e -> new Analysis.Hot(e.getKey(), e.getValue(), percent(e.getValue()), null))
                .toList();
    }

    private double percent(long n) {
        return samples == 0 ? 0 : 100.0 * n / samples;
    }
}
