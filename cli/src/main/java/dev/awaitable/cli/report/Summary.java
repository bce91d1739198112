package dev.awaitable.cli.report;

import dev.awaitable.cli.results.CellResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline table: a line per workload with the fastest implementation, every implementation's
 * time against the baseline, and loom against statemachine for time, allocation and memory per
 * task. Ratios over several parameter sets are summarized by their geometric mean, the average
 * that treats 2x and 0.5x as opposites. Renderers get ready texts, so the markdown and HTML
 * summaries agree.
 */
final class Summary {

    static final String LOOM = "loom";
    static final String STATEMACHINE = "statemachine";

    /**
     * One workload's headline numbers.
     *
     * @param table            the workload
     * @param fastest          implementations that had the lowest mean at some parameter set, most wins first
     * @param contested        parameter sets with at least one ok mean
     * @param vsBaseline       per implementation but the baseline: geometric mean over parameter sets of mean / baseline mean
     * @param loomTime         per parameter set: loom mean / statemachine mean
     * @param loomAllocation   per parameter set: loom B/op / statemachine B/op, where statemachine allocates a byte or more
     * @param statemachineAllocationFree whether statemachine allocated under a byte per op at every parameter set it has
     * @param loomMemory       per parameter set: loom memory per task / statemachine memory per task
     */
    record Row(
            WorkloadTable table,
            Map<String, Integer> fastest,
            int contested,
            Map<String, Double> vsBaseline,
            List<Double> loomTime,
            List<Double> loomAllocation,
            boolean statemachineAllocationFree,
            List<Double> loomMemory) {

        String fastestText() {
            if (fastest.isEmpty()) {
                return Formats.MISSING;
            }
            List<String> parts = new ArrayList<>();
            fastest.forEach(
                    (impl, wins) -> parts.add(contested == 1 ? impl : impl + " (" + wins + "/" + contested + ")"));
            return String.join(", ", parts);
        }
    }

    private final String baseline;
    private final List<String> implementations;
    private final List<Row> rows;
    private final boolean anyMemory;

    Summary(List<WorkloadTable> tables, List<String> implementations, String baseline) {
        this.baseline = baseline;
        this.implementations =
                implementations.stream().filter(i -> !i.equals(baseline)).toList();
        List<Row> out = new ArrayList<>();
        for (WorkloadTable t : tables) {
            if (!t.rows().isEmpty()) {
                out.add(row(t, this.implementations, baseline));
            }
        }
        this.rows = List.copyOf(out);
        this.anyMemory = rows.stream().anyMatch(r -> !r.loomMemory().isEmpty());
    }

