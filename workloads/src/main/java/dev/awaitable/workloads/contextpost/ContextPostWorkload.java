package dev.awaitable.workloads.contextpost;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.BlockingLoop;
import dev.awaitable.workloads.support.CfLoop;
import dev.awaitable.workloads.support.RunLoop;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code context-post}: an async method started on a UI context awaits {@code awaits} reads in
 * sequence. One operation is the whole method, {@code awaits} awaits (1000 in the quick matrix).
 * With {@code style=capture} every await resumes on the UI context: a post to it per await. With
 * {@code style=no-capture} ({@code configureAwait(false)}) the continuation runs inline where
 * the read completed. Same-thread: the UI context ({@link UiContext}) and the reads share the
 * run's {@link RunLoop}; the reads complete in the loop's own work, outside the UI context, as a
 * UI thread's I/O completes elsewhere; so capture costs a post and a trip through the loop's
 * queue per await, and no thread switch.
 *
 * <p>Statemachine: {@link ContextMachine}, whose builder captures the UI context at each
 * suspension, or nothing after {@code configureAwait(false)}. Loom: an {@code Async.run} body
 * started on the UI context, so bound to it: a read's completion posts the body there, or,
 * configured not to, carries it inline. CompletableFuture: a {@link CfLoop} of reads, each
 * continued with {@code thenApplyAsync(v -> v, ui)} (the UI context as an executor), or inline.
 * Virtual threads (no context notion): a worker virtual thread makes the blocking reads and, to
 * capture, hands each continuation to a UI virtual thread and waits for it, as
 * {@code invokeAndWait} does; no-capture, it continues itself; all of them, and the I/O
 * thread, share the scheduler's one carrier. Blocking: the same code on platform threads: every
 * read, and every hand-off to the UI thread, is an OS wake-up.
 *
 * <p>Seed claims: "that post back step is real work: scheduling infrastructure, queues and
 * synchronization"; "ConfigureAwait(false) is a scheduling instruction, not a performance
 * switch: its value depends entirely on where your code runs" (here, on a context, where it
 * matters).
 *
 * <p>Checksum: the sum of the values read, {@code awaits * (awaits - 1) / 2}.
 */
public final class ContextPostWorkload extends AbstractWorkload {

    public ContextPostWorkload() {
        super(
                "context-post",
                "an async method on a UI context awaits reads, resuming on it, or inline with configureAwait(false)",
                "capturing the context costs a post to it per await; configureAwait(false) skips it "
                        + "(seeds: SynchronizationContext, ConfigureAwait)",
                Shape.THROUGHPUT,
                ParamSpec.choice(
                        "style",
                        "resume on the captured UI context, or configureAwait(false)",
                        List.of("capture", "no-capture"),
                        List.of("capture"),
                        List.of("capture", "no-capture")),
                ParamSpec.ints(
                        "awaits",
                        "sequential awaits per operation",
                        1,
                        100_000,
                        List.of(1000L),
                        List.of(1000L, 10_000L)));
    }

    private static boolean capture(Params params) {
        return params.get("style").equals("capture");
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        boolean capture = capture(params);
        int awaits = params.getInt("awaits");
        RunLoop loop = new RunLoop("context-post");
        UiContext ui = new UiContext(loop);
        return () -> loop.drive(() -> ui.call(() -> Async.run(() -> {
            long sum = 0;
            for (long i = 0; i < awaits; i++) {
                Awaitable<Long> value = loop.read(i);
                sum += capture ? Async.await(value) : Async.await(value.configureAwait(false));
            }
            return sum;
        })));
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        boolean capture = capture(params);
        int awaits = params.getInt("awaits");
        RunLoop loop = new RunLoop("context-post");
        UiContext ui = new UiContext(loop);
        return () -> loop.drive(() -> ui.call(() -> ContextMachine.start(awaits, capture, loop)));
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        return new BlockingRun(
                capture(params),
                params.getInt("awaits"),
                Executors.newVirtualThreadPerTaskExecutor(),
                Executors.newSingleThreadExecutor(
                        Thread.ofVirtual().name("context-post-ui").factory()),
                BlockingLoop.virtual("context-post-io"));
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        boolean capture = capture(params);
        int awaits = params.getInt("awaits");
        RunLoop loop = new RunLoop("context-post");
        UiContext ui = new UiContext(loop);
        return () -> loop.driveFuture(() -> CfLoop.sum(
                awaits,
                i -> capture ? loop.readFuture((long) i).thenApplyAsync(v -> v, ui) : loop.readFuture((long) i)));
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new BlockingRun(
                capture(params),
                params.getInt("awaits"),
                Executors.newSingleThreadExecutor(Threads.daemon("context-post-worker")),
                Executors.newSingleThreadExecutor(Threads.daemon("context-post-ui")),
                BlockingLoop.platform("context-post-io"));
    }

    /**
     * The blocking peers: a loop of blocking reads on a thread of {@code worker}; with capture,
     * each continuation handed to the {@code ui} thread, the worker waiting for it.
     */
    private record BlockingRun(boolean capture, int awaits, ExecutorService worker, ExecutorService ui, BlockingLoop io)
            implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return worker.submit(() -> {
                        long sum = 0;
                        for (long i = 0; i < awaits; i++) {
                            long v = io.read(i);
                            if (capture) {
                                long s = sum;
                                sum = ui.submit(() -> s + v).get();
                            } else {
                                sum += v;
                            }
                        }
                        return sum;
                    })
                    .get();
        }

        @Override
        public void close() {
            Threads.shutdown(worker);
            Threads.shutdown(ui);
            io.close();
        }
    }
}
