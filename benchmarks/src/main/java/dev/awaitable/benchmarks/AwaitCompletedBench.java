package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.ValueAwaitable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The await of something already complete: the fast path every async runtime lives on (the
 * seeds' "IsCompleted is true: continue synchronously").
 *
 * <p>What is measured: getAwaiter + isCompleted + getResult, as a state machine does it, and
 * {@code Async.await} as direct-style code does it, against returning the value (baseline) and
 * {@code CompletableFuture.join} on a completed future (peer). The value is an Integer outside
 * the small-int caches, read from a field, so nothing folds to a constant. Pitfall: the
 * ValueAwaitable variants allocate 32 bytes unless C2 scalar-replaces the ValueAwaitable; that
 * is exactly the claim under test (0 B/op), so the result is returned, never stored.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AwaitCompletedBench {

    Integer value = 1_000_003;
    Awaitable<Integer> completed = Awaitable.completed(value);
    CompletableFuture<Integer> future = CompletableFuture.completedFuture(value);

    @Benchmark
    public Integer baseline() {
        return value;
    }

    /** A state machine's await of a completed Awaitable. */
    @Benchmark
    public Integer machineAwaitAwaitable() {
        Awaiter<Integer> a = completed.getAwaiter();
        if (!a.isCompleted()) {
            throw new AssertionError();
        }
        return a.getResult();
    }

    /** A state machine's await of a value-backed ValueAwaitable (a cache hit). */
    @Benchmark
    public Integer machineAwaitValueAwaitable() {
        Awaiter<Integer> a = ValueAwaitable.of(value).getAwaiter();
        if (!a.isCompleted()) {
            throw new AssertionError();
        }
        return a.getResult();
    }

    /** Direct style (loom backend's await): Async.await of a completed Awaitable. */
    @Benchmark
    public Integer directAwaitAwaitable() {
        return Async.await(completed);
    }

    /** Direct style: Async.await of a value-backed ValueAwaitable. */
    @Benchmark
    public Integer directAwaitValueAwaitable() {
        return Async.await(ValueAwaitable.of(value));
    }

    /** Peer: join of a completed CompletableFuture. */
    @Benchmark
    public Integer completableFutureJoin() {
        return future.join();
    }
}
