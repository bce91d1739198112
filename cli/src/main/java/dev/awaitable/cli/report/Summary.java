package dev.awaitable.cli.report;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.stats.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline table: a line per workload with every implementation's time against the baseline,
 * loom against plain virtual threads and against statemachine, and the fastest implementation
 * where the measurements can tell.
 *
 * <p>Every time ratio is a geometric mean over the workload's parameter sets (the average that
 * treats 2x and 0.5x as opposites) with its 95% confidence interval, from the bootstrap over the
 * cells' iterations. Unstable cells ({@link CellResult#unstable()}) take part in no ratio here: the
 * table says how many were left out. A fastest implementation is named only where its interval
 * against the runner-up excludes 1.0; otherwise the line says there is no measurable difference.
 * Renderers get ready texts, so the markdown and HTML summaries agree.
 */
final class Summary {

    static final String LOOM = "loom";
    static final String STATEMACHINE = "statemachine";
    static final String VIRTUAL_THREADS = "virtual-threads";
    static final String STATEMACHINE_WOVEN = "statemachine-woven";

    /**
     * Who was fastest, as far as the measurements can tell.
     *
     * @param fastest    the implementation with the lowest time, or null when nothing compares
     * @param runnerUp   the next lowest, or null when only one implementation compares
     * @param vsRunnerUp fastest / runner-up time with its interval, or null
     * @param undecided  implementations left out (an unstable or failed cell) that are not slower
     *                   than {@code fastest} beyond their own noise: any of them may be the
     *                   fastest, so none is named
     */
    record Fastest(String fastest, String runnerUp, Interval vsRunnerUp, List<String> undecided) {

        Fastest(String fastest, String runnerUp, Interval vsRunnerUp) {
            this(fastest, runnerUp, vsRunnerUp, List.of());
        }

        /** True if the fastest is faster than the runner-up, and than every cell left out, beyond the noise. */
        boolean significant() {
            return vsRunnerUp != null && vsRunnerUp.differsFromOne() && undecided.isEmpty();
        }

        String text() {
            if (fastest == null) {
                return Formats.MISSING;
            }
            if (!undecided.isEmpty()) {
                return Formats.MISSING + " (" + String.join(", ", undecided) + " left out, and may be faster than "
                        + fastest + ")";
            }
            if (runnerUp == null) {
                return Formats.MISSING + " (one stable implementation: " + fastest + ")";
            }
            if (significant()) {
                return fastest + " (× " + vsRunnerUp.format() + " of " + runnerUp + ")";
            }
            return "no measurable difference: " + fastest + " ≈ " + runnerUp + " (" + vsRunnerUp.format() + ")";
        }
    }

    /**
     * One workload's headline numbers.
     *
     * @param table              the workload
     * @param vsBaseline         per implementation but the baseline: its time / the baseline's, null where no stable pair
     * @param fastest            the fastest implementation, if the measurements can tell
     * @param loomVsVirtualThreads loom / virtual-threads time: what the Awaitable API costs over plain virtual threads
     * @param loomVsStatemachine loom / statemachine time
     * @param loomAllocation     per parameter set: loom B/op / statemachine B/op, where statemachine allocates a byte or more
     * @param statemachineAllocationFree whether statemachine allocated under a byte per op at every parameter set it has
     * @param loomMemory         per parameter set: loom memory per task / statemachine memory per task
     * @param wovenVsStatemachine statemachine-woven / statemachine time: direct style woven against
     *                           hand-written machines, on the same backend
     */
    record Row(
            WorkloadTable table,
            Map<String, Interval> vsBaseline,
            Fastest fastest,
            Interval loomVsVirtualThreads,
            Interval loomVsStatemachine,
            List<Double> loomAllocation,
            boolean statemachineAllocationFree,
            List<Double> loomMemory,
            Interval wovenVsStatemachine) {}

