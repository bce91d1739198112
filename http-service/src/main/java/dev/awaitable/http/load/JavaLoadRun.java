package dev.awaitable.http.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One run of {@link JavaLoadGenerator}: an event loop over one selector, on the calling thread.
 *
 * <p>Implementation notes. Every connection ({@link Conn}) is in exactly one state:
 * <pre>
 *   QUEUED --connect()--> CONNECTING --finishConnect--> BUSY --response--> BUSY (next request)
 *     ^                        |                          |
 *     +------- close ----------+--------------------------+  (error, timeout, Connection: close)
 * </pre>
 * QUEUED connections wait in {@link #ready} (reopen now) or {@link #backoff} (reopen after
 * {@link #RECONNECT_BACKOFF_MS}; every entry there has the same delay, so the deque is sorted by
 * due time). A BUSY connection always has exactly one request outstanding (written or being
 * written): that is the closed loop. Invariants: at most {@link #MAX_PENDING_CONNECTS}
 * connections are CONNECTING (no limit in burst mode); {@link #busy} is the number of BUSY connections.
 *
 * <p>Termination: the loop only ever blocks in {@code select} with a timeout no later than the
 * next deadline (timeout scan, end of the connect phase, end of the window, next reconnect), the
 * connect phase lasts at most {@code timeout} and the window {@code duration}; everything is
 * closed in {@code finally}. An interrupt wakes {@code select} and ends the run with
 * {@link InterruptedException}.
 */
final class JavaLoadRun {

    /** Connects in flight at most, so a burst of connects does not overflow the server's backlog. */
    static final int MAX_PENDING_CONNECTS = 256;
    /** Wait before reopening a connection whose connect failed, so a refusing server is not hammered. */
    static final long RECONNECT_BACKOFF_MS = 100;

    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);

    /** Waiting in {@link #ready} or {@link #backoff} to be (re)opened. */
    private static final int QUEUED = 0;
    /** Non-blocking connect in progress. */
    private static final int CONNECTING = 1;
    /** Connected, one request outstanding. */
    private static final int BUSY = 2;

    /** One client connection; fields touched only by the loop thread. */
    private static final class Conn {
        int state = QUEUED;
        SocketChannel channel;
        SelectionKey key;
        /** When the connect started (CONNECTING) or the outstanding request was first written (BUSY). */
        long since;
        /** When a connection in {@link #backoff} may reconnect. */
        long notBefore;

        ByteBuffer out;
        final ResponseParser parser = new ResponseParser();
    }

    private final InetSocketAddress address;
    private final ByteBuffer request;
    private final int connections;
    private final long durationNanos;
    private final long timeoutNanos;
    private final long expectedIntervalNanos;
    /** wrk's way: every connect at once, and the window starts with them (see {@link JavaLoadGenerator#burst}). */
    private final boolean burst;

    private final int maxPendingConnects;
    /** The id the result carries: the generator's. */
    private final String generator;

    private final Conn[] conns;
    private final ArrayDeque<Conn> ready = new ArrayDeque<>();
    private final ArrayDeque<Conn> backoff = new ArrayDeque<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private final Histogram raw = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private final ErrorCounts errors = new ErrorCounts();
    private Selector selector;
    private int pendingConnects;
    private int busy;
    /** Start and end of the measured window; {@code windowEnd == Long.MAX_VALUE} while connecting. */
    private long windowStart;

    private long windowEnd = Long.MAX_VALUE;
    private boolean measuring;
    private long completed;

    JavaLoadRun(
            String host,
            int port,
            String path,
            int connections,
            Duration duration,
            Duration timeout,
            Duration expectedInterval,
            boolean burst,
            String generator)
            throws IOException {
        this.burst = burst;
        this.maxPendingConnects = burst ? Integer.MAX_VALUE : MAX_PENDING_CONNECTS;
        this.generator = generator;
        this.address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve host " + host);
        }
        String target = path.startsWith("/") ? path : "/" + path;
        String hostHeader = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        this.request = ByteBuffer.wrap(("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1))
                .asReadOnlyBuffer();
        this.connections = connections;
        this.durationNanos = duration.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.expectedIntervalNanos = expectedInterval.toNanos();
        this.conns = new Conn[connections];
        for (int i = 0; i < connections; i++) {
            conns[i] = new Conn();
            conns[i].out = request.duplicate();
            ready.add(conns[i]);
        }
    }

    LoadResult run() throws IOException, InterruptedException {
        selector = Selector.open();
        try {
            loop();
        } finally {
            closeAll();
        }
        double seconds = (windowEnd - windowStart) / 1e9;
        boolean any = raw.getTotalCount() > 0;
        Histogram corrected = any ? corrected() : null;
        return new LoadResult(
                generator,
                connections,
                seconds,
                completed,
                completed / seconds,
                any ? millis(raw.getValueAtPercentile(50)) : null,
                any ? millis(raw.getValueAtPercentile(99)) : null,
                any ? millis(raw.getValueAtPercentile(99.9)) : null,
                any ? millis(raw.getMaxValue()) : null,
                any ? millis(corrected.getValueAtPercentile(99)) : null,
                any ? millis(corrected.getValueAtPercentile(99.9)) : null,
                errors.total(),
                errors.detail());
    }

    /* ---------------- Event loop ---------------- */

    private void loop() throws IOException, InterruptedException {
        long start = System.nanoTime();
        long connectPhaseEnd = start + timeoutNanos;
        long scanInterval = Math.max(
                TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.MILLISECONDS.toNanos(100), timeoutNanos / 4));
        long nextScan = start + scanInterval;
        while (true) {
            long now = System.nanoTime();
            if (!measuring && (burst || busy == connections || now - connectPhaseEnd >= 0)) {
                measuring = true;
                windowStart = now;
                windowEnd = now + durationNanos;
            }
            if (measuring && now - windowEnd >= 0) {
                windowEnd = now;
                return;
            }
            if (now - nextScan >= 0) {
                expire(now);
                nextScan = now + scanInterval;
            }
            openQueued(now);

            long deadline = measuring ? windowEnd : connectPhaseEnd;
            deadline = earlier(deadline, nextScan);
            if (!backoff.isEmpty() && pendingConnects < maxPendingConnects) {
                deadline = earlier(deadline, backoff.peekFirst().notBefore);
            }
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now));
            selector.select(waitMillis);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("load run interrupted");
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isValid()) {
                    ready((Conn) key.attachment(), key);
                }
            }
        }
    }

    private void ready(Conn c, SelectionKey key) {
        if (c.state == CONNECTING) {
            connected(c);
        } else if (key.isWritable()) {
            write(c);
        } else if (key.isReadable()) {
            read(c);
        }
    }

    private static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    /* ---------------- Connecting ---------------- */

    private void openQueued(long now) {
        while (pendingConnects < maxPendingConnects) {
            Conn c = ready.pollFirst();
            if (c == null) {
                Conn head = backoff.peekFirst();
                if (head == null || now - head.notBefore < 0) {
                    return;
                }
                c = backoff.pollFirst();
            }
            open(c, now);
        }
    }

    private void open(Conn c, long now) {
        c.parser.reset();
        try {
            SocketChannel ch = SocketChannel.open();
            c.channel = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.state = CONNECTING;
            c.since = now;
            pendingConnects++;
            if (ch.connect(address)) {
                c.key = ch.register(selector, 0, c);
                connected(c);
            } else {
                c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException | RuntimeException e) {
            fail(c, Kind.CONNECT);
        }
    }

    private void connected(Conn c) {
        try {
            if (!c.channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            fail(c, Kind.CONNECT);
            return;
        }
        pendingConnects--;
        c.state = BUSY;
        busy++;
        send(c, System.nanoTime());
    }

    /* ---------------- Requests and responses ---------------- */

    private void send(Conn c, long now) {
        c.out.rewind();
        c.since = now;
        write(c);
    }

    private void write(Conn c) {
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            fail(c, Kind.WRITE);
            return;
        }
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Conn c) {
        in.clear();
        int n;
        try {
            n = c.channel.read(in);
        } catch (IOException e) {
            fail(c, Kind.READ);
            return;
        }
        if (n < 0) {
            fail(c, Kind.READ); // closed with a request outstanding
            return;
        }
        long now = System.nanoTime();
        in.flip();
        try {
            while (in.hasRemaining()) {
                if (c.parser.feed(in) && !responded(c, now)) {
                    return;
                }
            }
        } catch (ResponseParser.MalformedResponseException e) {
            fail(c, Kind.MALFORMED);
        }
    }

    /**
     * The raw histogram corrected for coordinated omission after the run
     * ({@code copyCorrectedForCoordinatedOmission}): each latency longer than the expected interval
     * also stands for the requests the connection would have sent meanwhile. In a closed loop a
     * connection sends its next request when the last one returns, so the expected interval is a
     * normal response time: the configured one, or the run's median if queueing made responses
     * slower than that everywhere (with 10,000 connections on two cores the median is hundreds of
     * ms against a 10 ms delay; correcting at 10 ms would add thousands of synthetic values below
     * the median and pull the upper percentiles down, not up). Values added lie between the
     * interval and the latency that stood for them: rare stalls raise the upper percentiles, and
     * where every response is uniformly slow they stay close to the raw ones (the very top can
     * come out slightly lower, as more values now sit just under the slowest responses).
     */
    private Histogram corrected() {
        long interval = Math.max(expectedIntervalNanos, raw.getValueAtPercentile(50));
        return interval > 0 ? raw.copyCorrectedForCoordinatedOmission(interval) : raw.copy();
    }

    /** Records the completed response and sends the next request; false if the connection was closed. */
    private boolean responded(Conn c, long now) {
        if (measuring && now - windowEnd < 0) {
            long latency = Math.min(now - c.since, HIGHEST_TRACKABLE_NANOS);
            raw.recordValue(latency);
            completed++;
        }
        int status = c.parser.status();
        if (status < 200 || status > 299) {
            errors.status++;
        }
        if (c.parser.closeRequested()) {
            close(c);
            ready.add(c);
            return false;
        }
        send(c, now);
        return c.state == BUSY;
    }

    /* ---------------- Timeouts, failures, closing ---------------- */

    /** Closes connections whose connect or request has been outstanding longer than the timeout. */
    private void expire(long now) {
        for (Conn c : conns) {
            if (c.state == CONNECTING && now - c.since > timeoutNanos) {
                fail(c, Kind.CONNECT);
            } else if (c.state == BUSY && now - c.since > timeoutNanos) {
                errors.timeout++;
                close(c);
                ready.add(c);
            }
        }
    }

    private enum Kind {
        CONNECT,
        READ,
        WRITE,
        MALFORMED
    }

    /** Rare path: counts the error, closes the connection and queues it to be reopened. */
    private void fail(Conn c, Kind kind) {
        switch (kind) {
            case CONNECT -> errors.connect++;
            case READ -> errors.read++;
            case WRITE -> errors.write++;
            case MALFORMED -> errors.malformed++;
            default -> throw new IllegalStateException("error kind " + kind);
        }
        close(c);
        if (kind == Kind.CONNECT) {
            c.notBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECONNECT_BACKOFF_MS);
            backoff.add(c);
        } else {
            ready.add(c);
        }
    }

    private void close(Conn c) {
        switch (c.state) {
            case CONNECTING -> pendingConnects--;
            case BUSY -> busy--;
            case QUEUED -> {}
            default -> throw new IllegalStateException("connection state " + c.state);
        }
        c.state = QUEUED;
        c.key = null;
        SocketChannel ch = c.channel;
        c.channel = null;
        if (ch != null) {
            try {
                ch.close(); // also cancels its key
            } catch (IOException ignored) {
                // nothing to do: the socket is gone either way
            }
        }
    }

    private void closeAll() {
        for (Conn c : conns) {
            close(c);
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the channels are closed; nothing left to release
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
