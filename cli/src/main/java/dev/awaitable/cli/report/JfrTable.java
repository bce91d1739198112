package dev.awaitable.cli.report;

import dev.awaitable.analyzer.JfrHighlights;
import dev.awaitable.cli.results.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JFR highlights of a workload's recorded cells: a row per cell, a column per finding of the
 * analysis. A column's value is a list (top frames, top allocating classes, findings); scalar
 * columns hold one text. The recording column holds the path as written by the run, so each
 * renderer can link it its own way.
 */
final class JfrTable {

    /** Index of the recording column. */
    static final int RECORDING = 1;

    private static final List<String> HEADERS = List.of(
            "Cell",
            "Recording",
            "Suspensions/op",
            "Resumptions/op",
            "Resume p50 / p99 (ns)",
            "Pinned (top frames)",
            "Park events",
            "GC pauses (total ms)",
            "Top allocating classes",
            "Findings");

    private static final List<String> LEGEND = List.of(
            "Cell: implementation and parameter set of the recorded cell",
            "Recording: the .jfr file of the cell's profiling iterations (in its last fork, after the timed ones, which"
                    + " run without JFR), relative to the report; open it with JDK Mission Control or ./awaitable analyze",
            "Suspensions/op: dev.awaitable suspensions per measured operation",
            "Resumptions/op: dev.awaitable resumptions per measured operation",
            "Resume p50 / p99 (ns): median and 99th percentile delay from a completion to its awaiter running again",
            "Pinned (top frames): jdk.VirtualThreadPinned events, with the most frequent top frames and their counts",
            "Park events: jdk.ThreadPark events in the recording",
            "GC pauses (total ms): garbage collection pauses in the recording, and their total duration",
            "Top allocating classes: classes by sampled allocation weight, with their share",
            "Findings: what JMC's rules and ours flagged, as severity: text");

    private JfrTable() {}

    static List<String> headers() {
        return HEADERS;
    }

    static List<String> legend() {
        return LEGEND;
    }

    /** The values of {@code cell}'s row, aligned with {@link #headers()}; {@link Formats#MISSING} for what the recording lacked. */
    static List<List<String>> values(CellResult cell) {
        JfrHighlights j = cell.jfr();
        List<List<String>> v = new ArrayList<>();
        v.add(List.of(
                cell.implementation() + (cell.params() == null || cell.params().isBlank() ? "" : " " + cell.params())));
        v.add(List.of(j.recording() == null ? Formats.MISSING : j.recording()));
        v.add(List.of(Formats.number(j.suspensionsPerOp())));
        v.add(List.of(Formats.number(j.resumptionsPerOp())));
        v.add(List.of(Formats.number(j.resumeLatencyP50Ns()) + " / " + Formats.number(j.resumeLatencyP99Ns())));
        List<String> pinned = new ArrayList<>();
        pinned.add(Formats.integer(j.pinnedEvents()));
        pinned.addAll(orEmpty(j.pinnedTopFrames()));
        v.add(pinned);
        v.add(List.of(Formats.integer(j.parkEvents())));
        v.add(List.of(Formats.integer(j.gcPauses())
                + (j.gcPauseTotalMs() == null ? "" : " (" + Formats.number(j.gcPauseTotalMs()) + " ms)")));
        v.add(orMissing(j.topAllocatingClasses()));
        v.add(orMissing(j.findings()));
        return v;
    }

    /** Whether column {@code i} holds numbers. */
    static boolean numeric(int i) {
        return i >= 2 && i <= 7 && i != 5;
    }

    /** The severity word of a finding ("warning: ..." gives "warning"), or null. */
    static String severity(String finding) {
        int colon = finding.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String word = finding.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        return word.matches("[a-z]{2,12}") ? word : null;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null
                ? List.of()
                : l.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    private static List<String> orMissing(List<String> l) {
        List<String> out = orEmpty(l);
        return out.isEmpty() ? List.of(Formats.MISSING) : out;
    }
}
