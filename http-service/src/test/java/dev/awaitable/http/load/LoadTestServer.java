package dev.awaitable.http.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny HTTP/1.1 keep-alive server for the load generators' tests: one virtual thread per
 * connection, every GET answered with "ok" after a fixed delay. Failure modes: every
 * {@code failEvery}-th response (counted over all connections) is a 500, and
 * {@link #stopAnswering()} makes it read requests but never answer them. Stalls: every
 * {@code stallEvery}-th response waits {@code stall} longer.
 */
final class LoadTestServer implements AutoCloseable {

    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ERROR = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\n\r\nerror"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final long delayMillis;
    private final int failEvery;
    private final int stallEvery;
    private final long stallMillis;
    private final AtomicLong responses = new AtomicLong();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean answering = true;

    private LoadTestServer(Duration delay, int failEvery, int stallEvery, Duration stall) throws IOException {
        this.delayMillis = delay.toMillis();
        this.failEvery = failEvery;
        this.stallEvery = stallEvery;
        this.stallMillis = stall.toMillis();
        this.server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("load-test-accept").start(this::accept);
    }

    /** A server answering after {@code delay}; every {@code failEvery}-th response is a 500 (0: never). */
    static LoadTestServer start(Duration delay, int failEvery) throws IOException {
        return new LoadTestServer(delay, failEvery, 0, Duration.ZERO);
    }

    /** A server answering after {@code delay}, every {@code stallEvery}-th response after {@code delay + stall}. */
    static LoadTestServer startStalling(Duration delay, int stallEvery, Duration stall) throws IOException {
        return new LoadTestServer(delay, 0, stallEvery, stall);
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on requests are read but never answered. */
    void stopAnswering() {
        answering = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (readRequest(in)) {
                if (!answering) {
                    continue; // the next read blocks until the client gives up
                }
                long n = responses.incrementAndGet();
                long sleep = delayMillis + (stallEvery > 0 && n % stallEvery == 0 ? stallMillis : 0);
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
                out.write(failEvery > 0 && n % failEvery == 0 ? ERROR : OK);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // client went away, or the server is closing
        } finally {
            sockets.remove(s);
        }
    }

    /** Reads one GET (headers only, up to the empty line); false at end of stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
