package dev.awaitable.workloads;

/**
 * Service interface for an {@link Implementation} whose code is in another module, one that
 * depends on this one (a peer written in another language, built by its own compiler plugin):
 * the workloads module cannot name its classes, so it finds them with {@link
 * java.util.ServiceLoader}. A provider registers in {@code
 * META-INF/services/dev.awaitable.workloads.ExternalImplementation} and implements some or all of
 * the catalog's workloads; a workload lists the implementation only where the provider says it
 * does ({@link #implementsWorkload}).
 */
public interface ExternalImplementation {

    /** The implementation this provider supplies; one whose {@link Implementation#external()} is true. */
    Implementation implementation();

    /** Whether it implements the workload with this id. */
    boolean implementsWorkload(String workloadId);

    /** As {@link Workload#open}, for a workload it implements. */
    WorkloadRun open(Workload workload, Params params) throws Exception;

    /** As {@link Workload#suspend}, for a {@link Workload.Shape#MEMORY} workload it implements; none by default. */
    default SuspendedTasks suspend(Workload workload, Params params, int count) throws Exception {
        throw new UnsupportedOperationException(
                implementation().id() + " does not measure memory per suspended task of " + workload.id());
    }
}
