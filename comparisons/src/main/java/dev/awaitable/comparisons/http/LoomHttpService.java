package dev.awaitable.comparisons.http;

import dev.awaitable.Async;
import dev.awaitable.Awaitables;
import java.time.Duration;

/**
 * The loom implementation: blocking socket I/O in direct-style async bodies of the loom backend
 * (each connection one {@code Async.run} body on a virtual thread), awaiting the delay with
 * {@code Async.await(Awaitables.delay(...))}. The accept loop is a plain virtual thread.
 */
final class LoomHttpService extends AbstractSocketHttpService {

    private final Duration delay;

    LoomHttpService(HttpServiceConfig config) {
        super("loom", config);
        this.delay = Duration.ofMillis(config.delayMs());
    }

    @Override
    void beforeStart() {
        Async.useBackend("loom");
    }

    /**
     * A body's first segment runs on the thread that calls {@code Async.run}. From a platform
     * acceptor that failed: 194 of 200 connections starved (their bodies kept coming back to the
     * acceptor, blocked in {@code accept()}). From a virtual acceptor all connections are served.
     */
    @Override
    boolean acceptOnVirtualThread() {
        return true;
    }

    @Override
    void startConnection(Runnable connection, long index) {
        // A body's first segment runs on the caller's thread until its first await, and a blocking
        // socket read is not an await: the yield hands the body over at once, so the acceptor never
        // runs a connection's reads itself. The body never throws: its awaitable never faults unobserved.
        Async.run(() -> {
            Async.await(Awaitables.yieldNow());
            connection.run();
        });
    }

    @Override
    void awaitDelay() {
        Async.await(Awaitables.delay(delay));
    }
}
