package dev.awaitable.comparisons.bench;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
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
 * <p>Variants: statemachine (two machines bound to two event loops; each hop completes a
 * {@link Gate} whose continuation is posted to the other loop); loom (two virtual threads that
 * {@code Async.await} the gates: each hop is an unpark); and the floors: raw
 * {@code LockSupport.park/unpark} between two virtual threads, and between two platform threads.
 * The loom variant's overhead over the raw virtual-thread floor is what the backend adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class PingPongBench {

    static final int ROUNDS = 1000;
    static final int HOPS = 2 * ROUNDS;

    SingleThreadContext left;
    SingleThreadContext right;

    @Setup
    public void start() {
        Async.useBackend("loom");
        left = SingleThreadContext.start("ping");
        right = SingleThreadContext.start("pong");
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
        int i;
        int state;

        Pinger(Gate<Integer> mine, Gate<Integer> theirs, int n) {
            this.mine = mine;
            this.theirs = theirs;
            this.n = n;
        }

        @Override
        public void moveNext() {
            for (;;) {
                if (state == 1) {
                    mine.getResult();
                    i++;
                }
                if (i == n) {
                    builder.setResult(i);
                    return;
                }
                mine.arm();
                theirs.complete(i);
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
        int i;

        Ponger(Gate<Integer> mine, Gate<Integer> theirs, int n) {
            this.mine = mine;
            this.theirs = theirs;
            this.n = n;
        }

        @Override
        public void moveNext() {
            for (;;) {
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
                theirs.complete(v);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Integer statemachine() {
        Gate<Integer> ping = new Gate<>();
        Gate<Integer> pong = new Gate<Integer>().arm();
        Awaitable<Integer> ponger = right.submit(() -> {
            Ponger p = new Ponger(pong, ping, ROUNDS);
            p.builder.start(p);
            return p.builder.awaitable();
        }).join();
        Awaitable<Integer> pinger = left.submit(() -> {
            Pinger p = new Pinger(ping, pong, ROUNDS);
            p.builder.start(p);
            return p.builder.awaitable();
        }).join();
        ponger.join();
        return pinger.join();
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
