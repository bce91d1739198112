package dev.awaitable.http;

/** A running or startable service; binds 127.0.0.1 only, never another address. */
public interface HttpService extends AutoCloseable {

    /** Binds 127.0.0.1:port (0 = a free port), starts serving, returns the bound port. */
    int start(int port) throws java.io.IOException;

    /** Requests answered so far. */
    long requests();

    /** Connections open now. */
    int openConnections();

    /** Most connections open at once (since start or the last peak reset). */
    int peakOpenConnections();

    /** Stops accepting, closes all connections, stops its threads; idempotent. */
    @Override
    void close();
}
