package dev.awaitable.http;

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
     * The accept loop is itself an {@code Async.run} body. A body's first segment runs on the
     * thread that calls {@code Async.run}, until its first await. From a plain virtual thread the
     * caller parks until then, and both it and the new body go through the carriers' queue: with
     * thousands of connections runnable that is one queue round per accepted connection, slow
     * against a burst of connects. From a body, the
     * loom backend hands the acceptor's carrier to the new body and takes it back at the body's
     * first await, with no queue in between.
     */
    @Override
    Thread startAcceptor(Runnable acceptLoop) {
        Thread[] body = new Thread[1];
        Async.run(() -> {
            body[0] = Thread.currentThread(); // the first segment runs before Async.run returns
            Async.await(Awaitables.yieldNow()); // accept() blocks and is not an await: release the caller first
            acceptLoop.run();
        });
        return body[0];
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
