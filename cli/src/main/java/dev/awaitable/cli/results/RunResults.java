package dev.awaitable.cli.results;

import dev.awaitable.scenarios.ScenarioResult;

import java.util.List;

/**
 * Everything one run produced: written as {@code report.json}, read back to resume an interrupted
 * run or to merge shards, and rendered into {@code index.html} and {@code report.md}.
 *
 * @param environment where and how
 * @param cells       measured cells, in matrix order
 * @param scenarios   scenario outcomes (empty if not run)
 * @param workloads   the catalog as it was: id, description, claim, parameters (for legends)
 * @param http        cells of the loopback HTTP service matrix, in run order (empty if not run;
 *                    absent in reports written before it existed)
 */
public record RunResults(Environment environment, List<CellResult> cells, List<ScenarioResult> scenarios,
        List<WorkloadInfo> workloads, List<HttpCellResult> http) {

    public RunResults {
        http = http == null ? List.of() : http;
    }

    /** A run without HTTP cells. */
    public RunResults(Environment environment, List<CellResult> cells, List<ScenarioResult> scenarios, List<WorkloadInfo> workloads) {
        this(environment, cells, scenarios, workloads, List.of());
    }

    /**
     * @param id          workload id
     * @param description one line
     * @param claim       the seed claim it tests
     * @param shape       THROUGHPUT, LATENCY or MEMORY
     * @param params      "name (legal): description" per parameter
     */
    public record WorkloadInfo(String id, String description, String claim, String shape, List<String> params) {
    }
}