    private final String baseline;
    private final List<String> implementations;
    private final List<Row> rows;
    private final boolean anyMemory;
    private final boolean anyVirtualThreads;
    /** Whether woven and hand-written machines both ran and no baseline column compares them already. */
    private final boolean anyWoven;

    Summary(List<WorkloadTable> tables, List<String> implementations, String baseline) {
        this.baseline = baseline;
        this.implementations =
                implementations.stream().filter(i -> !i.equals(baseline)).toList();
        List<Row> out = new ArrayList<>();
        for (WorkloadTable t : tables) {
            if (!t.rows().isEmpty()) {
                out.add(row(t, implementations, baseline));
            }
        }
        this.rows = List.copyOf(out);
        this.anyMemory = rows.stream().anyMatch(r -> !r.loomMemory().isEmpty());
        this.anyVirtualThreads = implementations.contains(LOOM) && implementations.contains(VIRTUAL_THREADS);
        this.anyWoven = implementations.contains(STATEMACHINE_WOVEN)
                && implementations.contains(STATEMACHINE)
                && !baseline.equals(STATEMACHINE);
    }

    private static Row row(WorkloadTable t, List<String> implementations, String baseline) {
        Map<String, Interval> vsBaseline = new LinkedHashMap<>();
        for (String impl : implementations) {
            if (!impl.equals(baseline)) {
                vsBaseline.put(impl, Ratios.stableTime(t, impl, baseline));
            }
        }
        List<Double> smAllocation = t.paramSets().stream()
                .map(p -> t.cell(STATEMACHINE, p))
                .filter(c -> c != null && c.ok() && Metric.ALLOCATION.of(c) != null)
                .map(Metric.ALLOCATION::of)
                .toList();
        boolean smAllocationFree =
                !smAllocation.isEmpty() && smAllocation.stream().allMatch(v -> v < 1.0);
        return new Row(
                t,
                vsBaseline,
                fastest(t, implementations, baseline),
                Ratios.stableTime(t, LOOM, VIRTUAL_THREADS),
                Ratios.stableTime(t, LOOM, STATEMACHINE),
                Ratios.paired(Metric.ALLOCATION, t, LOOM, STATEMACHINE),
                smAllocationFree,
                Ratios.paired(Metric.MEMORY_PER_TASK, t, LOOM, STATEMACHINE),
                Ratios.stableTime(t, STATEMACHINE_WOVEN, STATEMACHINE));
    }

    /**
     * Ranks the implementations by their time against a common reference (the baseline where it
     * compares, else the first implementation that does), then tests the first against the second.
     */
    private static Fastest fastest(WorkloadTable t, List<String> implementations, String baseline) {
        String reference = null;
        for (String candidate : prepend(baseline, implementations)) {
            if (Ratios.hasStableCell(t, candidate)) {
                reference = candidate;
                break;
            }
        }
        if (reference == null) {
            return new Fastest(null, null, null);
        }
        Map<String, Double> relative = new LinkedHashMap<>();
        for (String impl : implementations) {
            Interval i = Ratios.stableTime(t, impl, reference);
            if (i != null) {
                relative.put(impl, i.point());
            }
        }
        List<String> ranked = relative.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(Map.Entry::getKey)
                .toList();
        String first = ranked.get(0);
        List<String> undecided = new ArrayList<>();
        for (String impl : implementations) {
            if (!impl.equals(first) && mayBeFasterThan(t, impl, first)) {
                undecided.add(impl);
            }
        }
        if (ranked.size() < 2) {
            return new Fastest(first, null, null, undecided);
        }
        return new Fastest(first, ranked.get(1), Ratios.stableTime(t, first, ranked.get(1)), undecided);
    }

