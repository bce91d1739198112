package dev.awaitable.comparisons.bench;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.statemachine.AsyncMethod;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A chain of N dependent stages on a pending root: build the chain, complete the root, read the
 * last stage. Each stage adds one to its input. Compares hand-written machines (one machine +
 * builder per stage, resumed inline; and a machine that is its own builder, one object per
 * stage), CompletableFuture's {@code thenApply} (the peer a Java user would reach for), and loom
 * (a virtual thread per stage, parked on the previous one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChainBench {

    @Param({"1", "10", "100"})
    int stages;

    @Setup
    public void selectBackend() {
        Async.useBackend("loom");
    }

    /** The same stage as one object: a machine that is its own builder. */
    static final class SelfStage extends AsyncMethod<Integer> {
        final Awaitable<Integer> previous;
        int state;

        SelfStage(Awaitable<Integer> previous) {
            this.previous = previous;
        }

        @Override
        public void moveNext() {
            try {
                Awaiter<Integer> aw = previous.getAwaiter();
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    awaitOnCompleted(aw, this);
                    return;
                }
                setResult(aw.getResult() + 1);
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    @Benchmark
    public Integer statemachineSelfBuilder() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            last = new SelfStage(last).start();
        }
        root.setResult(0);
        return last.getResult();
    }

    @Benchmark
    public Integer statemachine() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            last = SyncMethodBench.AddOneTask.call(last); // async Task<int> Next(Task<int> prev) => await prev + 1;
        }
        root.setResult(0);
        return last.getResult();
    }

    @Benchmark
    public Integer completableFuture() {
        CompletableFuture<Integer> root = new CompletableFuture<>();
        CompletableFuture<Integer> last = root;
        for (int i = 0; i < stages; i++) {
            last = last.thenApply(v -> v + 1);
        }
        root.complete(0);
        return last.join();
    }

    @Benchmark
    public Integer loom() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            Awaitable<Integer> prev = last;
            last = Async.run(() -> Async.await(prev) + 1);
        }
        root.setResult(0);
        return last.join();
    }
}
