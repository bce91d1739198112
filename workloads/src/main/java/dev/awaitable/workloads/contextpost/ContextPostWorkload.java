package dev.awaitable.workloads.contextpost;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.CfLoop;
import dev.awaitable.workloads.support.Completer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * {@code context-post}: an async method started on an event loop (a {@link SingleThreadContext},
 * the shape of a UI thread) awaits {@code awaits} values that another thread provides, in
 * sequence. With {@code style=capture} every await resumes on the loop: a post to the loop and a
 * wake of its thread per await. With {@code style=no-capture} ({@code configureAwait(false)})
 * the continuation runs inline on the thread that completed the value.
 *
 * <p>Seed claims: "that post back step is real work: scheduling infrastructure, queues and
 * synchronization"; "ConfigureAwait(false) is a scheduling instruction, not a performance
 * switch: its value depends entirely on where your code runs" (here, on a loop, where it
 * matters). Statemachine: {@link ContextMachine}; loom: a body started on the loop, so it is
 * bound to it, resuming there unless the await is configured not to. Peers on the same loop
 * (it is an {@code Executor}): {@code thenApplyAsync(..., loop)} versus continuing inline;
 * blocking: a driver thread that posts each continuation to the loop and waits for it, versus
 * running it itself.
 *
 * <p>Checksum: the sum of the awaited values {@code 0..awaits-1}.
 */
public final class ContextPostWorkload extends AbstractWorkload {

    public ContextPostWorkload() {
        super(
                "context-post",
                "awaits on an event loop resuming on the loop, or with configureAwait(false)",
                "capturing the context costs a post to the loop per await; configureAwait(false) skips it "
                        + "(seeds: SynchronizationContext, ConfigureAwait)",
                Shape.THROUGHPUT,
                ParamSpec.choice(
                        "style",
                        "resume on the captured loop, or configureAwait(false)",
                        List.of("capture", "no-capture"),
                        List.of("capture", "no-capture"),
                        List.of("capture", "no-capture")),
                ParamSpec.ints("awaits", "sequential awaits per run", 1, 100_000, List.of(100L), List.of(100L, 1000L)));
    }

    /** Base: the loop the method starts on, the thread that provides values, the parameters. */
    private abstract static class Run implements WorkloadRun {
        final boolean capture;
        final int awaits;
        final SingleThreadContext loop = SingleThreadContext.start("context-post-loop");
        final Completer io = new Completer("context-post-io");

        Run(Params p) {
            this.capture = p.get("style").equals("capture");
            this.awaits = p.getInt("awaits");
        }

        @Override
        public void close() {
            io.close();
            loop.close();
        }
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                Awaitable<Awaitable<Long>> started = loop.submit(() -> Async.run(() -> {
                    long sum = 0;
                    for (long i = 0; i < awaits; i++) {
                        Awaitable<Long> value = io.awaitable(i);
                        sum += capture ? Async.await(value) : Async.await(value.configureAwait(false));
                    }
                    return sum;
                }));
                return started.join().join();
            }
        };
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return loop.submit(() -> ContextMachine.start(awaits, capture, io))
                        .join()
                        .join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return CompletableFuture.supplyAsync(
                                () -> CfLoop.sum(
                                        awaits,
                                        i -> capture
                                                ? io.future((long) i).thenApplyAsync(Function.identity(), loop)
                                                : io.future((long) i)),
                                loop)
                        .thenCompose(Function.identity())
                        .join();
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new Run(params) {
            final ExecutorService driver = Executors.newFixedThreadPool(1, Threads.daemon("context-post-driver"));

            @Override
            public long run() throws Exception {
                return driver.submit(() -> {
                            long sum = 0;
                            for (long i = 0; i < awaits; i++) {
                                long v = io.future(i).get();
                                if (capture) {
                                    long s = sum;
                                    sum = CompletableFuture.supplyAsync(() -> s + v, loop)
                                            .get();
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
                Threads.shutdown(driver);
                super.close();
            }
        };
    }
}
