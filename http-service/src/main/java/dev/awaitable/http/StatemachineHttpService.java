package dev.awaitable.http;

import dev.awaitable.Async;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The statemachine implementation: non-blocking NIO on one selector thread, each connection a
 * hand-written {@link StatemachineConnection} whose readiness waits and delays are awaitables of
 * the statemachine backend (selected JVM-wide at start).
 */
final class StatemachineHttpService extends AbstractHttpService {

    private final NioEventLoop loop;

    StatemachineHttpService(HttpServiceConfig config) {
        super("statemachine", config);
        Duration delay = Duration.ofMillis(config.delayMs());
        this.loop = new NioEventLoop(this, (l, ch) -> new StatemachineConnection(l, ch, delay));
    }

    @Override
    int startServing(InetSocketAddress address) throws IOException {
        Async.useBackend("statemachine");
        return loop.start(address, "http-statemachine-selector");
    }

    @Override
    void stopServing() {
        loop.close();
    }
}
