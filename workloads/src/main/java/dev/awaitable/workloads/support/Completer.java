package dev.awaitable.workloads.support;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.workloads.Threads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * "Another thread provides the value later": one daemon platform thread, owned by a workload
 * run, that completes awaitables and futures handed out here. It stands in for an I/O callback,
 * so an await of what it returns really suspends (unless the thread wins the race, which is
 * benign: the await then takes the fast path).
 *
 * <p>Every implementation of a workload uses the same completer in the same way (one executor
 * task per value), so only the machinery around the await differs between them. A continuation
 * that resumes inline runs on this thread; that is the model under test, not a leak.
 */
public final class Completer implements AutoCloseable {

    private final ExecutorService thread;

    /** Starts the thread, named {@code name-1}. Close it with the run. */
    public Completer(String name) {
        this.thread = Threads.completer(name);
    }

    /** An awaitable that this thread completes with {@code value}, soon. */
    public <T> Awaitable<T> awaitable(T value) {
        CompletionSource<T> s = new CompletionSource<>();
        thread.execute(() -> s.setResult(value));
        return s.awaitable();
    }

    /** A future that this thread completes with {@code value}, soon. */
    public <T> CompletableFuture<T> future(T value) {
        CompletableFuture<T> f = new CompletableFuture<>();
        thread.execute(() -> f.complete(value));
        return f;
    }

    /** Runs {@code action} on this thread. */
    public void execute(Runnable action) {
        thread.execute(action);
    }

    /** The thread as an executor (for peers that post to it). */
    public ExecutorService executor() {
        return thread;
    }

    /** Stops the thread; never throws. */
    @Override
    public void close() {
        Threads.shutdown(thread);
    }
}
