package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.kotlinpeer.micro.KotlinMicro;
import dev.awaitable.statemachine.AsyncMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
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
 * kotlinx's timer thread keeps them, the Default pool resumes them). Beside them, the same million
 * on this project's backends: a hand-written machine per delay awaiting {@code Awaitables.delay}
 * on the statemachine backend (its timer wheel keeps the timers, its scheduler resumes the
 * machines), an {@code Async.run} body per delay on the loom backend (a virtual thread each), and
 * plain virtual threads in {@code Thread.sleep(1)} (the JDK's timer). Each waits for all with
 * one join at the end, as {@code runBlocking} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
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

    /** One delay of a million: a machine awaiting its timer, then completing with 1. */
    static final class DelayMachine extends AsyncMethod<Integer> {
        private Awaitable<Void> delay;
        private int state;

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    delay = Awaitables.delay(ONE_MS);
                    if (!delay.isCompleted()) {
                        state = 1;
                        awaitOnCompleted(delay, this);
                        return;
                    }
                }
                delay.getAwaiter().getResult();
                setResult(1);
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    private static final Duration ONE_MS = Duration.ofMillis(1);

    @Benchmark
    @OperationsPerInvocation(PENDING)
    public int statemachine() {
        Async.useBackend("statemachine");
        return sum(i -> new DelayMachine().start());
    }

    @Benchmark
    @OperationsPerInvocation(PENDING)
    public int loom() {
        Async.useBackend("loom");
        return sum(i -> Async.run(() -> {
            Async.await(Awaitables.delay(ONE_MS));
            return 1;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(PENDING)
    public int virtualThreads() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> all = new ArrayList<>(PENDING);
            for (int i = 0; i < PENDING; i++) {
                all.add(threads.submit(() -> {
                    Thread.sleep(1);
                    return 1;
                }));
            }
            int sum = 0;
            for (Future<Integer> f : all) {
                sum += f.get();
            }
            return sum;
        }
    }

    private static int sum(IntFunction<Awaitable<Integer>> start) {
        @SuppressWarnings("unchecked")
        Awaitable<Integer>[] all = (Awaitable<Integer>[]) new Awaitable<?>[PENDING];
        for (int i = 0; i < PENDING; i++) {
            all[i] = start.apply(i);
        }
        int sum = 0;
        for (Awaitable<Integer> a : all) {
            sum += a.join();
        }
        return sum;
    }
}
