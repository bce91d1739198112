package dev.awaitable.benchmarks;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The shapes of the statemachine backend's examples, each as its hand-written machine
 * ({@link HandWrittenExamples}) and as the same method in direct style
 * ({@link DirectStyleExamples}) woven on statemachine, and (the {@code ...Loom} methods) that
 * source unwoven on loom.
 *
 * <p>Each operation makes its pending inputs ({@link CompletionSource}s, the same on both sides),
 * calls the method, completes the inputs (the machine resumes inline on this thread) and returns
 * the result. {@code twoAwaits}: both awaits suspend. {@code loopWithAwait}: ten iterations, nine
 * on completed values (cached, so no allocation) and the last one suspending. {@code
 * tryCatchFinally}: one suspension inside the try, the finally run on resumption. {@code fanOut}:
 * four children, one pending, one {@code whenAll} awaited. The difference between a pair is the
 * woven machine's own cost: creation-site backend check, spill fields, {@code awaiter} field.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WovenExamplesBench {

    static final int LOOP = 10;
    static final int CHILDREN = 4;

    final List<String> log = new ArrayList<>();

    @Setup
    public void selectBackend(BenchmarkParams params) {
        WovenBackend.selectFor(params.getBenchmark());
    }

    /** The method under test, hand-written or direct style. */
    interface Greet {
        Awaitable<String> greet(Awaitable<String> name, Awaitable<Integer> age);
    }

    interface Sum {
        Awaitable<Long> sum(int count, java.util.function.IntFunction<Awaitable<Integer>> fetch);
    }

    interface Read {
        Awaitable<String> read(Awaitable<String> source, List<String> log);
    }

    interface Total {
        Awaitable<Integer> total(int n, java.util.function.IntFunction<Awaitable<Integer>> child);
    }

    static String twoAwaits(Greet method) {
        CompletionSource<String> name = new CompletionSource<>();
        CompletionSource<Integer> age = new CompletionSource<>();
        Awaitable<String> r = method.greet(name.awaitable(), age.awaitable());
        name.setResult("Ada");
        age.setResult(36);
        return r.join();
    }

    static Long loopWithAwait(Sum method) {
        CompletionSource<Integer> last = new CompletionSource<>();
        Awaitable<Long> r = method.sum(LOOP, i -> i == LOOP - 1 ? last.awaitable() : Awaitable.completed(i));
        last.setResult(LOOP - 1);
        return r.join();
    }

    String tryCatchFinally(Read method) {
        log.clear();
        CompletionSource<String> source = new CompletionSource<>();
        Awaitable<String> r = method.read(source.awaitable(), log);
        source.setResult("data");
        return r.join();
    }

    static Integer fanOut(Total method) {
        CompletionSource<Integer> pending = new CompletionSource<>();
        Awaitable<Integer> r = method.total(CHILDREN, i -> i == 0 ? pending.awaitable() : Awaitable.completed(i));
        pending.setResult(0);
        return r.join();
    }

    @Benchmark
    public String handWrittenTwoAwaits() {
        return twoAwaits(HandWrittenExamples::greet);
    }

    @Benchmark
    public String wovenTwoAwaits() {
        return twoAwaits(DirectStyleExamples::greet);
    }

    @Benchmark
    public String wovenTwoAwaitsLoom() {
        return twoAwaits(DirectStyleExamples::greet);
    }

    @Benchmark
    public Long handWrittenLoopWithAwait() {
        return loopWithAwait(HandWrittenExamples::sum);
    }

    @Benchmark
    public Long wovenLoopWithAwait() {
        return loopWithAwait(DirectStyleExamples::sum);
    }

    @Benchmark
    public Long wovenLoopWithAwaitLoom() {
        return loopWithAwait(DirectStyleExamples::sum);
    }

    @Benchmark
    public String handWrittenTryCatchFinally() {
        return tryCatchFinally(HandWrittenExamples::read);
    }

    @Benchmark
    public String wovenTryCatchFinally() {
        return tryCatchFinally(DirectStyleExamples::read);
    }

    @Benchmark
    public String wovenTryCatchFinallyLoom() {
        return tryCatchFinally(DirectStyleExamples::read);
    }

    @Benchmark
    public Integer handWrittenFanOut() {
        return fanOut(HandWrittenExamples::total);
    }

    @Benchmark
    public Integer wovenFanOut() {
        return fanOut(DirectStyleExamples::total);
    }

    @Benchmark
    public Integer wovenFanOutLoom() {
        return fanOut(DirectStyleExamples::total);
    }
}
