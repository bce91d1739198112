package dev.awaitable.testkit;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import java.util.ServiceLoader;

/**
 * Starts a {@link Program} on one backend, the way that backend runs async methods. Each
 * backend module's tests register one (META-INF/services); the contract suite picks the one
 * whose {@link #backend()} is the backend in use.
 */
public interface ProgramRunner {

    /** The name of the backend this runner drives. */
    String backend();

    /**
     * Starts {@code program} as an async method called from the current thread: it runs
     * synchronously until its first suspension (capturing the current context, as a call from a
     * UI thread would) and returns the awaitable of its outcome. Never throws for the program's
     * own exceptions: those fault the awaitable.
     */
    <T> Awaitable<T> start(Program<T> program);

    /**
     * The name of the platform thread executing the calling code: the current thread, or for a
     * virtual thread its carrier. Contract tests use it to check where a body's steps ran.
     */
    default String executingThread() {
        return Thread.currentThread().getName();
    }

    /** The runner for the backend in use. */
    static ProgramRunner current() {
        String backend = Async.backend().name();
        for (ProgramRunner r : ServiceLoader.load(ProgramRunner.class)) {
            if (r.backend().equals(backend)) {
                return r;
            }
        }
        throw new IllegalStateException("no ProgramRunner for backend '" + backend
                + "' on the test class path (register one in META-INF/services)");
    }
}
