package dev.awaitable.http;

/**
 * The virtual-threads implementation, as a Java 21 user writes a server without any async API: a
 * new virtual thread per accepted connection, blocking socket I/O, {@code Thread.sleep} for the
 * delay. The same code as {@link BlockingHttpService}, on the JDK's virtual-thread scheduler.
 */
final class VirtualThreadsHttpService extends AbstractSocketHttpService {

    private final Thread.Builder connections = Thread.ofVirtual().name("http-virtual-threads-conn-", 1);

    VirtualThreadsHttpService(HttpServiceConfig config) {
        super("virtual-threads", config);
    }

    @Override
    void startConnection(Runnable connection, long index) {
        connections.start(connection);
    }

    @Override
    void awaitDelay() throws InterruptedException {
        if (config.delayMs() > 0) {
            Thread.sleep(config.delayMs());
        }
    }
}
