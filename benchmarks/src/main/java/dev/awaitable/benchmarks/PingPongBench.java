package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.kotlinpeer.micro.KotlinLoop;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.statemachine.StatemachineBackend;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Cross-thread ping-pong: two bodies on two threads hand a value back and forth; one operation
 * is one hop (one side wakes the other). {@link #ROUNDS} round trips per invocation.
 *
 * <p>Variants, in pairs that hop the same way: through the backend's scheduler
 * ({@code statemachineScheduler}: the continuation goes to the worker pool; {@code loom}: the
 * unpark hands the virtual thread to its carriers), and between two event-loop threads
 * ({@code statemachine}: machines bound to the loops, each hop a post; {@code loomOnLoops}:
 * bodies bound to the loops). The floors: raw {@code LockSupport.park/unpark} between two
 * virtual threads and between two platform threads; loom's overhead over the raw
 * virtual-thread floor is what the backend adds to a park/unpark round trip.
 *
 * <p>Kotlin: two coroutines over rendezvous {@code Channel}s, the same two ways: each on a
 * dispatcher over one of the two loops ({@code kotlinOnLoops}, beside {@code statemachine}), and
 * both on {@code Dispatchers.Default} ({@code kotlinOnDefault}, beside the scheduler's and loom's).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class PingPongBench {

    static final int ROUNDS = 1000;
    static final Executor SCHEDULER = new StatemachineBackend().scheduler();
    static final int HOPS = 2 * ROUNDS;

    SingleThreadContext left;
    SingleThreadContext right;
    KotlinLoop kotlinLeft;
    KotlinLoop kotlinRight;

    @Setup
    public void start() {
        Async.useBackend("loom");
        left = SingleThreadContext.start("ping");
        right = SingleThreadContext.start("pong");
        kotlinLeft = new KotlinLoop(left::post);
        kotlinRight = new KotlinLoop(right::post);
    }

    @TearDown
    public void stop() {
        left.close();
        right.close();
    }

    /** Pinger: n times { arm mine; complete theirs with i; await mine }. */
    static final class Pinger implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Gate<Integer> mine;
        final Gate<Integer> theirs;
        final int n;
        final Executor hop;
        int i;
        int state;

        Pinger(Gate<Integer> mine, Gate<Integer> theirs, int n, Executor hop) {
            this.mine = mine;
            this.theirs = theirs;
            this.n = n;
            this.hop = hop;
        }

        @Override
        public void moveNext() {
            for (; ; ) {
                if (state == 1) {
                    mine.getResult();
                    i++;
                }
                if (i == n) {
                    builder.setResult(i);
                    return;
                }
                mine.arm();
                complete(theirs, i, hop);
                state = 1;
                if (!mine.isCompleted()) {
                    builder.awaitOnCompleted(mine, this);
                    return;
                }
            }
        }
    }

    /** Ponger: n times { await mine; re-arm it; complete theirs }. */
    static final class Ponger implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Gate<Integer> mine;
        final Gate<Integer> theirs;
        final int n;
        final Executor hop;
        int i;

        Ponger(Gate<Integer> mine, Gate<Integer> theirs, int n, Executor hop) {
            this.mine = mine;
            this.theirs = theirs;
            this.n = n;
            this.hop = hop;
        }

        @Override
        public void moveNext() {
            for (; ; ) {
                if (i == n) {
                    builder.setResult(i);
                    return;
                }
                if (!mine.isCompleted()) {
                    builder.awaitOnCompleted(mine, this);
                    return;
                }
                int v = mine.getResult();
                mine.arm();
                i++;
                complete(theirs, v, hop);
            }
        }
    }

    /** Completes a gate inline (hop == null) or through a scheduler. */
    static void complete(Gate<Integer> gate, int value, Executor hop) {
        if (hop == null) {
            gate.complete(value);
        } else {
            gate.complete(value, hop);
        }
    }

    /**
     * Statemachine, through its scheduler: two machines with no context; each completion hands
     * the other machine's continuation to the backend's worker pool (a hop between workers that
     * are usually still spinning, so rarely a futex wake). Compare with {@link #loom()}, whose
     * unpark hands the virtual thread to its carriers.
     */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Integer statemachineScheduler() {
        Executor workers = SCHEDULER;
        Gate<Integer> ping = new Gate<>();
        Gate<Integer> pong = new Gate<Integer>().arm();
        Ponger po = new Ponger(pong, ping, ROUNDS, workers);
        po.builder.start(po);
        Pinger pi = new Pinger(ping, pong, ROUNDS, workers);
        pi.builder.start(pi);
        po.builder.awaitable().join();
        return pi.builder.awaitable().join();
    }

    /**
     * Statemachine on two event loops: each hop posts to the other loop's thread. Compare with
     * {@link #loomOnLoops()}.
     */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Integer statemachine() {
        Gate<Integer> ping = new Gate<>();
        Gate<Integer> pong = new Gate<Integer>().arm();
        Awaitable<Integer> ponger = right.submit(() -> {
                    Ponger p = new Ponger(pong, ping, ROUNDS, null);
                    p.builder.start(p);
                    return p.builder.awaitable();
                })
                .join();
        Awaitable<Integer> pinger = left.submit(() -> {
                    Pinger p = new Pinger(ping, pong, ROUNDS, null);
                    p.builder.start(p);
                    return p.builder.awaitable();
                })
                .join();
        ponger.join();
        return pinger.join();
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Integer kotlinOnLoops() {
        return kotlinLeft.pingPong(kotlinRight, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Integer kotlinOnDefault() {
        return KotlinLoop.pingPongOnDefault(ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Integer loom() {
        Gate<Integer> ping = new Gate<>();
        Gate<Integer> pong = new Gate<Integer>().arm();
        Awaitable<Integer> ponger = Async.run(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                int v = Async.await(pong);
                pong.arm();
                ping.complete(v);
            }
            return ROUNDS;
        });
        Awaitable<Integer> pinger = Async.run(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                ping.arm();
                pong.complete(i);
                Async.await(ping);
            }
            return ROUNDS;
        });
        ponger.join();
        return pinger.join();
    }

    /** Loom with both bodies bound to the two event loops (context affinity): each hop posts to the other loop. */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Integer loomOnLoops() {
        Gate<Integer> ping = new Gate<>();
        Gate<Integer> pong = new Gate<Integer>().arm();
        Awaitable<Integer> ponger = right.submit(() -> Async.run(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        int v = Async.await(pong);
                        pong.arm();
                        ping.complete(v);
                    }
                    return ROUNDS;
                }))
                .join();
        Awaitable<Integer> pinger = left.submit(() -> Async.run(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        ping.arm();
                        pong.complete(i);
                        Async.await(ping);
                    }
                    return ROUNDS;
                }))
                .join();
        ponger.join();
        return pinger.join();
    }

    /** Floor for loom: two virtual threads and LockSupport, no Awaitable in between. */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public int rawVirtualThreads() throws InterruptedException {
        return rawPingPong(Thread.ofVirtual());
    }

    /** Floor on platform threads. */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public int rawPlatformThreads() throws InterruptedException {
        return rawPingPong(Thread.ofPlatform());
    }

    private static int rawPingPong(Thread.Builder builder) throws InterruptedException {
        RawTurn turn = new RawTurn();
        Thread[] threads = new Thread[2];
        threads[1] = builder.unstarted(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                turn.await(1);
                turn.pass(0, threads[0]);
            }
        });
        threads[0] = builder.unstarted(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                turn.pass(1, threads[1]);
                turn.await(0);
            }
        });
        threads[1].start();
        threads[0].start();
        threads[0].join();
        threads[1].join();
        return ROUNDS;
    }

    /** Whose turn it is; the other side parks until it is theirs. */
    static final class RawTurn {
        volatile int turn;

        void pass(int to, Thread thread) {
            turn = to;
            LockSupport.unpark(thread);
        }

        void await(int me) {
            while (turn != me) {
                LockSupport.park(this);
            }
        }
    }
}
