package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.kotlinpeer.micro.KotlinMicro;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.statemachine.ValueAsyncMethodBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An async method that completes synchronously: it awaits something already complete and
 * returns. The seeds' trap A and optimization 1: does a call that never suspends cost a heap
 * allocation?
 *
 * <p>Variants: the hand-written machine with {@link ValueAsyncMethodBuilder} (returns a
 * ValueAwaitable; machine and builder are scalar-replaced when the suspend path is never
 * taken) and with {@link AsyncMethodBuilder} (returns the builder itself: one awaitable per
 * call, as a Task-returning method pays); the loom backend's {@code Async.run} (a virtual
 * thread per call, the direct-style method call); and a CompletableFuture chain (peer). The
 * result is consumed in the benchmark method, as an await in the caller would, and returned
 * as an {@code int}. The value stays inside the Integer cache: outside it, boxing the result
 * costs 16 bytes (Java generics, where .NET's {@code ValueTask<int>} boxes nothing), which is not
 * the runtime's allocation and would hide it.
 *
 * <p>Kotlin: {@code kotlinSuspend} calls {@code suspend fun addOne(x: Deferred<Int>) = x.await() + 1}
 * on a completed Deferred as a suspend caller does, with its continuation, and takes the value the
 * call returns directly ({@link KotlinMicro#syncCall}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SyncMethodBench {

    /** 41 + 1: inside the Integer cache, so boxing the result costs nothing and only the runtime's own allocation shows. */
    Awaitable<Integer> input = Awaitable.completed(41);

    CompletableFuture<Integer> inputFuture = CompletableFuture.completedFuture(41);

    @Setup
    public void selectBackend() {
        Async.useBackend("loom");
    }

    /** {@code async ValueTask<int> AddOne(Task<int> x) => await x + 1;} with a value builder. */
    static final class AddOneValue implements AsyncStateMachine {
        final ValueAsyncMethodBuilder<Integer> builder = ValueAsyncMethodBuilder.create();
        final Awaitable<Integer> x;
        int state;

        AddOneValue(Awaitable<Integer> x) {
            this.x = x;
        }

        static ValueAwaitable<Integer> call(Awaitable<Integer> x) {
            AddOneValue m = new AddOneValue(x);
            m.builder.start(m);
            return m.builder.valueAwaitable();
        }

        @Override
        public void moveNext() {
            try {
                Awaitable<Integer> aw =
                        x.getAwaiter(); // the class, not the interface: direct calls (C#: TaskAwaiter<int>)
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
                builder.setResult(aw.getResult() + 1);
            } catch (Throwable t) {
                builder.setException(t);
            }
        }
    }

    /** The same method returning an Awaitable (Task-like builder). */
    static final class AddOneTask implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> x;
        int state;

        AddOneTask(Awaitable<Integer> x) {
            this.x = x;
        }

        static Awaitable<Integer> call(Awaitable<Integer> x) {
            AddOneTask m = new AddOneTask(x);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                Awaitable<Integer> aw =
                        x.getAwaiter(); // the class, not the interface: direct calls (C#: TaskAwaiter<int>)
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
                builder.setResult(aw.getResult() + 1);
            } catch (Throwable t) {
                builder.setException(t);
            }
        }
    }

    @Benchmark
    public int statemachineValueBuilder() {
        ValueAwaitable<Integer> r = AddOneValue.call(input);
        Awaiter<Integer> a = r.getAwaiter();
        if (!a.isCompleted()) {
            throw new AssertionError();
        }
        return a.getResult();
    }

    @Benchmark
    public int statemachineTaskBuilder() {
        Awaitable<Integer> r = AddOneTask.call(input);
        if (!r.isCompleted()) {
            throw new AssertionError();
        }
        return r.getResult();
    }

    /** Kotlin: a suspend function that completes without suspending, its value returned directly. */
    @Benchmark
    public int kotlinSuspend() {
        return KotlinMicro.syncCall();
    }

    /** Direct style on the loom backend: a virtual thread per call. */
    @Benchmark
    public int loomRun() {
        return Async.run(() -> Async.await(input) + 1).join();
    }

    /** Peer: CompletableFuture composition of a completed future. */
    @Benchmark
    public int completableFuture() {
        return inputFuture.thenApply(v -> v + 1).join();
    }
}
