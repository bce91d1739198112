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
 * @param implementations the implementations as they were, in report order (empty in results
 *                    written before they were recorded: the report then orders by first appearance)
 */
public record RunResults(
        Environment environment,
        List<CellResult> cells,
        List<ScenarioResult> scenarios,
        List<WorkloadInfo> workloads,
        List<HttpCellResult> http,
        List<ImplementationInfo> implementations) {

    public RunResults {
        cells = cells == null ? List.of() : cells;
        scenarios = scenarios == null ? List.of() : scenarios;
        workloads = workloads == null ? List.of() : workloads;
        http = http == null ? List.of() : http;
        implementations = implementations == null ? List.of() : implementations;
    }

    /** A run without recorded implementations. */
    public RunResults(
            Environment environment,
            List<CellResult> cells,
            List<ScenarioResult> scenarios,
            List<WorkloadInfo> workloads,
            List<HttpCellResult> http) {
        this(environment, cells, scenarios, workloads, http, List.of());
    }

    /** A run without HTTP cells. */
    public RunResults(
            Environment environment,
            List<CellResult> cells,
            List<ScenarioResult> scenarios,
            List<WorkloadInfo> workloads) {
        this(environment, cells, scenarios, workloads, List.of(), List.of());
    }

    /** The recorded catalog entry of workload {@code id}, or null. */
    public WorkloadInfo workload(String id) {
        return workloads.stream().filter(w -> w.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * A workload of the catalog as it was when the run recorded it.
     *
     * @param id          workload id
     * @param description one line
     * @param claim       the seed claim it tests
     * @param shape       THROUGHPUT or MEMORY
     * @param params      "name (legal): description" per parameter
     * @param kind        IN_PROCESS or SERVICE (null in results written before it was recorded)
     * @param setup       how it runs, one line, or null when it runs as every other does
     * @param notImplemented per implementation id that does not run this workload, why (empty
     *     in results written before it was recorded)
     */
    public record WorkloadInfo(
            String id,
            String description,
            String claim,
            String shape,
            List<String> params,
            String kind,
            String setup,
            java.util.Map<String, String> notImplemented) {

        public WorkloadInfo {
            params = params == null ? List.of() : params;
            notImplemented = notImplemented == null ? java.util.Map.of() : notImplemented;
        }

        /** An entry with every implementation. */
        public WorkloadInfo(
                String id,
                String description,
                String claim,
                String shape,
                List<String> params,
                String kind,
                String setup) {
            this(id, description, claim, shape, params, kind, setup, java.util.Map.of());
        }

        /** An in-process workload's entry. */
        public WorkloadInfo(String id, String description, String claim, String shape, List<String> params) {
            this(id, description, claim, shape, params, "IN_PROCESS", null);
        }
    }

    /**
     * An implementation as the run knew it.
     *
     * @param id          implementation id, as cells name it
     * @param description one line, for the report's legend
     */
    public record ImplementationInfo(String id, String description) {}
}