    /**
     * True if {@code impl} has a cell left out of the ratios (failed, or unstable) that is not
     * slower than {@code fastest}'s at the same parameters beyond its own interval: an unstable
     * cell still has iterations, and one that is slower even by its widest reading cannot be the
     * fastest; a failed cell, or one without iterations, might be anything.
     */
    private static boolean mayBeFasterThan(WorkloadTable t, String impl, String fastest) {
        for (String params : t.paramSets()) {
            CellResult c = t.cell(impl, params);
            if (c == null || (c.ok() && !c.unstable())) {
                continue;
            }
            Interval vs = Ratios.interval(c, t.cell(fastest, params));
            if (vs == null || vs.low() <= 1.0) {
                return true;
            }
        }
        return false;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        rest.stream().filter(r -> !r.equals(first)).forEach(out::add);
        return out;
    }

    List<Row> rows() {
        return rows;
    }

    /** The implementations compared with the baseline, in report order (the baseline itself is always 1.00, so left out). */
    List<String> implementations() {
        return implementations;
    }

    String baseline() {
        return baseline;
    }

    /** Unstable cells over all workloads of the summary. */
    List<CellResult> leftOut() {
        return rows.stream().flatMap(r -> r.table().unstable().stream()).toList();
    }

    /**
     * What the ratios leave out and why: "Left out of the ratios: 2 of 60 cells, unstable (...):
     * a / b (±23%), ..." or that nothing was.
     */
    String leftOutText() {
        List<CellResult> out = leftOut();
        if (out.isEmpty()) {
            return "Every ok cell was stable (95% interval of its mean within ±"
                    + Formats.percent(dev.awaitable.cli.stats.Sample.UNSTABLE_ABOVE)
                    + "), so every one takes part in the ratios.";
        }
        List<String> names = new ArrayList<>();
        for (CellResult c : out) {
            dev.awaitable.cli.stats.Sample s = c.sample();
            names.add(c.workload() + " / " + c.implementation()
                    + (c.params().isBlank() ? "" : " / " + c.params())
                    + (s == null || Double.isInfinite(s.relativeError())
                            ? ""
                            : " (±" + Formats.percent(s.relativeError()) + ")"));
        }
        return "Left out of the ratios: " + out.size() + " of " + cellCount() + " cells, unstable (95% interval of"
                + " the mean wider than ±" + Formats.percent(dev.awaitable.cli.stats.Sample.UNSTABLE_ABOVE)
                + ", so a ratio built on them could not be trusted; their rows are greyed in their tables): "
                + String.join(", ", names) + ".";
    }

    /** Cells over all workloads of the summary. */
    long cellCount() {
        return rows.stream().mapToLong(r -> r.table().rows().size()).sum();
    }

    /** A column of the summary: its header and its legend line ("term: text"). */
    private record SummaryColumn(String header, String legend) {}

