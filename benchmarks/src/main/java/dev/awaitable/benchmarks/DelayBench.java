package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * An awaited delay on the loom backend, two ways: the Awaitable form ({@code Async.await} of
 * {@code Awaitables.delay}: the backend's timer completes an awaitable, which unparks the body)
 * and the idiomatic virtual-thread form ({@code Thread.sleep}: the JDK's own timer unparks it).
 * {@link #BODIES} bodies each wait 1 ms at once; one operation is one body's wait, so the time
 * is dominated by the 1 ms and the differences show in the overhead on top and in bytes/op.
 * The sleep ignores cancellation tokens and emits no Awaitable JFR events; the awaited delay
 * honours both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class DelayBench {

    static final int BODIES = 1000;

    @Setup
    public void selectBackend() {
        Async.useBackend("loom");
    }

    @Benchmark
    @OperationsPerInvocation(BODIES)
    public Object awaitDelay() {
        Awaitable<?>[] bodies = new Awaitable<?>[BODIES];
        for (int i = 0; i < BODIES; i++) {
            bodies[i] = Async.run(() -> Async.await(Awaitables.delay(Duration.ofMillis(1))));
        }
        return Awaitables.whenAll(bodies).join();
    }

    @Benchmark
    @OperationsPerInvocation(BODIES)
    public Object threadSleep() {
        Awaitable<?>[] bodies = new Awaitable<?>[BODIES];
        for (int i = 0; i < BODIES; i++) {
            bodies[i] = Async.run(() -> {
                Thread.sleep(1);
                return null;
            });
        }
        return Awaitables.whenAll(bodies).join();
    }
}
