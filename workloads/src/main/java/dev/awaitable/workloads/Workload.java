package dev.awaitable.workloads;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One named, parameterized job, implemented five ways ({@link Implementation}): direct style on
 * the loom backend, a hand-written state machine on the statemachine backend, and the three peers.
 * Every implementation of one parameter set computes the same checksum; the harness refuses to
 * measure a workload whose implementations disagree ({@link Verifier}).
 *
 * <p>Adding a workload is one class implementing this interface (usually extending
 * {@link AbstractWorkload}) plus its implementations, registered in {@link WorkloadCatalog}.
 */
public interface Workload {

    /** What a measurement of this workload reports besides time. */
    enum Shape {
        /** Time and allocation per operation. */
        THROUGHPUT,
        /** Also memory per suspended task, measured with N tasks suspended at once. */
        MEMORY
    }

    /** How a workload is measured. */
    enum Kind {
        /** In the measuring JVM: JMH times the runs of {@link #open}, one cell per implementation and parameter set. */
        IN_PROCESS,
        /** As a server in a JVM of its own, put under load from outside (the HTTP service). */
        SERVICE
    }

    /** Stable id used by the CLI, JMH and the report, e.g. {@code await-chain}. */
    String id();

    /** One line: what it does. */
    String description();

    /** The seed claim or pattern it tests, one line (for the report's legend). */
    String claim();

    List<ParamSpec> params();

    /** The built-in implementations, and each external one on the class path that implements this workload. */
    default Set<Implementation> implementations() {
        Set<Implementation> all = EnumSet.noneOf(Implementation.class);
        for (Implementation i : Implementation.values()) {
            if ((!i.external() || ExternalImplementations.find(i, id()) != null) && notImplemented(i) == null) {
                all.add(i);
            }
        }
        return all;
    }

    /**
     * Why this workload has no {@code impl} implementation, or null when it has one (external
     * implementations not on the class path aside). {@link Implementation#STATEMACHINE_WOVEN} is
     * the loom source woven: a workload whose loom source needs loom's stack (marked
     * {@code @LoomOnly}, which the weaver would otherwise refuse) says why here.
     */
    default String notImplemented(Implementation impl) {
        return null;
    }

    default Shape shape() {
        return Shape.THROUGHPUT;
    }

    default Kind kind() {
        return Kind.IN_PROCESS;
    }

    /** Where this workload's completions are delivered with {@code params}; same-thread unless it says otherwise. */
    default Delivery delivery(Params params) {
        return Delivery.SAME_THREAD;
    }

    /** How the workload runs, one line for the report's legend, or null when it runs as every other does. */
    default String setup() {
        return null;
    }

    /**
     * Prepares {@code impl} with {@code params}: creates what the runs need (executors, event
     * loops, data). The caller has already selected the implementation's backend. Close it when
     * done; it must release every thread it started.
     *
     * @throws UnsupportedOperationException for a {@link Kind#SERVICE} workload
     */
    WorkloadRun open(Implementation impl, Params params) throws Exception;

    /**
     * For {@link Shape#MEMORY} workloads: starts {@code count} tasks of {@code impl} and leaves
     * them suspended, so the caller can measure the heap they hold.
     *
     * @throws UnsupportedOperationException for other shapes
     */
    default SuspendedTasks suspend(Implementation impl, Params params, int count) throws Exception {
        throw new UnsupportedOperationException(id() + " does not measure memory per suspended task");
    }
}