    private List<SummaryColumn> columns() {
        List<SummaryColumn> c = new ArrayList<>();
        c.add(new SummaryColumn(
                "Workload",
                "Workload: the workload's id and its delivery (same-thread: completions on the thread the async code"
                        + " runs on; cross-thread: by another thread); its section below has the full table"));
        c.add(new SummaryColumn(
                "Fastest",
                "Fastest: the implementation with the lowest time and its time over the runner-up's with the 95%"
                        + " interval; named only where that interval excludes 1.00, else no measurable difference;"
                        + " and not at all while a cell left out (unstable or failed) may be faster, by its own"
                        + " interval, than the one that would be named"));
        for (String impl : implementations) {
            c.add(new SummaryColumn(
                    impl + " / " + baseline,
                    "each implementation / " + baseline + ": geometric mean over parameter sets of its mean time"
                            + " over " + baseline + "'s at the same parameters, with the 95% interval (bootstrap over"
                            + " iterations); below 1.00 is faster than " + baseline + "; an interval that contains"
                            + " 1.00 is no measurable difference; — where no stable pair of cells exists"));
        }
        if (anyVirtualThreads) {
            c.add(new SummaryColumn(
                    "loom / virtual-threads",
                    "loom / virtual-threads: the Awaitable API on the loom backend against plain blocking code on"
                            + " JDK virtual threads, the same way: what the API costs over plain virtual threads"));
        }
        if (anyWoven) {
            c.add(new SummaryColumn(
                    "statemachine-woven / statemachine",
                    "statemachine-woven / statemachine: the loom source woven into machines against the"
                            + " hand-written machines, both on the statemachine backend, the same way: what weaving"
                            + " costs over writing the machine by hand"));
        }
        c.add(new SummaryColumn(
                "loom / statemachine B/op",
                "loom / statemachine B/op: geometric mean of the bytes allocated per operation, with the lowest and"
                        + " highest over parameter sets labelled as a range; where statemachine allocates less than a"
                        + " byte per operation (≈ 0) a ratio means nothing, and the cell says so"));
        if (anyMemory) {
            c.add(new SummaryColumn(
                    "loom / statemachine memory/task",
                    "loom / statemachine memory/task: the same for heap held per suspended task"));
        }
        c.add(new SummaryColumn(
                "Left out",
                "Left out: the workload's cells that failed or were unstable (95% interval of the mean wider than ±"
                        + Formats.percent(dev.awaitable.cli.stats.Sample.UNSTABLE_ABOVE)
                        + "): shown in its table, in no ratio here"));
        return c;
    }

    /** Column headers; the first is the workload. */
    List<String> headers() {
        return columns().stream().map(SummaryColumn::header).toList();
    }

    /** Whether column {@code i} holds numbers. */
    boolean numeric(int i) {
        return i >= 2;
    }

    /** The texts of one row, aligned with {@link #headers()}. */
    List<String> texts(Row r) {
        List<String> t = new ArrayList<>();
        List<String> deliveries = r.table().deliveries();
        t.add(r.table().id() + (deliveries.isEmpty() ? "" : " (" + String.join(", ", deliveries) + ")"));
        t.add(r.fastest().text());
        for (String impl : implementations) {
            t.add(interval(r.vsBaseline().get(impl)));
        }
        if (anyVirtualThreads) {
            t.add(interval(r.loomVsVirtualThreads()));
        }
        if (anyWoven) {
            t.add(interval(r.wovenVsStatemachine()));
        }
        t.add(
                r.loomAllocation().isEmpty() && r.statemachineAllocationFree()
                        ? "statemachine ≈ 0 B/op"
                        : withRange(r.loomAllocation()));
        if (anyMemory) {
            t.add(withRange(r.loomMemory()));
        }
        int failed = r.table().failed().size();
        int unstable = r.table().unstable().size();
        t.add(
                failed + unstable == 0
                        ? "0"
                        : (unstable > 0 ? unstable + " unstable" : "")
                                + (failed > 0 && unstable > 0 ? ", " : "")
                                + (failed > 0 ? failed + " failed" : ""));
        return t;
    }

    private static String interval(Interval i) {
        return i == null ? Formats.MISSING : i.format();
    }

    /** One line per column, "term: text"; the per-implementation columns share one. */
    List<String> legend() {
        return columns().stream().map(SummaryColumn::legend).distinct().toList();
    }

    /** The legend line of column {@code i} of {@link #headers()}. */
    String legendOf(int i) {
        return columns().get(i).legend();
    }

    /**
     * {@code 0.85 (range 0.80 to 0.92)}: the geometric mean, and the lowest and highest value over
     * parameter sets when there is more than one (a range, not an interval).
     */
    static String withRange(List<Double> ratios) {
        Double mean = Ratios.geometricMean(ratios);
        if (mean == null) {
            return Formats.MISSING;
        }
        if (ratios.size() == 1) {
            return Formats.ratio(mean);
        }
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String low = Formats.ratio(min);
        String high = Formats.ratio(max);
        return low.equals(high) ? Formats.ratio(mean) : Formats.ratio(mean) + " (range " + low + " to " + high + ")";
    }
}
