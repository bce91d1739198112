package dev.awaitable.workloads;

/**
 * {@code count} tasks of one implementation, all suspended (parked virtual threads, suspended
 * machines, pending futures, blocked platform threads). While they are, the heap they hold is
 * what memory-per-task measures; then {@link #resumeAll} lets them finish.
 */
public interface SuspendedTasks extends AutoCloseable {

    /** How many tasks are suspended. */
    int count();

    /**
     * One suspended task's own state, for JOL to size: the state machine object of a
     * statemachine task, the {@link Thread} of a parked virtual thread (its stack chunks are
     * measured), a pending future of a peer, an {@link OwnState} listing a coroutine's frames.
     * Null if there is nothing meaningful to size.
     */
    default Object representative() {
        return null;
    }

    /** Lets every task finish and returns their combined checksum (to check nothing was skipped). */
    long resumeAll() throws Exception;

    /** Releases whatever is left (threads, executors) even if {@link #resumeAll} was not called. */
    @Override
    void close();
}
