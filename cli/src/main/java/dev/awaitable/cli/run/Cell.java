package dev.awaitable.cli.run;

import dev.awaitable.workloads.Delivery;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Workload;

/** One cell of the matrix: a workload, an implementation, a parameter set. */
public record Cell(Workload workload, Implementation implementation, Params params) {

    /** {@code workload/implementation/params}, as in {@link dev.awaitable.cli.results.CellResult#key()}. */
    public String key() {
        return workload.id() + "/" + implementation.id() + "/" + params.key();
    }

    /**
     * {@code workload/params}: the cells of every implementation at one parameter set, which a
     * ratio compares, so they are sharded together and measured in rounds together.
     */
    public String group() {
        return workload.id() + "/" + params.key();
    }

    /** Where the cell's completions are delivered. */
    public Delivery delivery() {
        return workload.delivery(params);
    }

    /** A file-name-safe form of the key. */
    public String fileName() {
        return key().replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    @Override
    public String toString() {
        return workload.id() + " / " + implementation.id() + (params.key().isEmpty() ? "" : " / " + params.key());
    }
}
