package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awaitable.cli.report.Charts.Chart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which charts a workload gets, and what their options say. */
class ChartsTest {

    private final ReportModel model = new ReportModel(SyntheticRun.create(), "completable-future");
    private final Charts charts = new Charts(model.implementations());

    private WorkloadTable workload(String id) {
        return model.workloads().stream()
                .filter(w -> w.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** Every workload charts its mean times with their intervals (dots and whiskers), and allocation as bars. */
    @Test
    void everyWorkloadHasTimeWithIntervalsAndAllocation() {
        for (WorkloadTable t : model.workloads()) {
            List<Chart> all = charts.workload(t);
            assertThat(all)
                    .extracting(Chart::title)
                    .contains("Mean time (ns/op) with its 95% interval", "Allocation (B/op)");
            Chart time = all.get(0);
            JsonNode series = time.spec().get("option").get("series");
            assertThat(series.get(0).get("type").asText()).isEqualTo("scatter");
            assertThat(series.get(1).get("type").asText()).isEqualTo("custom");
            assertThat(series.get(1).get("renderItem").asText()).isEqualTo("whisker-x");
            JsonNode whisker = series.get(1).get("data").get(0);
            double point = series.get(0).get("data").get(0).get(0).asDouble();
            assertThat(whisker.get(0).asDouble()).isLessThanOrEqualTo(point);
            assertThat(whisker.get(1).asDouble()).isGreaterThanOrEqualTo(point);
        }
    }

    /** A numeric parameter with three or more values gets line charts, on log axes when its values span decades. */
    @Test
    void sweepsGetLineChartsWithLogAxes() {
        List<Chart> chain = charts.workload(workload("await-chain"));
        Chart byDepth = chain.stream()
                .filter(c -> c.title().equals("Mean time (ns/op) by depth"))
                .findFirst()
                .orElseThrow();
        JsonNode option = byDepth.spec().get("option");
        assertThat(option.get("xAxis").get("type").asText()).isEqualTo("log");
        assertThat(option.get("yAxis").get("type").asText()).isEqualTo("log");
        assertThat(option.get("series"))
                .as("a line and its whiskers per implementation")
                .hasSize(8);
        assertThat(option.get("series").get(0).get("data").get(0).get(0).asDouble())
                .isEqualTo(1.0);
        assertThat(option.get("series").get(0).get("type").asText()).isEqualTo("line");
        assertThat(option.get("series").get(1).get("renderItem").asText()).isEqualTo("whisker-y");
        // Two values of a parameter are no sweep; a choice parameter never is.
        assertThat(charts.workload(workload("fan-out")))
                .extracting(Chart::title)
                .noneMatch(t -> t.contains(" by "));
        assertThat(charts.workload(workload("pinning")))
                .extracting(Chart::title)
                .noneMatch(t -> t.contains(" by "));
    }

    /** Memory-shaped workloads chart memory per task, against the task count; failed cells are left out and said so. */
    @Test
    void memoryPerTaskIsChartedAndFailedCellsAreOmitted() {
        List<Chart> sleepers = charts.workload(workload("sleepers"));
        assertThat(sleepers)
                .extracting(Chart::title)
                .contains("Memory per suspended task (B/task)", "Memory per suspended task (B/task) by tasks");
        Chart bars = sleepers.stream()
                .filter(c -> c.title().equals("Memory per suspended task (B/task)"))
                .findFirst()
                .orElseThrow();
        assertThat(bars.note()).contains("failed cells are not plotted");
        JsonNode blocking = bars.spec().get("option").get("series").get(3);
        assertThat(blocking.get("name").asText()).isEqualTo("blocking");
        assertThat(blocking.get("data").get(2).isNull()).isTrue();
    }

    @Test
    void colourFollowsTheImplementation() {
        for (Chart c : charts.workload(workload("fast-path"))) {
            for (JsonNode s : c.spec().get("option").get("series")) {
                assertThat(s.get("itemStyle").get("color").asText())
                        .isEqualTo(charts.colour(s.get("name").asText()));
            }
        }
    }

    /**
     * The summary's forest plots: each implementation against the baseline, a row per workload
     * (the unstable cell's workload drops out of its implementation's plot), a dashed line at 1.
     */
    @Test
    void summaryChartsAreForestPlotsOfTheRatios() {
        List<Chart> summary = charts.summary(model);
        assertThat(summary)
                .extracting(Chart::title)
                .containsExactly(
                        "loom / completable-future mean time, per workload",
                        "statemachine / completable-future mean time, per workload",
                        "blocking / completable-future mean time, per workload");
        JsonNode loom = summary.get(0).spec().get("option");
        assertThat(loom.get("yAxis").get("data")).hasSize(SyntheticRun.WORKLOADS.size());
        assertThat(loom.get("series")
                        .get(0)
                        .get("markLine")
                        .get("data")
                        .get(0)
                        .get("xAxis")
                        .asInt())
                .isEqualTo(1);
        JsonNode blocking = summary.get(2).spec().get("option");
        assertThat(blocking.get("yAxis").get("data").toString()).doesNotContain("context-post");
    }

    @Test
    void chartIdsAreUnique() {
        List<String> ids = model.workloads().stream()
                .flatMap(t -> charts.workload(t).stream())
                .map(Chart::id)
                .toList();
        assertThat(ids).doesNotHaveDuplicates();
    }
}
