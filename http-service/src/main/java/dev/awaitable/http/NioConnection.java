package dev.awaitable.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection of a {@link NioEventLoop}: the channel, its key, its read buffer and parser,
 * and the readiness wait its handler (a state machine or a future chain) suspends on.
 *
 * <p>Wait states, in {@code waiting}: 0 (no wait armed) or the ops awaited
 * ({@code OP_READ}/{@code OP_WRITE}). Transitions: the handler arms (0 → ops) by
 * {@link #awaitReady}; exactly one of readiness ({@link #selected}, on the loop) or closing
 * ({@link #close}, any thread) disarms (ops → 0) and fires {@link #ready} or {@link #failed}.
 * Invariants: at most one wait is armed (the handler arms only after its previous wait fired);
 * each armed wait fires exactly once; the interest set is empty whenever no wait is armed, so
 * level-triggered readiness cannot spin.
 *
 * <p>Race (readiness vs close): the loop may see the key ready while another thread closes the
 * connection; both disarm with {@code getAndSet(0)}, so one fires. Race (arming vs close): the
 * loop's shutdown may close the connection just before the handler arms; the handler re-checks
 * {@code closed} after arming and fails the wait itself. Race (arming from another thread vs a
 * blocked select): see {@link NioEventLoop}.
 */
abstract class NioConnection {

    /** Makes the handler for an accepted, not yet registered channel. */
    interface Factory {
        NioConnection create(NioEventLoop loop, SocketChannel channel);
    }

    static final int READ_BUFFER_BYTES = 4096;

    final NioEventLoop loop;
    final SocketChannel channel;
    final HttpRequestParser parser = new HttpRequestParser();
    /** Received bytes not yet parsed, in read mode (position..limit). */
    final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES).flip();
    /** Set on the loop thread at registration, before {@link #start}. */
    SelectionKey key;

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Ops to apply on the loop (written before enqueue, read after poll: the queue orders them). */
    private int requestedOps;

    NioConnection(NioEventLoop loop, SocketChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** Starts the handler; on the loop thread, right after registration. */
    abstract void start();

    /** The awaited readiness arrived (on the loop thread). */
    abstract void ready();

    /** The connection closed while a wait was armed (on whichever thread closed it). */
    abstract void failed(IOException cause);

    /** Arms a wait for {@code ops}; it fires {@link #ready} or {@link #failed} exactly once, later or now. */
    final void awaitReady(int ops) {
        waiting.set(ops);
        if (loop.inLoop()) {
            try {
                key.interestOps(ops);
            } catch (CancelledKeyException e) {
                fire(false);
            }
        } else {
            requestedOps = ops;
            loop.enqueue(this);
        }
        if (closed.get()) {
            fire(false); // the arming vs close race
        }
    }

    /** On the loop: applies the interest asked for from another thread. */
    final void applyInterest() {
        try {
            if (waiting.get() != 0) {
                key.interestOps(requestedOps);
            }
        } catch (CancelledKeyException e) {
            fire(false);
        }
    }

    /** On the loop: the key came up in a select. */
    final void selected(SelectionKey k) {
        try {
            k.interestOps(0);
        } catch (CancelledKeyException e) {
            fire(false);
            return;
        }
        fire(true);
    }

    private void fire(boolean isReady) {
        if (waiting.getAndSet(0) != 0) {
            if (isReady) {
                ready();
            } else {
                failed(new java.nio.channels.ClosedChannelException());
            }
        }
    }

    /**
     * Reads what is available into {@link #in}: the count, 0 if nothing yet, -1 at EOF.
     * Only called when the parser consumed everything, so the buffer restarts at 0.
     */
    final int read() throws IOException {
        in.clear();
        int n;
        try {
            n = channel.read(in);
        } finally {
            in.flip();
        }
        return n;
    }

    /** Closes the channel (once), counts it, and fails an armed wait. Any thread. */
    final void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            loop.service().connectionClosed();
            if (!loop.inLoop()) {
                loop.wakeup(); // lets the selector deregister the key, which completes the close
            }
            fire(false);
        }
    }

    final boolean isClosed() {
        return closed.get();
    }
}
