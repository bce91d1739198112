package dev.awaitable.http;

import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One connection of the statemachine implementation: its handler, hand-compiled, and the
 * reusable source its readiness waits complete. The method it compiles:
 * <pre>{@code
 * async Awaitable<Void> serve() {
 *     for (;;) {
 *         int r;
 *         while ((r = parser.parse(in)) == NEED_MORE) {
 *             await readable();                         // state 1
 *             if (read() < 0) { close(); return; }      // EOF (0: spurious, await again)
 *         }
 *         if (r != REQUEST) { await write(error(r)); close(); return; }
 *         await Awaitables.delay(delay);                // state 2
 *         out = wrap(okFor(parser));
 *         while (channel.write(out), out.hasRemaining())
 *             await writable();                         // state 3
 *         if (!parser.keepAlive()) { close(); return; }
 *     }
 * }
 * }</pre>
 * The machine is its own {@link AwaitableSource}: a readiness wait is one operation of
 * {@code source}, reset per wait, so waiting allocates only the {@code ValueAwaitable} handle.
 * The loop completes it on the selector thread and the machine resumes right there (continuations
 * run synchronously); after a delay it resumes on the backend's timer or scheduler, and its next
 * wait is armed through the loop's queue.
 *
 * <p>Invariant: at most one thread runs {@code moveNext} (the builder's guarantee); the source has
 * at most one pending operation, and it is reset only by the machine, after it consumed the
 * previous one, so the reset never races that operation's awaiter.
 */
final class StatemachineConnection extends NioConnection implements AsyncStateMachine, AwaitableSource<Void> {

    private static final int READ = 0;
    private static final int AWAIT_READABLE = 1;
    private static final int AWAIT_DELAY = 2;
    private static final int AWAIT_WRITABLE = 3;
    private static final int DONE = -1;

    private final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
    private final ManualResetSourceCore<Void> source = new ManualResetSourceCore<>();
    private final Duration delay;
    private final AbstractHttpService service;
    private int state;
    private Awaiter<?> awaiter;
    private ByteBuffer out;
    /** Close after {@code out} is written (Connection: close, HTTP/1.0, or an error answer). */
    private boolean closeAfterWrite;
    /** Whether {@code out} answers a request (counted once written) rather than an error. */
    private boolean answering;

    StatemachineConnection(NioEventLoop loop, SocketChannel channel, Duration delay) {
        super(loop, channel);
        this.delay = delay;
        this.service = loop.service();
    }

    @Override
    void start() {
        builder.start(this);
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                switch (state) {
                    case READ -> {
                        int r = parser.parse(in);
                        if (r == HttpRequestParser.NEED_MORE) {
                            if (suspend(AWAIT_READABLE, readiness(SelectionKey.OP_READ))) {
                                return;
                            }
                        } else if (r == HttpRequestParser.REQUEST) {
                            if (suspend(AWAIT_DELAY, Awaitables.delay(delay).getAwaiter())) {
                                return;
                            }
                        } else {
                            out = ByteBuffer.wrap(HttpResponses.error(r));
                            answering = false;
                            closeAfterWrite = true;
                            if (write()) {
                                return;
                            }
                        }
                    }
                    case AWAIT_READABLE -> {
                        resumed();
                        int n = read();
                        if (n < 0) {
                            end(null);
                            return;
                        }
                        state = READ; // n == 0: a spurious wakeup; parse finds NEED_MORE and waits again
                    }
                    case AWAIT_DELAY -> {
                        resumed();
                        out = ByteBuffer.wrap(service.responses.okFor(parser));
                        answering = true;
                        closeAfterWrite = !parser.keepAlive();
                        if (write()) {
                            return;
                        }
                    }
                    case AWAIT_WRITABLE -> {
                        resumed();
                        if (write()) {
                            return;
                        }
                    }
                    case DONE -> {
                        return;
                    }
                    default -> throw new IllegalStateException("state " + state);
                }
            }
        } catch (IOException e) {
            end(e);
        } catch (Throwable t) {
            if (isClosed()) {
                end(null); // closed under us (service shutdown): not a bug
                return;
            }
            state = DONE;
            close();
            builder.setException(t); // a bug: reported by the unobserved-fault handler
        }
    }

    /**
     * Writes {@code out}; true if the machine suspended (partial write) or finished, false to go
     * on reading the next request.
     */
    private boolean write() throws IOException {
        channel.write(out);
        if (out.hasRemaining()) {
            return suspend(AWAIT_WRITABLE, readiness(SelectionKey.OP_WRITE));
        }
        out = null;
        if (answering) {
            service.requestAnswered();
        }
        if (closeAfterWrite) {
            end(null);
            return true;
        }
        state = READ;
        return false;
    }

    /** Moves to {@code next}; suspends on {@code aw} unless it is already complete. True if suspended. */
    private boolean suspend(int next, Awaiter<?> aw) {
        state = next;
        awaiter = aw;
        if (aw.isCompleted()) {
            return false;
        }
        builder.awaitOnCompleted(aw, this);
        return true;
    }

    /** After a resumption: takes the awaited result, rethrowing its failure (a closed channel). */
    private void resumed() {
        Awaiter<?> aw = awaiter;
        awaiter = null;
        aw.getResult();
    }

    /** Ends the connection: EOF or an I/O failure ({@code cause}), or the last answer sent. */
    private void end(IOException cause) {
        if (state != DONE) {
            if (parser.inProgress() && !isClosed()) {
                service.abortedMidRequest(cause);
            }
            state = DONE;
            close();
            builder.setResult(null);
        }
    }

    /* ---------------- Readiness: this connection as an AwaitableSource ---------------- */

    /** A fresh operation of {@code source}, armed on the selector for {@code ops}. */
    private Awaiter<Void> readiness(int ops) {
        source.reset();
        ValueAwaitable<Void> aw = ValueAwaitable.from(this, source.version());
        awaitReady(ops);
        return aw;
    }

    @Override
    void ready() {
        source.setResult(null);
    }

    @Override
    void failed(IOException cause) {
        source.setException(cause);
    }

    @Override
    public AwaitableStatus status(int token) {
        return source.status(token);
    }

    @Override
    public void onCompleted(Runnable continuation, int token, boolean continueOnCapturedContext) {
        source.onCompleted(continuation, token, continueOnCapturedContext);
    }

    @Override
    public Void getResult(int token) {
        return source.getResult(token);
    }
}
