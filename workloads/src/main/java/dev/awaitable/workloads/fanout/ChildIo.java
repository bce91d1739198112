package dev.awaitable.workloads.fanout;

import dev.awaitable.Awaitable;
import dev.awaitable.workloads.Delivery;
import dev.awaitable.workloads.WorkloadRun;
import dev.awaitable.workloads.support.Completer;
import dev.awaitable.workloads.support.RunLoop;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where {@code fan-out}'s children get their values, for the Awaitable and CompletableFuture
 * implementations, and where an operation runs: {@link OnLoop} for same-thread delivery,
 * {@link OnCompleter} for cross-thread.
 */
sealed interface ChildIo {

    /** Child {@code i}'s read: completes with {@link FanOutWorkload#value value(i)}, later. */
    Awaitable<Long> read(int i);

    /** {@link #read} as a future. */
    CompletableFuture<Long> readFuture(int i);

    /** A run whose every operation is {@code operation}, started and waited for here; it closes this with it. */
    WorkloadRun run(Supplier<Awaitable<Long>> operation);

    /** {@link #run} for an operation that is a future. */
    WorkloadRun runFuture(Supplier<CompletableFuture<Long>> operation);

    static ChildIo of(Delivery delivery) {
        return switch (delivery) {
            case SAME_THREAD -> new OnLoop(new RunLoop("fan-out"));
            case CROSS_THREAD -> new OnCompleter(new Completer("fan-out-io"));
        };
    }

    /** Same-thread: the run's event loop delivers the children and runs the operation. */
    record OnLoop(RunLoop loop) implements ChildIo {
        @Override
        public Awaitable<Long> read(int i) {
            return loop.read(FanOutWorkload.value(i));
        }

        @Override
        public CompletableFuture<Long> readFuture(int i) {
            return loop.readFuture(FanOutWorkload.value(i));
        }

        @Override
        public WorkloadRun run(Supplier<Awaitable<Long>> operation) {
            return () -> loop.drive(operation);
        }

        @Override
        public WorkloadRun runFuture(Supplier<CompletableFuture<Long>> operation) {
            return () -> loop.driveFuture(operation);
        }
    }

    /**
     * Cross-thread: another thread completes every child. The operation starts on the measuring
     * thread, which then waits for it; its continuations run where each model runs them when
     * another thread completes what they await. Race: the other thread may complete a child
     * before it is awaited; benign, that await then takes the fast path.
     */
    record OnCompleter(Completer completer) implements ChildIo {
        @Override
        public Awaitable<Long> read(int i) {
            return completer.awaitable(FanOutWorkload.value(i));
        }

        @Override
        public CompletableFuture<Long> readFuture(int i) {
            return completer.future(FanOutWorkload.value(i));
        }

        @Override
        public WorkloadRun run(Supplier<Awaitable<Long>> operation) {
            return closingCompleter(() -> operation.get().join());
        }

        @Override
        public WorkloadRun runFuture(Supplier<CompletableFuture<Long>> operation) {
            return closingCompleter(() -> operation.get().join());
        }

        private WorkloadRun closingCompleter(WorkloadRun run) {
            return new WorkloadRun() {
                @Override
                public long run() throws Exception {
                    return run.run();
                }

                @Override
                public void close() {
                    completer.close();
                }
            };
        }
    }
}
