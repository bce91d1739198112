package dev.awaitable.workloads;

import java.util.List;

/**
 * Convenience base: id, description, claim, params and shape as fields; {@link #open}
 * dispatches to one method per implementation.
 */
public abstract class AbstractWorkload implements Workload {
    private final String id;
    private final String description;
    private final String claim;
    private final List<ParamSpec> params;
    private final Shape shape;

    protected AbstractWorkload(String id, String description, String claim, Shape shape, ParamSpec... params) {
        this.id = id;
        this.description = description;
        this.claim = claim;
        this.shape = shape;
        this.params = List.of(params);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String claim() {
        return claim;
    }

    @Override
    public final List<ParamSpec> params() {
        return params;
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    @Override
    public final WorkloadRun open(Implementation impl, Params params) throws Exception {
        return switch (impl) {
            case LOOM, STATEMACHINE_WOVEN -> openLoom(params); // woven on statemachine: the backend selects
            case STATEMACHINE -> openStatemachine(params);
            case VIRTUAL_THREADS -> openVirtualThreads(params);
            case COMPLETABLE_FUTURE -> openCompletableFuture(params);
            case BLOCKING -> openBlocking(params);
            case KOTLIN_COROUTINES -> ExternalImplementations.open(this, impl, params);
        };
    }

    protected abstract WorkloadRun openLoom(Params params) throws Exception;

    protected abstract WorkloadRun openStatemachine(Params params) throws Exception;

    protected abstract WorkloadRun openVirtualThreads(Params params) throws Exception;

    protected abstract WorkloadRun openCompletableFuture(Params params) throws Exception;

    protected abstract WorkloadRun openBlocking(Params params) throws Exception;

    @Override
    public String toString() {
        return id;
    }
}
