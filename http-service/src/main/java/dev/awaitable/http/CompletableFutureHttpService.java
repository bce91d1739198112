package dev.awaitable.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The CompletableFuture implementation: the statemachine implementation's NIO loop, with
 * readiness and delays as {@code CompletableFuture}s composed by {@link CompletableFutureConnection};
 * the delays run on one {@link ScheduledThreadPoolExecutor} thread owned by the service, which
 * also runs the answer's write. No Awaitable types.
 */
final class CompletableFutureHttpService extends AbstractHttpService {

    private final ScheduledThreadPoolExecutor timer;
    private final NioEventLoop loop;

    CompletableFutureHttpService(HttpServiceConfig config) {
        super("completable-future", config);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "http-cf-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.loop = new NioEventLoop(this, (l, ch) -> new CompletableFutureConnection(l, ch, timer, config.delayMs()));
    }

    @Override
    int startServing(InetSocketAddress address) throws IOException {
        try {
            return loop.start(address, "http-cf-selector");
        } catch (IOException | RuntimeException e) {
            timer.shutdownNow();
            throw e;
        }
    }

    @Override
    void stopServing() {
        loop.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
