package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.YieldAwaitable;
import dev.awaitable.kotlinpeer.micro.KotlinLoop;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suspend and resume on the same thread: {@code await Task.Yield()} on a UI-like event loop.
 * Each operation is one yield: the body posts its continuation to the loop and the loop runs
 * it. A batch of {@link #YIELDS} yields runs per invocation, so the cross-thread submit and
 * join to the loop (a futex wake of the loop and of the benchmark thread, several microseconds
 * on a shared VM: about a quarter of the loop's samples at 1,000 yields per batch) are
 * amortized over it and the result is the cost of the yield itself.
 *
 * <p>Variants: a hand-written machine (statemachine: the builder is posted, nothing allocated
 * per yield), a virtual thread bound to the loop (loom: {@code Thread.yield} re-submits the
 * virtual thread to the loop as its scheduler), and the loop alone re-posting a Runnable
 * (the floor: what a post costs), and Kotlin's {@code yield()} in a coroutine on a dispatcher
 * over the same loop ({@code kotlinCoroutines}: each yield dispatches the continuation, a post).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class YieldBench {

    static final int YIELDS = 10_000;

    SingleThreadContext loop;
    KotlinLoop kotlin;

    @Setup
    public void start() {
        Async.useBackend("loom");
        loop = SingleThreadContext.start("yield-loop");
        kotlin = new KotlinLoop(loop::post);
    }

    @TearDown
    public void stop() {
        loop.close();
    }

    /** {@code for (i = 0; i < n; i++) await Task.Yield(); return i;}. */
    static final class Yielder implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final int n;
        int i;

        Yielder(int n) {
            this.n = n;
        }

        static Awaitable<Integer> call(int n) {
            Yielder y = new Yielder(n);
            y.builder.start(y);
            return y.builder.awaitable();
        }

        @Override
        public void moveNext() {
            YieldAwaitable yield = Awaitables.yieldNow();
            if (i < n) {
                i++;
                builder.awaitOnCompleted(yield, this); // never complete: always suspends
                return;
            }
            builder.setResult(i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public Integer statemachine() {
        return loop.submit(() -> Yielder.call(YIELDS)).join().join();
    }

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public Integer loom() {
        return loop.submit(() -> Async.run(() -> {
                    int i = 0;
                    for (; i < YIELDS; i++) {
                        Async.await(Awaitables.yieldNow());
                    }
                    return i;
                }))
                .join()
                .join();
    }

    /** {@code repeat(n) { yield() }} in a coroutine on a dispatcher over the loop. */
    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public Integer kotlinCoroutines() {
        return kotlin.yields(YIELDS);
    }

    /** The floor: a Runnable re-posting itself to the loop. */
    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public Integer loopPostOnly() {
        CompletionSource<Integer> done = new CompletionSource<>();
        loop.post(new Runnable() {
            int i;

            @Override
            public void run() {
                if (++i < YIELDS) {
                    loop.post(this);
                } else {
                    done.setResult(i);
                }
            }
        });
        return done.awaitable().join();
    }
}
