package dev.awaitable.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread serving a {@link ServerSocketChannel} and its connections, shared by the
 * statemachine and CompletableFuture implementations. It accepts, and it turns readiness into
 * calls of {@link NioConnection#selected}, which complete whatever the connection's handler awaits;
 * it never reads, parses or writes itself.
 *
 * <p>Threads: the loop thread owns the selector, every {@code register} and all key iteration.
 * Handlers run on the loop thread (when readiness resumes them) and on other threads (the timer
 * that ends a delay). A handler on another thread asks for interest through {@link #enqueue}: the
 * connection goes on {@code pending} and the selector is woken.
 *
 * <p>Race (interest change vs a blocked {@code select()}): {@code SelectionKey.interestOps} may
 * be called from any thread, but a selector already blocked in {@code select()} does not see the
 * change until it returns; with no other traffic it would sleep on the old, empty interest set
 * and the connection would hang. Hence the queue + {@code selector.wakeup()}: the loop applies
 * queued interest before every {@code select()}. {@code wakeupPending} saves redundant wakeups
 * (a syscall each): the loop clears it before draining the queue, a producer enqueues before it
 * sets it; so a producer that finds it already set enqueued before the loop cleared it, and that
 * drain sees its connection (the Netty {@code wakenUp} argument).
 *
 * <p>Shutdown: {@link #close} sets {@code closing} and wakes the loop; the loop closes the
 * server channel and every connection (failing their waits), closes the selector and exits;
 * close joins it.
 */
final class NioEventLoop implements Runnable {

    private final AbstractHttpService service;
    private final NioConnection.Factory factory;
    private final ConcurrentLinkedQueue<NioConnection> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean closing;
    private Selector selector;
    private ServerSocketChannel server;
    private Thread thread;

    NioEventLoop(AbstractHttpService service, NioConnection.Factory factory) {
        this.service = service;
        this.factory = factory;
    }

    /** Binds, starts the loop thread, returns the port. */
    int start(InetSocketAddress address, String threadName) throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, service.config.backlog());
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
        return port;
    }

    AbstractHttpService service() {
        return service;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** From a thread other than the loop: apply {@code c}'s requested interest before the next select. */
    void enqueue(NioConnection c) {
        pending.add(c);
        wakeup();
    }

    /** Wakes the selector unless a wakeup is already on its way (see the class notes). */
    void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            while (!closing) {
                wakeupPending.set(false);
                for (NioConnection c; (c = pending.poll()) != null; ) {
                    c.applyInterest();
                }
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.attachment() instanceof NioConnection c) {
                        c.selected(key);
                    } else if (key.isValid() && key.isAcceptable()) {
                        acceptAll();
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closing) {
                System.getLogger(NioEventLoop.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                service.implementation() + " HTTP selector loop failed: " + e);
            }
        } finally {
            shutdown();
        }
    }

    /** Accepts every connection waiting (10,000 may arrive at once), registering each with no interest yet. */
    private void acceptAll() throws IOException {
        for (SocketChannel ch; (ch = acceptOne()) != null; ) {
            service.connectionOpened();
            NioConnection c;
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c = factory.create(this, ch);
                c.key = ch.register(selector, 0, c);
            } catch (IOException e) {
                service.connectionClosed();
                ch.close();
                continue;
            }
            c.start();
        }
    }

    private SocketChannel acceptOne() {
        try {
            return server.accept();
        } catch (IOException e) {
            // EMFILE and friends: drop this round; the key stays ready and we retry next select
            return null;
        }
    }

    private void shutdown() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        ArrayList<NioConnection> all = new ArrayList<>();
        try {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof NioConnection c) {
                    all.add(c);
                }
            }
        } catch (ClosedSelectorException ignored) {
            // nothing registered any more
        }
        for (NioConnection c : all) {
            c.close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops the loop and waits for it (closing every connection on the way). */
    void close() {
        closing = true;
        if (selector != null) {
            selector.wakeup();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
