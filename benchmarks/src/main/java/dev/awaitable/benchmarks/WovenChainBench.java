package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A chain of N dependent stages on a pending root, as {@link ChainBench}: build the chain,
 * complete the root, read the last stage; each stage awaits the previous one and adds one.
 * {@code handWritten} is {@code ChainBench.statemachine} (the hand-written machine
 * {@link SyncMethodBench.AddOneTask} per stage); {@code woven} is the same method written once in
 * direct style, {@link #addOne}, woven at build time into a machine and run on the statemachine
 * backend; {@code wovenLoom} runs that source on loom (a virtual thread per stage), where the
 * woven creation site starts the original lambda: against {@code ChainBench.loom}, the same source
 * left unwoven, it shows what weaving adds on loom.
 *
 * <p>Every stage but the first suspends (the previous stage is pending when the next one starts),
 * so this measures a machine's creation, one suspension and one inline resumption per stage.
 * What the woven stage adds over the hand-written one is the creation site's backend check
 * ({@code Async.backend().supportsDirectStyle()}) and its machine's {@code awaiter} field. The
 * last stage is returned, so no stage can be scalar-replaced.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WovenChainBench {

    @Param({"1", "10", "100"})
    int stages;

    @Setup
    public void selectBackend(BenchmarkParams params) {
        WovenBackend.selectFor(params.getBenchmark());
    }

    /** {@code async Task<int> AddOne(Task<int> prev) => await prev + 1;} in direct style. */
    static Awaitable<Integer> addOne(Awaitable<Integer> previous) {
        return Async.run(() -> Async.await(previous) + 1);
    }

    @Benchmark
    public Integer handWritten() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            last = SyncMethodBench.AddOneTask.call(last);
        }
        root.setResult(0);
        return last.getResult();
    }

    @Benchmark
    public Integer woven() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            last = addOne(last);
        }
        root.setResult(0);
        return last.getResult();
    }

    @Benchmark
    public Integer wovenLoom() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            last = addOne(last);
        }
        root.setResult(0);
        return last.join();
    }
}
