package dev.awaitable.http;

/**
 * The blocking implementation: a new platform thread per accepted connection (not pooled,
 * default stack size), blocking socket I/O and {@code Thread.sleep} for the delay.
 */
final class BlockingHttpService extends AbstractSocketHttpService {

    BlockingHttpService(HttpServiceConfig config) {
        super("blocking", config);
    }

    @Override
    void startConnection(Runnable connection, long index) {
        Thread t = new Thread(connection, "http-blocking-conn-" + index);
        t.setDaemon(true);
        t.start();
    }

    @Override
    void awaitDelay() throws InterruptedException {
        if (config.delayMs() > 0) {
            Thread.sleep(config.delayMs());
        }
    }
}
