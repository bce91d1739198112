package dev.awaitable.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the four implementations share: the config, the pre-encoded answers, the counters and
 * the start/close lifecycle.
 *
 * <p>Lifecycle: NEW ──start──▶ STARTED ──close──▶ CLOSED; close from NEW goes straight to
 * CLOSED; start is allowed once, close any number of times (only the first does anything).
 *
 * <p>Counters: {@code open} goes up once per accepted connection and down once per connection
 * (each implementation guards its own close so it runs once); {@code peak} is the most
 * {@code open} seen since start or {@link #resetPeaks()}. Racy, but benign: a peak raised by an
 * open that races a reset may survive the reset, which is what "most open since then" means.
 */
abstract class AbstractHttpService implements HttpService {

    /** 127.0.0.1: the only address any implementation binds. */
    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final System.Logger LOG = System.getLogger(AbstractHttpService.class.getName());
    private static final AtomicBoolean LOGGED_ABORT = new AtomicBoolean();

    final HttpServiceConfig config;
    final HttpResponses responses;
    private final String implementation;
    private final LongAdder requests = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    AbstractHttpService(String implementation, HttpServiceConfig config) {
        this.implementation = implementation;
        this.config = config;
        this.responses = new HttpResponses(config.bodyBytes());
    }

    @Override
    public final int start(int port) throws java.io.IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (closed.get()) {
            throw new IllegalStateException(implementation + " HTTP service is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(implementation + " HTTP service already started");
        }
        return startServing(new InetSocketAddress(LOOPBACK, port));
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true) && started.get()) {
            stopServing();
        }
    }

    /** Binds {@code address} with {@code config.backlog()}, starts the threads, returns the port. */
    abstract int startServing(InetSocketAddress address) throws java.io.IOException;

    /** Stops accepting, closes every connection, stops the threads it started. Called once. */
    abstract void stopServing();

    final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final long requests() {
        return requests.sum();
    }

    @Override
    public final int openConnections() {
        return open.get();
    }

    @Override
    public final int peakOpenConnections() {
        return peak.get();
    }

    /** Connections the client closed or reset with a request half received. */
    final long abortedConnections() {
        return aborted.get();
    }

    /** Restarts the peak from the connections open now. */
    final void resetPeaks() {
        peak.set(open.get());
    }

    final void connectionOpened() {
        int now = open.incrementAndGet();
        if (now > peak.get()) {
            peak.accumulateAndGet(now, Math::max);
        }
    }

    final void connectionClosed() {
        open.decrementAndGet();
    }

    final void requestAnswered() {
        requests.increment();
    }

    /**
     * A client went away (EOF or reset) while a request was half received: counted, and the
     * first one per JVM logged in one debug line (no stack trace); the caller closes the connection.
     */
    final void abortedMidRequest(Throwable cause) {
        aborted.incrementAndGet();
        if (LOGGED_ABORT.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> implementation + " HTTP service: a client disconnected mid-request ("
                            + (cause == null ? "EOF" : cause.toString()) + "); further ones are only counted");
        }
    }

    final String implementation() {
        return implementation;
    }
}
