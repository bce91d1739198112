package dev.awaitable.workloads;

/** A prepared implementation of a workload: run it as often as the measurement wants, then close. */
@FunctionalInterface
public interface WorkloadRun extends AutoCloseable {

    /**
     * Runs one operation to completion (waiting for it, whatever its implementation) and returns
     * its checksum. The same parameters give the same checksum on every implementation and
     * every call.
     */
    long run() throws Exception;

    /** Releases threads, loops and other resources; nothing by default (a run on the caller's own loop holds none). */
    @Override
    default void close() {}
}
