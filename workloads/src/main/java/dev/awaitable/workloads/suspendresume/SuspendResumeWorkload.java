package dev.awaitable.workloads.suspendresume;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.workloads.AbstractWorkload;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Threads;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.CfLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code suspend-resume}: an async method awaits, {@code count} times in sequence, a value that
 * another thread provides later. Each await suspends, and the completing thread resumes it.
 * Checksum: the sum of the values 0..count-1.
 *
 * <p>The other thread is one platform thread per run (a single-thread executor), the same for
 * every implementation, so only the suspend/resume machinery differs.
 */
public final class SuspendResumeWorkload extends AbstractWorkload {

    public SuspendResumeWorkload() {
        super(
                "suspend-resume",
                "an await of a value another thread provides later, count times in sequence",
                "the suspend path: what an await costs when the value is not there yet (seeds: fast path vs suspend path)",
                Shape.LATENCY,
                ParamSpec.ints(
                        "count",
                        "sequential awaits per operation",
                        1,
                        100_000,
                        List.of(100L),
                        List.of(1L, 100L, 1000L)));
    }

    static long expected(int count) {
        return (long) count * (count - 1) / 2;
    }

    /** Base: owns the completer thread. */
    private abstract static class Run implements WorkloadRun {
        final int count;
        final ExecutorService completer = Threads.completer("suspend-resume-completer");

        Run(Params p) {
            this.count = p.getInt("count");
        }

        @Override
        public void close() {
            Threads.shutdown(completer);
        }
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return Async.run(() -> {
                            long sum = 0;
                            for (int i = 0; i < count; i++) {
                                CompletionSource<Integer> s = new CompletionSource<>();
                                int v = i;
                                completer.execute(() -> s.setResult(v));
                                sum += Async.await(s.awaitable());
                            }
                            return sum;
                        })
                        .join();
            }
        };
    }

    /** The state machine of the loop above: {@code i} and {@code sum} hoisted, state 1 = after the await. */
    static final class Loop implements AsyncStateMachine {
        final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
        final int count;
        final ExecutorService completer;
        int state;
        int i;
        long sum;
        Awaiter<Integer> awaiter;

        Loop(int count, ExecutorService completer) {
            this.count = count;
            this.completer = completer;
        }

        static Awaitable<Long> start(int count, ExecutorService completer) {
            Loop m = new Loop(count, completer);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                for (; ; ) {
                    if (state == 1) {
                        sum += awaiter.getResult();
                        awaiter = null;
                        i++;
                        state = 0;
                    }
                    if (i == count) {
                        state = -1;
                        builder.setResult(sum);
                        return;
                    }
                    CompletionSource<Integer> s = new CompletionSource<>();
                    int v = i;
                    completer.execute(() -> s.setResult(v));
                    Awaiter<Integer> aw = s.awaitable().getAwaiter();
                    state = 1;
                    awaiter = aw;
                    if (!aw.isCompleted()) {
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    @Override
    protected WorkloadRun openStatemachine(Params params) {
        return new Run(params) {
            @Override
            public long run() {
                return Loop.start(count, completer).join();
            }
        };
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        return new Run(params) {
            /* A stack-safe sequential loop (thenCompose recursion would nest when the completer wins). */
            @Override
            public long run() {
                return CfLoop.sum(count, i -> {
                            CompletableFuture<Integer> f = new CompletableFuture<>();
                            completer.execute(() -> f.complete(i));
                            return f;
                        })
                        .join();
            }
        };
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        return new Run(params) {
            final ExecutorService pool = Executors.newFixedThreadPool(2, Threads.daemon("suspend-resume-blocking"));

            @Override
            public long run() throws Exception {
                return pool.submit(() -> {
                            long sum = 0;
                            for (int i = 0; i < count; i++) {
                                CompletableFuture<Integer> f = new CompletableFuture<>();
                                int v = i;
                                completer.execute(() -> f.complete(v));
                                sum += f.get();
                            }
                            return sum;
                        })
                        .get();
            }

            @Override
            public void close() {
                Threads.shutdown(pool);
                super.close();
            }
        };
    }
}
