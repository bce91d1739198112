package dev.awaitable.comparisons.workload;

/**
 * {@code count} tasks of one implementation, all suspended (parked virtual threads, suspended
 * machines, pending futures, blocked platform threads). While they are, the heap they hold is
 * what memory-per-task measures; then {@link #resumeAll} lets them finish.
 */
public interface SuspendedTasks extends AutoCloseable {

    /** How many tasks are suspended. */
    int count();

    /** Lets every task finish and returns their combined checksum (to check nothing was skipped). */
    long resumeAll() throws Exception;

    /** Releases whatever is left (threads, executors) even if {@link #resumeAll} was not called. */
    @Override
    void close();
}
