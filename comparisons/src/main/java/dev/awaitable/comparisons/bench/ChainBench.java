package dev.awaitable.comparisons.bench;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.statemachine.AsyncMethod;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * (a virtual thread per stage, parked on the previous one). The floor: {@link FloorStage}, the
 * least a thread-safe dependent stage can do (one object, a CAS to register, a swap to complete,
 * completion unwound in a loop), with none of an async method's machinery.
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

    /**
     * The floor: a stage reduced to what thread safety requires. Registration CASes this stage
     * into the previous one's continuation slot (or, if the previous one already completed,
     * completes now); completion publishes the result, swaps the slot to DONE and goes on with
     * the stage it found, in a loop. No context capture, statistics, tracing, deadlock hooks,
     * fault handling or resume-loop hand-over: what an {@code AsyncMethod} adds is the difference.
     */
    static final class FloorStage {
        static final Object DONE = new Object();
        final FloorStage previous;
        volatile Object result;
        volatile Object next;

        FloorStage(FloorStage previous) {
            this.previous = previous;
        }

        FloorStage start() {
            FloorStage p = previous;
            if (p.result == null && NEXT.compareAndSet(p, null, this)) {
                return this;
            }
            complete(this, (Integer) p.result + 1); // the previous stage completed first
            return this;
        }

        /** Completes {@code s} with {@code value}, then each stage waiting on it, in turn. */
        static void complete(FloorStage s, Integer value) {
            for (;;) {
                RESULT.setRelease(s, value);
                Object k = NEXT.getAndSet(s, DONE);
                if (!(k instanceof FloorStage waiting)) {
                    return;
                }
                s = waiting;
                value = value + 1;
            }
        }

        static final VarHandle RESULT;
        static final VarHandle NEXT;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                RESULT = l.findVarHandle(FloorStage.class, "result", Object.class);
                NEXT = l.findVarHandle(FloorStage.class, "next", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    @Benchmark
    public Object floor() {
        FloorStage root = new FloorStage(null);
        FloorStage last = root;
        for (int i = 0; i < stages; i++) {
            last = new FloorStage(last).start();
        }
        FloorStage.complete(root, 0);
        return last.result;
    }
}
