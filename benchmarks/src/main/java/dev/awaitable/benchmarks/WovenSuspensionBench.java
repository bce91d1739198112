package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Woven bodies against the hand-written machines of the same methods, on the statemachine
 * backend, for the three costs of {@link SyncMethodBench} and {@link SuspensionBench}: each pair
 * is {@code handWritten...} (the existing machine) and {@code woven...} (the same method in direct
 * style, woven at build time).
 *
 * <p>{@code synchronousCompletion}: await an already completed awaitable and add one
 * ({@code SyncMethodBench.statemachineTaskBuilder}); nothing suspends, so the woven machine must
 * write no spill field, and both pay machine + builder. The value stays in the Integer cache so
 * boxing allocates nothing. {@code firstSuspension}: a new method with two hoisted references
 * suspends once on a {@link Gate} and is resumed inline ({@code SuspensionBench.firstSuspension}).
 * {@code repeatedSuspension}: one long-lived body awaits the gate in an endless loop, re-arming it
 * after each value; each operation completes the gate, which resumes the body inline until it
 * suspends again ({@code SuspensionBench.repeatedSuspension}: 0 B/op for the hand-written
 * machine). Results are returned or sunk, so escape analysis cannot hide what is allocated.
 *
 * <p>{@code synchronousCompletionLoom} runs the direct-style source on loom (a virtual thread per
 * call). Repeated suspension has no loom variant: completing the gate only unparks the virtual
 * thread, so the operation would end before the body ran.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WovenSuspensionBench {

    Awaitable<Integer> input = Awaitable.completed(41);
    final Gate<Integer> firstGate = new Gate<>();
    final Object other = new Object();
    final Gate<Integer> gate = new Gate<>();
    SuspensionBench.Looping looping;
    long wovenSum;

    @Setup
    public void selectBackend(BenchmarkParams params) {
        WovenBackend.selectFor(params.getBenchmark());
    }

    /** Starts both looping bodies afresh: each awaits the gate, which only one of them completes. */
    @Setup(Level.Iteration)
    public void startLooping(BenchmarkParams params) {
        startLooping(params.getBenchmark().endsWith("handWrittenRepeatedSuspension"));
    }

    void startLooping(boolean handWritten) {
        gate.arm();
        if (handWritten) {
            looping = new SuspensionBench.Looping(gate);
            looping.builder.start(looping);
        } else {
            startWovenLooping();
        }
    }

    /** {@code async Task<int> AddOne(Task<int> x) => await x + 1;} in direct style. */
    static Awaitable<Integer> addOne(Awaitable<Integer> x) {
        return Async.run(() -> Async.await(x) + 1);
    }

    /** {@code SuspensionBench.TwoRefs} in direct style: the gate and another object live across the await. */
    static Awaitable<Integer> twoRefs(Gate<Integer> gate, Object keep) {
        return Async.run(() -> Async.await(gate) + (keep == null ? 0 : 1));
    }

    /** {@code SuspensionBench.Looping} in direct style; the sum is this state's, as the machine's is its own. */
    void startWovenLooping() {
        Async.run(() -> {
            for (; ; ) {
                int value = Async.await(gate);
                wovenSum += value;
                gate.arm();
            }
        });
    }

    @Benchmark
    public int handWrittenSynchronousCompletion() {
        Awaitable<Integer> r = SyncMethodBench.AddOneTask.call(input);
        if (!r.isCompleted()) {
            throw new AssertionError();
        }
        return r.getResult();
    }

    @Benchmark
    public int wovenSynchronousCompletion() {
        Awaitable<Integer> r = addOne(input);
        if (!r.isCompleted()) {
            throw new AssertionError();
        }
        return r.getResult();
    }

    @Benchmark
    public int wovenSynchronousCompletionLoom() {
        return addOne(input).join();
    }

    @Benchmark
    public Integer handWrittenFirstSuspension(Blackhole bh) {
        Gate<Integer> g = firstGate.arm();
        Awaitable<Integer> r = SuspensionBench.TwoRefs.call(g, other);
        bh.consume(r);
        g.complete(1);
        return r.getResult();
    }

    @Benchmark
    public Integer wovenFirstSuspension(Blackhole bh) {
        Gate<Integer> g = firstGate.arm();
        Awaitable<Integer> r = twoRefs(g, other);
        bh.consume(r);
        g.complete(1);
        return r.getResult();
    }

    @Benchmark
    public long handWrittenRepeatedSuspension() {
        gate.complete(1);
        return looping.sum;
    }

    @Benchmark
    public long wovenRepeatedSuspension() {
        gate.complete(1);
        return wovenSum;
    }
}
