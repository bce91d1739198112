package dev.awaitable.benchmarks;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.statemachine.MachinePool;
import dev.awaitable.statemachine.PooledAsyncStateMachine;
import dev.awaitable.statemachine.PoolingValueAsyncMethodBuilder;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a suspension costs in allocation and time: the seeds' trap A ("async methods that
 * suspend allocate").
 *
 * <p>The awaited thing is a reusable {@link Gate}, so nothing per operation is allocated for
 * it; what remains is the runtime's own cost. {@code firstSuspension}: a new machine with two
 * hoisted references suspends once and is resumed (inline, by completing the gate): machine +
 * builder. {@code repeatedSuspension}: one long-lived machine suspends and resumes again per
 * operation (0 B/op when the machine is its own continuation). {@code pooledCall}: a call
 * through {@link PoolingValueAsyncMethodBuilder} that suspends once, in steady state.
 * {@code completableFutureStage}: the peer, a dependent stage on a fresh future. Results go to
 * a Blackhole or are returned, so escape analysis cannot remove what the real code allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SuspensionBench {

    final Gate<Integer> gate = new Gate<>();
    final Gate<Integer> firstGate = new Gate<>();
    final Gate<Integer> pooledGate = new Gate<>();
    final Object other = new Object();
    Looping looping;

    /** A method with two hoisted references (the awaiter and another object) and one await. */
    static final class TwoRefs implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        Awaiter<Integer> awaiter; // hoisted reference 1
        Object keep; // hoisted reference 2
        int state;

        static Awaitable<Integer> call(Gate<Integer> gate, Object keep) {
            TwoRefs m = new TwoRefs();
            m.awaiter = gate;
            m.keep = keep;
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0 && !awaiter.isCompleted()) {
                    state = 1;
                    builder.awaitOnCompleted(awaiter, this);
                    return;
                }
                builder.setResult(awaiter.getResult() + (keep == null ? 0 : 1));
            } catch (Throwable t) {
                builder.setException(t);
            }
        }
    }

    /** A machine that awaits the gate forever, re-arming it after each value. */
    static final class Looping implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Gate<Integer> gate;
        long sum;

        Looping(Gate<Integer> gate) {
            this.gate = gate;
        }

        @Override
        public void moveNext() {
            for (; ; ) {
                if (!gate.isCompleted()) {
                    builder.awaitOnCompleted(gate, this);
                    return;
                }
                sum += gate.getResult();
                gate.arm();
            }
        }
    }

    /** A pooled method awaiting the gate once. */
    static final class Pooled implements PooledAsyncStateMachine {
        static final MachinePool<Pooled> POOL = MachinePool.create(Pooled::new);
        final PoolingValueAsyncMethodBuilder<Integer> builder = new PoolingValueAsyncMethodBuilder<>(this, POOL);
        Gate<Integer> gate;
        int state;

        static ValueAwaitable<Integer> call(Gate<Integer> gate) {
            Pooled m = POOL.rent();
            m.gate = gate;
            m.builder.start();
            return m.builder.valueAwaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0 && !gate.isCompleted()) {
                    state = 1;
                    builder.awaitOnCompleted(gate, this);
                    return;
                }
                builder.setResult(gate.getResult() + 1);
            } catch (Throwable t) {
                builder.setException(t);
            }
        }

        @Override
        public void reset() {
            state = 0;
            gate = null;
        }
    }

    @Setup(Level.Iteration)
    public void startLooping() {
        gate.arm();
        looping = new Looping(gate);
        looping.builder.start(looping);
    }

    @Benchmark
    public Integer firstSuspension(Blackhole bh) {
        Gate<Integer> g = firstGate.arm();
        Awaitable<Integer> r = TwoRefs.call(g, other);
        bh.consume(r);
        g.complete(1);
        return r.getResult();
    }

    @Benchmark
    public long repeatedSuspension() {
        gate.complete(1); // resumes the looping machine inline; it re-arms and suspends again
        return looping.sum;
    }

    @Benchmark
    public Integer pooledCall() {
        Gate<Integer> g = pooledGate.arm();
        ValueAwaitable<Integer> r = Pooled.call(g);
        g.complete(1);
        return r.getResult();
    }

    @Benchmark
    public Integer completableFutureStage(Blackhole bh) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        CompletableFuture<Integer> r = f.thenApply(v -> v + 1);
        bh.consume(r);
        f.complete(1);
        return r.join();
    }
}
