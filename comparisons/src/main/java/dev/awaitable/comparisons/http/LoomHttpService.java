package dev.awaitable.comparisons.http;

import dev.awaitable.Async;
import dev.awaitable.Awaitables;
import java.time.Duration;

/**
 * The loom implementation: blocking socket I/O in direct-style async bodies of the loom backend
 * (each connection one {@code Async.run} body on a virtual thread), awaiting the delay with
 * {@code Async.await(Awaitables.delay(...))}. The accept loop is a platform thread.
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

    @Override
    void startConnection(Runnable connection, long index) {
        Async.run(connection::run); // the body never throws, so the awaitable never faults unobserved
    }

    @Override
    void awaitDelay() {
        Async.await(Awaitables.delay(delay));
    }
}
