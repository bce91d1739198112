package dev.awaitable.workloads.suspendresume;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
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
 * {@code suspend-resume}: one async method awaits {@code count} reads in sequence, each a value
 * the run's event loop delivers later, so each await suspends and resumes once. One operation is
 * the whole method: {@code count} suspensions and resumptions, on one thread
 * ({@link dev.awaitable.workloads.Delivery#SAME_THREAD}).
 *
 * <p>Seed claim: the suspend path, what an await costs when the value is not there yet ("most
 * async cost isn't threading, it's continuation management"). Statemachine: one machine, its
 * loop counter and sum hoisted ({@link Loop}); loom: an {@code Async.run} body on the loop,
 * parking its virtual thread at each await; virtual threads: a plain loop of blocking reads on one
 * virtual thread; CompletableFuture: a {@link CfLoop} of reads; blocking: the same loop as the
 * virtual thread's, on a platform thread, each read woken by the I/O thread.
 *
 * <p>Checksum: the sum of the values read, {@code count * (count - 1) / 2}.
 */
public final class SuspendResumeWorkload extends AbstractWorkload {

    public SuspendResumeWorkload() {
        super(
                "suspend-resume",
                "one async method awaits count values in sequence, each delivered later by the run's event loop",
                "the suspend path: what an await costs when the value is not there yet (seeds: fast path vs suspend path)",
                Shape.THROUGHPUT,
                ParamSpec.ints(
                        "count",
                        "sequential awaits per operation",
                        1,
                        100_000,
                        List.of(1000L),
                        List.of(1000L, 10_000L)));
    }

    static long expected(int count) {
        return (long) count * (count - 1) / 2;
    }

    @Override
    protected WorkloadRun openLoom(Params params) {
        int count = params.getInt("count");
        RunLoop loop = new RunLoop("suspend-resume");
        return () -> loop.drive(() -> Async.run(() -> {
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += Async.await(loop.read(i));
            }
            return sum;
        }));
    }

    /** The state machine of the loop above: {@code i} and {@code sum} hoisted, state 1 = after the await. */
    static final class Loop implements AsyncStateMachine {
        final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
        final int count;
        final RunLoop io;
        int state;
        int i;
        long sum;
        Awaitable<Integer> awaiter;

        Loop(int count, RunLoop io) {
            this.count = count;
            this.io = io;
        }

        static Awaitable<Long> start(int count, RunLoop io) {
            Loop m = new Loop(count, io);
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
                    Awaitable<Integer> aw = io.read(i).getAwaiter();
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
        int count = params.getInt("count");
        RunLoop loop = new RunLoop("suspend-resume");
        return () -> loop.drive(() -> Loop.start(count, loop));
    }

    @Override
    protected WorkloadRun openVirtualThreads(Params params) {
        int count = params.getInt("count");
        return new BlockingRun(
                count, Executors.newVirtualThreadPerTaskExecutor(), BlockingLoop.virtual("suspend-resume-io"));
    }

    @Override
    protected WorkloadRun openCompletableFuture(Params params) {
        int count = params.getInt("count");
        RunLoop loop = new RunLoop("suspend-resume");
        return () -> loop.driveFuture(() -> CfLoop.sum(count, loop::readFuture));
    }

    @Override
    protected WorkloadRun openBlocking(Params params) {
        int count = params.getInt("count");
        return new BlockingRun(
                count,
                Executors.newSingleThreadExecutor(Threads.daemon("suspend-resume-blocking")),
                BlockingLoop.platform("suspend-resume-io"));
    }

    /** The blocking peers: a loop of blocking reads on one thread of {@code threads}. */
    private record BlockingRun(int count, ExecutorService threads, BlockingLoop io) implements WorkloadRun {
        @Override
        public long run() throws Exception {
            return threads.submit(() -> {
                        long sum = 0;
                        for (int i = 0; i < count; i++) {
                            sum += io.read(i);
                        }
                        return sum;
                    })
                    .get();
        }

        @Override
        public void close() {
            Threads.shutdown(threads);
            io.close();
        }
    }
}
