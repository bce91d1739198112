package dev.awaitable.cli.report;

import dev.awaitable.cli.results.RunResults;
import dev.awaitable.cli.stats.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How far several runs of the same matrix agree: every summary ratio side by side with how far
 * apart the runs put it, and the workloads whose significant winner changed between runs. The
 * measure of reproducibility, read from recorded results only.
 *
 * <p>Two values of a ratio agree when the larger is at most {@value #TOLERANCE} above the smaller
 * (a spread of 10%); a ratio that some run left out (unstable cells) is not compared.
 */
final class Agreement {

    /** The largest spread (max / min - 1) at which the runs of a ratio agree. */
    static final double TOLERANCE = 0.10;

    /**
     * One ratio of the summary across the runs.
     *
     * @param workload the workload
     * @param ratio    what is divided, e.g. "loom / statemachine"
     * @param values   per run, the ratio's interval, or null where that run left it out
     */
    record Line(String workload, String ratio, List<Interval> values) {

        /** max / min - 1 over the runs, or null when a run has no value. */
        Double spread() {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (Interval i : values) {
                if (i == null) {
                    return null;
                }
                min = Math.min(min, i.point());
                max = Math.max(max, i.point());
            }
            return max / min - 1;
        }

        boolean agrees() {
            Double s = spread();
            return s != null && s <= TOLERANCE;
        }
    }

    private final List<String> runNames;
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, List<String>> winners = new LinkedHashMap<>();
    private final List<String> leftOut = new ArrayList<>();

    Agreement(List<String> runNames, List<RunResults> runs, String baseline) {
        this.runNames = List.copyOf(runNames);
        List<Summary> summaries = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            ReportModel model = new ReportModel(runs.get(r), baseline);
            summaries.add(model.summary());
            leftOut.add(
                    runNames.get(r) + ": " + model.unstableCount() + " of " + model.cellCount() + " cells unstable");
        }
        Summary first = summaries.get(0);
        for (Summary.Row row : first.rows()) {
            String w = row.table().id();
            List<Summary.Row> across = new ArrayList<>();
            for (Summary s : summaries) {
                s.rows().stream()
                        .filter(x -> x.table().id().equals(w))
                        .findFirst()
                        .ifPresent(across::add);
            }
            if (across.size() != summaries.size()) {
                continue; // a workload some run did not measure
            }
            for (String impl : first.implementations()) {
                add(w, impl + " / " + baseline, across, x -> x.vsBaseline().get(impl));
            }
            add(w, "loom / virtual-threads", across, Summary.Row::loomVsVirtualThreads);
            List<String> named = new ArrayList<>();
            for (Summary.Row x : across) {
                named.add(x.fastest().significant() ? x.fastest().fastest() : null);
            }
            winners.put(w, named);
        }
    }

    private void add(String workload, String ratio, List<Summary.Row> across, Function<Summary.Row, Interval> value) {
        List<Interval> values = new ArrayList<>();
        for (Summary.Row x : across) {
            values.add(value.apply(x));
        }
        if (values.stream().anyMatch(v -> v != null)) {
            lines.add(new Line(workload, ratio, values));
        }
    }

    List<Line> lines() {
        return lines;
    }

    /** Ratios every run has a value for. */
    List<Line> compared() {
        return lines.stream().filter(l -> l.spread() != null).toList();
    }

    /** Workloads where two runs named different significant winners. */
    List<String> winnerChanged() {
        List<String> out = new ArrayList<>();
        winners.forEach((w, named) -> {
            if (named.stream().filter(n -> n != null).distinct().count() > 1) {
                out.add(w + " ("
                        + String.join(
                                " vs ",
                                named.stream().map(n -> n == null ? "none" : n).toList()) + ")");
            }
        });
        return out;
    }

    /** One line: how many ratios agree, and whether any winner changed. */
    String verdict() {
        List<Line> c = compared();
        long agree = c.stream().filter(Line::agrees).count();
        List<String> changed = winnerChanged();
        return String.format(
                Locale.ROOT,
                "%d of %d ratios agree within ±%.0f%% across %d runs (%s); %s",
                agree,
                c.size(),
                TOLERANCE * 100,
                runNames.size(),
                c.isEmpty() ? "nothing to compare" : Formats.percent((double) agree / c.size()),
                changed.isEmpty()
                        ? "no workload's significant winner differs between runs"
                        : "significant winner differs for " + String.join(", ", changed));
    }

    /** The Markdown page. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Agreement of ").append(runNames.size()).append(" runs\n\n");
        sb.append(verdict()).append(".\n\n");
        sb.append("| Workload | Ratio |");
        runNames.forEach(n -> sb.append(' ').append(n).append(" |"));
        sb.append(" Spread | Agree |\n|---|---|");
        runNames.forEach(n -> sb.append("---:|"));
        sb.append("---:|---|\n");
        for (Line l : lines) {
            sb.append("| ").append(l.workload()).append(" | ").append(l.ratio()).append(" |");
            for (Interval i : l.values()) {
                sb.append(' ').append(i == null ? "left out" : i.format()).append(" |");
            }
            Double s = l.spread();
            sb.append(' ')
                    .append(s == null ? Formats.MISSING : Formats.percent(s))
                    .append(" | ")
                    .append(s == null ? "not compared" : l.agrees() ? "yes" : "**no**")
                    .append(" |\n");
        }
        sb.append("\nSpread: the largest run's ratio over the smallest's, minus 1; agree: a spread of at most ")
                .append(Formats.percent(TOLERANCE))
                .append(". A ratio some run left out (an unstable cell) is not compared.\n\n");
        sb.append("Unstable cells: ").append(String.join("; ", leftOut)).append(".\n");
        return sb.toString();
    }
}
