package dev.awaitable.workloads;

/** A prepared implementation of a workload: run it as often as the measurement wants, then close. */
public interface WorkloadRun extends AutoCloseable {

    /**
     * Runs one operation to completion (waiting for it, whatever its implementation) and returns
     * its checksum. The same parameters give the same checksum on every implementation and
     * every call.
     */
    long run() throws Exception;

    /** Releases threads, loops and other resources. */
    @Override
    void close();
}
