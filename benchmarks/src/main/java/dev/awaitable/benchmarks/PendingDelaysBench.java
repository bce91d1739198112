package dev.awaitable.benchmarks;

import dev.awaitable.kotlinpeer.micro.KotlinMicro;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One million pending delays: {@link #PENDING} Kotlin coroutines each {@code delay(1)}, all
 * pending at once; one operation is one coroutine's launch, timer, wake-up and completion, so the
 * 1 ms the last one waits is spread over a million. Two homes for the timers: the event loop of
 * {@code runBlocking} ({@code kotlinOnLoop}: one thread keeps every timer and runs every
 * coroutine, after the last is launched) and {@code Dispatchers.Default} ({@code kotlinOnDefault}:
 * kotlinx's timer thread keeps them, the Default pool resumes them). {@link DelayBench} has the
 * loom backend's delays, 1,000 at a time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PendingDelaysBench {

    static final int PENDING = 1_000_000;

    @Benchmark
    @OperationsPerInvocation(PENDING)
    public int kotlinOnLoop() {
        return KotlinMicro.pendingDelaysOnLoop(PENDING);
    }

    @Benchmark
    @OperationsPerInvocation(PENDING)
    public int kotlinOnDefault() {
        return KotlinMicro.pendingDelaysOnDefault(PENDING);
    }
}