    private static Row row(WorkloadTable t, List<String> implementations, String baseline) {
        Map<String, Integer> wins = new LinkedHashMap<>();
        int contested = 0;
        for (String params : t.paramSets()) {
            CellResult best = null;
            for (String impl : t.implementations()) {
                CellResult c = t.cell(impl, params);
                if (c != null
                        && c.ok()
                        && Metric.TIME.of(c) != null
                        && (best == null || Metric.TIME.of(c) < Metric.TIME.of(best))) {
                    best = c;
                }
            }
            if (best != null) {
                contested++;
                wins.merge(best.implementation(), 1, Integer::sum);
            }
        }
        Map<String, Integer> fastest = new LinkedHashMap<>();
        wins.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> fastest.put(e.getKey(), e.getValue()));
        Map<String, Double> vsBaseline = new LinkedHashMap<>();
        for (String impl : implementations) {
            vsBaseline.put(impl, Ratios.geometricMean(Ratios.paired(Metric.TIME, t, impl, baseline)));
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
                fastest,
                contested,
                vsBaseline,
                Ratios.paired(Metric.TIME, t, LOOM, STATEMACHINE),
                Ratios.paired(Metric.ALLOCATION, t, LOOM, STATEMACHINE),
                smAllocationFree,
                Ratios.paired(Metric.MEMORY_PER_TASK, t, LOOM, STATEMACHINE));
    }

    List<Row> rows() {
        return rows;
    }

    /** The implementations compared with the baseline, in report order (the baseline itself is always 1.00, so left out). */
    List<String> implementations() {
        return implementations;
    }

    /** A column of the summary: its header and its legend line ("term: text"). */
    private record SummaryColumn(String header, String legend) {}

    private List<SummaryColumn> columns() {
        List<SummaryColumn> c = new ArrayList<>();
        c.add(new SummaryColumn("Workload", "Workload: the workload's id; its section below has the full table"));
        c.add(new SummaryColumn(
                "Fastest (parameter sets won)",
                "Fastest: the implementation with the lowest mean time, "
                        + "and at how many of the parameter sets it was lowest (ok cells only)"));
        for (String impl : implementations) {
            if (!hasOwnColumn(impl)) {
                continue;
            }
            c.add(new SummaryColumn(
                    impl + " / " + baseline + " time",
                    "each implementation / " + baseline + " time: "
                            + "geometric mean over parameter sets of the implementation's mean divided by " + baseline
                            + "'s mean at the same parameters; below 1.00 is faster than " + baseline));
        }
        c.add(new SummaryColumn(
                "loom / statemachine time",
                "loom / statemachine time: geometric mean of loom's mean / "
                        + "statemachine's mean, with the lowest and highest ratio over parameter sets in brackets; below 1.00 means "
                        + "loom is faster"));
        c.add(new SummaryColumn(
                "loom / statemachine B/op",
                "loom / statemachine B/op: the same for bytes allocated per "
                        + "operation; where statemachine allocates less than a byte per operation (≈ 0) a ratio means nothing, "
                        + "and the cell says so"));
        if (anyMemory) {
            c.add(new SummaryColumn(
                    "loom / statemachine memory/task",
                    "loom / statemachine memory/task: the same for heap held per suspended task"));
        }
        c.add(new SummaryColumn(
                "Failed cells",
                "Failed cells: cells of the workload whose status is not ok "
                        + "(their rows are marked in the workload's table)"));
        return c;
    }

    /** Column headers; the first is the workload. */
    List<String> headers() {
        return columns().stream().map(SummaryColumn::header).toList();
    }

    /** Against a statemachine baseline, loom's column would repeat the loom / statemachine column (which has the range too). */
    private boolean hasOwnColumn(String impl) {
        return !(impl.equals(LOOM) && baseline.equals(STATEMACHINE));
    }

    /** Whether column {@code i} holds numbers. */
    boolean numeric(int i) {
        return i >= 2;
    }

    /** The texts of one row, aligned with {@link #headers()}. */
    List<String> texts(Row r) {
        List<String> t = new ArrayList<>();
        t.add(r.table().id());
        t.add(r.fastestText());
        for (String impl : implementations) {
            if (hasOwnColumn(impl)) {
                t.add(Formats.ratio(r.vsBaseline().get(impl)));
            }
        }
        t.add(withRange(r.loomTime()));
        t.add(
                r.loomAllocation().isEmpty() && r.statemachineAllocationFree()
                        ? "statemachine ≈ 0 B/op"
                        : withRange(r.loomAllocation()));
        if (anyMemory) {
            t.add(withRange(r.loomMemory()));
        }
        t.add(Formats.integer(r.table().failed().size()));
        return t;
    }

    /** One line per column, "term: text"; the per-implementation columns share one. */
    List<String> legend() {
        return columns().stream().map(SummaryColumn::legend).distinct().toList();
    }

    /** The legend line of column {@code i} of {@link #headers()}. */
    String legendOf(int i) {
        return columns().get(i).legend();
    }

    /** {@code 0.85 (0.80–0.92)}: the geometric mean, and the range when there is more than one value. */
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
        return low.equals(high) ? Formats.ratio(mean) : Formats.ratio(mean) + " (" + low + "–" + high + ")";
    }
}
