package dev.awaitable.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the CompletableFuture implementation: the same loop as
 * {@link StatemachineConnection}, composed from futures. Each readiness wait is a new
 * {@code CompletableFuture} the selector completes; the delay is a future the service's timer
 * thread completes. One request is one composed future:
 * <pre>{@code
 * readRequest()                                 // readable -> read -> parse, until a request or an error
 *   .thenCompose(r -> r == REQUEST
 *       ? delay().thenCompose(v -> write(ok))   // then answer
 *       : write(error))                          // or answer the error
 * }</pre>
 * and {@link #serve} starts the next one when it completes, in a loop while they complete at once
 * (pipelined requests with no delay), so neither the stack nor a chain of futures grows with the
 * number of requests.
 *
 * <p>Invariant: at most one request future per connection is in flight; its stages run one after
 * another (on the selector thread after readiness, on the timer thread after the delay), each
 * handing over through a future's completion, which orders the parser and buffer state between them.
 */
final class CompletableFutureConnection extends NioConnection {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ScheduledExecutorService timer;
    private final int delayMs;
    private final AbstractHttpService service;
    /** The pending readiness wait, completed by {@link #ready}/{@link #failed}. */
    private volatile CompletableFuture<Void> readiness;

    CompletableFutureConnection(NioEventLoop loop, SocketChannel channel, ScheduledExecutorService timer, int delayMs) {
        super(loop, channel);
        this.timer = timer;
        this.delayMs = delayMs;
        this.service = loop.service();
    }

    @Override
    void start() {
        serve();
    }

    /** Runs requests until one ends the connection or waits; a waiting one calls back in here. */
    private void serve() {
        for (; ; ) {
            CompletableFuture<Boolean> next = request();
            if (!next.isDone()) {
                next.whenComplete((keepOpen, failure) -> {
                    if (continueAfter(keepOpen, failure)) {
                        serve();
                    }
                });
                return;
            }
            Boolean keepOpen;
            Throwable failure = null;
            try {
                keepOpen = next.join();
            } catch (CompletionException e) {
                keepOpen = null;
                failure = e;
            }
            if (!continueAfter(keepOpen, failure)) {
                return;
            }
        }
    }

    /** One request: read it, wait, answer. True if the connection stays open for another. */
    private CompletableFuture<Boolean> request() {
        return readRequest().thenCompose(r -> {
            if (r != HttpRequestParser.REQUEST) {
                return write(ByteBuffer.wrap(HttpResponses.error(r))).thenApply(v -> false);
            }
            return delay().thenCompose(v -> write(ByteBuffer.wrap(service.responses.okFor(parser))))
                    .thenApply(v -> {
                        service.requestAnswered();
                        return parser.keepAlive();
                    });
        });
    }

    /** Whether to go on after a request: closes the connection otherwise, counting a mid-request disconnect. */
    private boolean continueAfter(Boolean keepOpen, Throwable failure) {
        if (failure == null && Boolean.TRUE.equals(keepOpen)) {
            return true;
        }
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause != null && !(cause instanceof IOException) && !isClosed()) {
            System.getLogger(CompletableFutureConnection.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "completable-future HTTP connection failed",
                            cause); // a bug, not a client going away
        } else if (parser.inProgress() && !isClosed()) {
            service.abortedMidRequest(cause);
        }
        close();
        return false;
    }

    /** Parses buffered bytes, reading (after readiness) as long as the parser needs more: the parse result. */
    private CompletableFuture<Integer> readRequest() {
        int r = parser.parse(in);
        if (r != HttpRequestParser.NEED_MORE) {
            return CompletableFuture.completedFuture(r);
        }
        // readiness completes later, on the selector thread (or at once, failed, if closed): no sync recursion
        return readiness(SelectionKey.OP_READ).thenCompose(v -> readAfterReady());
    }

    /** The socket is readable: reads, then parses again (or fails at EOF). */
    private CompletableFuture<Integer> readAfterReady() {
        try {
            if (read() < 0) {
                return CompletableFuture.failedFuture(new java.io.EOFException());
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return readRequest();
    }

    private CompletableFuture<Void> write(ByteBuffer out) {
        try {
            channel.write(out);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!out.hasRemaining()) {
            return DONE;
        }
        return readiness(SelectionKey.OP_WRITE).thenCompose(v -> write(out));
    }

    private CompletableFuture<Void> delay() {
        if (delayMs == 0) {
            return DONE;
        }
        CompletableFuture<Void> d = new CompletableFuture<>();
        timer.schedule(() -> d.complete(null), delayMs, TimeUnit.MILLISECONDS);
        return d;
    }

    /* ---------------- Readiness ---------------- */

    private CompletableFuture<Void> readiness(int ops) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        readiness = f; // published before arming: the loop completes it only after awaitReady
        awaitReady(ops);
        return f;
    }

    @Override
    void ready() {
        readiness.complete(null);
    }

    @Override
    void failed(IOException cause) {
        readiness.completeExceptionally(cause);
    }
}
