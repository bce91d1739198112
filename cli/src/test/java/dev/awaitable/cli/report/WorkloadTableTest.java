package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.cli.report.WorkloadTable.Row;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.RunResults.WorkloadInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row order, ratios against the baseline, and which columns a table shows. */
class WorkloadTableTest {

    private static final List<String> IMPLEMENTATIONS =
            List.of("loom", "statemachine", "completable-future", "blocking");

    /** A cell whose iterations all took {@code ns} (none when ns is null), and GC time {@code gcMs}. */
    private static CellResult cell(String impl, String params, String status, Double ns, Double gcMs) {
        return new CellResult(
                "await-chain",
                impl,
                params,
                "same-thread",
                status,
                1L,
                ns,
                ns == null ? null : 1.0,
                ns == null ? List.of() : List.of(ns, ns, ns, ns, ns),
                8.0,
                null,
                gcMs,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                1,
                null);
    }

    private static WorkloadTable table(List<CellResult> cells, String baseline) {
        return new WorkloadTable(
                new WorkloadInfo("await-chain", "d", "c", "THROUGHPUT", List.of()), cells, IMPLEMENTATIONS, baseline);
    }

    /** Parameter sets ascend numerically (not as strings), implementations follow the report order within each. */
    @Test
    void rowsAreGroupedByParameterSetInNumericOrder() {
        WorkloadTable t = table(
                List.of(
                        cell("statemachine", "depth=100", "ok", 50.0, null),
                        cell("loom", "depth=100", "ok", 60.0, null),
                        cell("statemachine", "depth=20", "ok", 10.0, null),
                        cell("loom", "depth=20", "ok", 12.0, null)),
                "statemachine");
        assertThat(t.paramSets()).containsExactly("depth=20", "depth=100");
        assertThat(t.rows())
                .extracting(r -> r.cell().implementation() + " " + r.cell().params())
                .containsExactly("loom depth=20", "statemachine depth=20", "loom depth=100", "statemachine depth=100");
        assertThat(t.rows()).extracting(Row::firstOfSet).containsExactly(true, false, true, false);
    }

    /** The ratio is the mean over the baseline's mean at the same parameters; the baseline row is 1. */
    @Test
    void ratioIsAgainstTheBaselineAtTheSameParameters() {
        WorkloadTable t = table(
                List.of(
                        cell("loom", "depth=1", "ok", 30.0, null),
                        cell("statemachine", "depth=1", "ok", 20.0, null),
                        cell("loom", "depth=2", "ok", 90.0, null),
                        cell("statemachine", "depth=2", "ok", 60.0, null)),
                "statemachine");
        assertThat(t.rows()).extracting(r -> r.ratio().point()).containsExactly(1.5, 1.0, 1.5, 1.0);
        assertThat(t.rows()).extracting(Row::baseline).containsExactly(false, true, false, true);
        assertThat(Column.RATIO.text(t.rows().get(1))).isEqualTo("1.00 [1.00–1.00]");
    }

    /** A failed cell, a failed baseline, a missing mean: no ratio, shown as a dash. */
    @Test
    void failedOrUnmeasuredCellsHaveNoRatio() {
        WorkloadTable t = table(
                List.of(
                        cell("loom", "depth=1", "failed: timeout", 30.0, null),
                        cell("statemachine", "depth=1", "ok", 20.0, null),
                        cell("completable-future", "depth=1", "ok", null, null),
                        cell("loom", "depth=2", "ok", 90.0, null),
                        cell("statemachine", "depth=2", "failed: checksum", 60.0, null)),
                "statemachine");
        assertThat(t.rows())
                .extracting(r -> r.ratio() == null ? null : r.ratio().point())
                .containsExactly(null, 1.0, null, null, null);
        assertThat(Column.RATIO.text(t.rows().get(0))).isEqualTo("—");
        assertThat(Column.MEAN.text(t.rows().get(0)))
                .as("a failed cell keeps what it measured")
                .isEqualTo("30.0");
        assertThat(t.failed()).hasSize(2);
    }

    /** Optional columns appear only where some row has a value; the status column only when a cell failed. */
    @Test
    void optionalColumnsAppearOnlyWithValues() {
        WorkloadTable plain = table(List.of(cell("loom", "depth=1", "ok", 1.0, null)), "loom");
        assertThat(plain.columns())
                .doesNotContain(Column.GC_TIME, Column.MEMORY_PER_TASK, Column.STATUS)
                .contains(Column.MEAN, Column.ERROR, Column.RATIO, Column.ALLOCATION, Column.PINNED);
        WorkloadTable withGc = table(List.of(cell("loom", "", "failed: x", 1.0, 5.0)), "loom");
        assertThat(withGc.columns()).contains(Column.GC_TIME, Column.STATUS).doesNotContain(Column.PARAMS);
    }

    @Test
    void geometricMeanTreatsRatiosSymmetrically() {
        assertThat(Ratios.geometricMean(List.of(2.0, 0.5))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Ratios.geometricMean(List.of())).isNull();
    }
}
