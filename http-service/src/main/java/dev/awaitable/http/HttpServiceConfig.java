package dev.awaitable.http;

/**
 * How a service answers: every request waits {@code delayMs} (the simulated downstream call),
 * then gets a {@code bodyBytes}-byte body; {@code backlog} is passed to bind (the kernel caps it
 * at {@code net.core.somaxconn}).
 */
public record HttpServiceConfig(int delayMs, int bodyBytes, int backlog) {

    public HttpServiceConfig {
        if (delayMs < 0 || delayMs > 60_000) {
            throw new IllegalArgumentException("delayMs must be 0..60000, was " + delayMs);
        }
        if (bodyBytes < 1 || bodyBytes > 65_536) {
            throw new IllegalArgumentException("bodyBytes must be 1..65536, was " + bodyBytes);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, was " + backlog);
        }
    }
}
