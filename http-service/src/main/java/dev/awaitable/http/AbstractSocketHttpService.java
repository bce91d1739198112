package dev.awaitable.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocking-I/O implementations (loom, blocking): a {@link ServerSocket}, an accept loop on
 * a thread of its own (a platform thread; loom's is an async body), and per connection one thread
 * of the subclass's kind running
 * {@link #serve} with blocking reads and writes.
 *
 * <p>Connection states: OPEN (in {@code connections}) → CLOSED (removed). Whoever removes a
 * socket from the set closes it and counts it, so each connection is counted closed exactly
 * once. Race (service close vs a connection ending by itself): both try to remove; the set's
 * {@code remove} picks one. {@link #stopServing} closes the server socket (the accept loop
 * ends), joins the accept thread, then closes every open socket, which wakes any thread blocked
 * in read with a {@code SocketException}; a thread inside its delay notices at its next write.
 * It then waits (bounded by the delay plus a margin) for every connection thread to finish.
 */
abstract class AbstractSocketHttpService extends AbstractHttpService implements Runnable {

    private static final int READ_BUFFER_BYTES = 4096;

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private ServerSocket server;
    private Thread acceptor;

    AbstractSocketHttpService(String implementation, HttpServiceConfig config) {
        super(implementation, config);
    }

    /** Starts {@code connection} on a new thread of this implementation's kind. */
    abstract void startConnection(Runnable connection, long index);

    /** Waits the simulated downstream delay on the current (connection) thread. */
    abstract void awaitDelay() throws InterruptedException;

    /** Called once before the accept thread starts (selects a backend, say). */
    void beforeStart() {}

    @Override
    final int startServing(InetSocketAddress address) throws IOException {
        beforeStart();
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(address, config.backlog());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        server = s;
        acceptor = startAcceptor(this);
        return s.getLocalPort();
    }

    /** Starts the accept loop on a thread of its own (a platform thread unless overridden) and returns it; joined on close. */
    Thread startAcceptor(Runnable acceptLoop) {
        Thread t = new Thread(acceptLoop, "http-" + implementation() + "-accept");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The accept loop. */
    @Override
    public final void run() {
        long index = 0;
        while (!isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (isClosed() || server.isClosed()) {
                    return;
                }
                continue; // EMFILE and friends: try again
            }
            connectionOpened();
            connections.add(socket);
            running.incrementAndGet();
            try {
                socket.setTcpNoDelay(true);
                startConnection(
                        () -> {
                            try {
                                serve(socket);
                            } finally {
                                running.decrementAndGet();
                            }
                        },
                        index++);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                running.decrementAndGet();
                closeConnection(socket);
            }
        }
    }

    /** One connection: read/parse, delay, answer, until it ends. Never throws. */
    private void serve(Socket socket) {
        HttpRequestParser parser = new HttpRequestParser();
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, 0);
        try {
            InputStream input = socket.getInputStream();
            OutputStream output = socket.getOutputStream();
            for (; ; ) {
                int r = parser.parse(in);
                if (r == HttpRequestParser.NEED_MORE) {
                    int n = input.read(buffer); // the parser consumed everything: refill from 0
                    if (n < 0) {
                        if (parser.inProgress()) {
                            abortedMidRequest(null);
                        }
                        return;
                    }
                    in.limit(n).position(0);
                } else if (r == HttpRequestParser.REQUEST) {
                    awaitDelay();
                    output.write(responses.okFor(parser));
                    output.flush();
                    requestAnswered();
                    if (!parser.keepAlive()) {
                        return;
                    }
                } else {
                    output.write(HttpResponses.error(r));
                    output.flush();
                    return;
                }
            }
        } catch (IOException e) {
            if (parser.inProgress() && connections.contains(socket)) {
                abortedMidRequest(e);
            }
        } catch (InterruptedException e) {
            // the service is closing
        } catch (RuntimeException | Error e) {
            if (connections.contains(socket)) {
                System.getLogger(getClass().getName())
                        .log(
                                System.Logger.Level.WARNING,
                                implementation() + " HTTP connection failed",
                                e); // a bug, not a client going away
            }
        } finally {
            closeConnection(socket);
        }
    }

    private void closeConnection(Socket socket) {
        if (connections.remove(socket)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            connectionClosed();
        }
    }

    @Override
    final void stopServing() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        join(acceptor, 10_000);
        for (Socket s : connections) {
            closeConnection(s);
        }
        long deadline = System.nanoTime() + (config.delayMs() + 5_000L) * 1_000_000L;
        while (running.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
