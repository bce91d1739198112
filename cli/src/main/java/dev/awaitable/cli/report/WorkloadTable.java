package dev.awaitable.cli.report;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.RunResults.WorkloadInfo;
import dev.awaitable.cli.stats.Interval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One workload's part of the report: its catalog entry, and a row per implementation and
 * parameter set, grouped by parameter set (ascending for numeric parameters) with the
 * implementations in report order inside each group, each row carrying its ratio against the
 * baseline implementation at the same parameters. The markdown and HTML reports render this
 * same model, so their tables agree row for row.
 */
final class WorkloadTable {

    /**
     * One row: a cell and its time against the baseline's cell at the same parameters.
     *
     * @param cell       the measured cell
     * @param ratio      mean / the baseline's mean with its 95% interval; null when either failed or has no iterations
     * @param baseline   whether this row is the baseline implementation
     * @param firstOfSet whether this row starts a new parameter set (tables draw a rule above it)
     */
    record Row(CellResult cell, Interval ratio, boolean baseline, boolean firstOfSet) {}

    private final WorkloadInfo info;
    private final String baseline;
    private final List<String> paramSets;
    private final List<String> implementations;
    private final List<Row> rows;
    private final List<Column> columns;
    private final Map<String, CellResult> byImplementationAndParams = new HashMap<>();

    /**
     * @param info            the catalog entry
     * @param cells           this workload's cells, in any order; a later cell with the same key replaces an earlier one
     * @param implementations every implementation in report order
     * @param baseline        the implementation whose mean is 1.00
     */
    WorkloadTable(WorkloadInfo info, List<CellResult> cells, List<String> implementations, String baseline) {
        this.info = info;
        this.baseline = baseline;
        List<String> keys = new ArrayList<>();
        for (CellResult c : cells) {
            byImplementationAndParams.put(c.implementation() + "\n" + c.params(), c);
            keys.add(c.params());
        }
        this.paramSets = ParamKeys.sorted(keys);
        this.implementations = implementations.stream()
                .filter(impl -> cells.stream().anyMatch(c -> c.implementation().equals(impl)))
                .toList();
        List<Row> out = new ArrayList<>();
        for (String params : paramSets) {
            CellResult base = cell(baseline, params);
            boolean first = true;
            for (String impl : this.implementations) {
                CellResult c = cell(impl, params);
                if (c != null) {
                    boolean isBaseline = impl.equals(baseline);
                    Interval ratio = isBaseline && c.ok() && c.sample() != null
                            ? new Interval(1, 1, 1) // exactly 1 by definition, not a comparison with itself
                            : Ratios.interval(c, base);
                    out.add(new Row(c, ratio, isBaseline, first));
                    first = false;
                }
            }
        }
        this.rows = List.copyOf(out);
        this.columns = Column.present(rows);
    }

    WorkloadInfo info() {
        return info;
    }

    String id() {
        return info.id();
    }

    String baseline() {
        return baseline;
    }

    /** Parameter keys in table order. */
    List<String> paramSets() {
        return paramSets;
    }

    /** The implementations measured for this workload, in report order. */
    List<String> implementations() {
        return implementations;
    }

    List<Row> rows() {
        return rows;
    }

    /** The columns this table shows (optional ones only when some row has a value). */
    List<Column> columns() {
        return columns;
    }

    /** The cell of {@code implementation} at {@code params}, or null. */
    CellResult cell(String implementation, String params) {
        return byImplementationAndParams.get(implementation + "\n" + params);
    }

    boolean hasBaseline() {
        return implementations.contains(baseline);
    }

    /** Cells whose status is not ok. */
    List<CellResult> failed() {
        return rows.stream().map(Row::cell).filter(c -> !c.ok()).toList();
    }

    /** Ok cells too noisy to compare (see {@link CellResult#unstable()}). */
    List<CellResult> unstable() {
        return rows.stream().map(Row::cell).filter(CellResult::unstable).toList();
    }

    /** The deliveries of this workload's cells, in first-appearance order ("same-thread", "cross-thread"). */
    List<String> deliveries() {
        return rows.stream()
                .map(r -> r.cell().delivery())
                .filter(d -> d != null)
                .distinct()
                .toList();
    }

    /** Cells with JFR highlights. */
    List<CellResult> recorded() {
        return rows.stream().map(Row::cell).filter(c -> c.jfr() != null).toList();
    }
}
