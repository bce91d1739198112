package dev.awaitable.workloads.hoistedlocals;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.workloads.support.Suspended;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A batch of {@code hoisted-locals} tasks of one implementation, all suspended at one gate: each
 * fills its buffer, awaits the gate, and returns its digest plus the gate's value. The gate is
 * opened by whoever calls {@link #openGate} (another thread in {@code run()}, the caller of
 * {@code resumeAll()} after a memory measurement).
 */
abstract class Batch {
    final int size;
    final boolean held;

    Batch(int size, boolean held) {
        this.size = size;
        this.held = held;
    }

    /**
     * Starts {@code count} tasks and returns once all hold their buffer (or digest) and wait at
     * the gate; returns one task's own state for a memory probe to size, or null.
     */
    abstract Object start(int count) throws Exception;

    /** Lets every task go on. */
    abstract void openGate();

    /** Waits for every task; the sum of their results. */
    abstract long join() throws Exception;

    /* ---------------- loom: a body per task ---------------- */

    static final class Loom extends Batch {
        private final CompletionSource<Long> gate = new CompletionSource<>();
        private Awaitable<Long>[] tasks;

        Loom(int size, boolean held) {
            super(size, held);
        }

        @Override
        @SuppressWarnings("unchecked")
        Object start(int count) {
            tasks = (Awaitable<Long>[]) new Awaitable<?>[count];
            Thread[] first = new Thread[1];
            Awaitable<Long> g = gate.awaitable();
            for (int i = 0; i < count; i++) {
                int index = i;
                Thread[] self = i == 0 ? first : null;
                tasks[i] = held
                        ? Async.run(() -> {
                            if (self != null) {
                                self[0] = Thread.currentThread();
                            }
                            byte[] buffer = Buffers.filled(size, index); // a live local of the parked frame
                            long v = Async.await(g);
                            return Buffers.digest(buffer) + v;
                        })
                        : Async.run(() -> {
                            if (self != null) {
                                self[0] = Thread.currentThread();
                            }
                            long digest = Buffers.filledDigest(size, index); // the buffer never was a local here
                            long v = Async.await(g);
                            return digest + v;
                        });
            }
            return first[0];
        }

        @Override
        void openGate() {
            gate.setResult(HoistedLocalsWorkload.GATE);
        }

        @Override
        long join() {
            return Suspended.joinAll(tasks);
        }
    }

    /* ---------------- statemachine: a BufferMachine per task ---------------- */

    static final class Statemachine extends Batch {
        private final CompletionSource<Long> gate = new CompletionSource<>();
        private Awaitable<Long>[] tasks;

        Statemachine(int size, boolean held) {
            super(size, held);
        }

        @Override
        @SuppressWarnings("unchecked")
        Object start(int count) {
            tasks = (Awaitable<Long>[]) new Awaitable<?>[count];
            BufferMachine first = null;
            for (int i = 0; i < count; i++) {
                BufferMachine m = BufferMachine.started(i, size, held, gate.awaitable());
                first = i == 0 ? m : first;
                tasks[i] = m.builder.awaitable();
            }
            return first;
        }

        @Override
        void openGate() {
            gate.setResult(HoistedLocalsWorkload.GATE);
        }

        @Override
        long join() {
            return Suspended.joinAll(tasks);
        }
    }

    /* ---------------- CompletableFuture: a dependent stage per task ---------------- */

    static final class Futures extends Batch {
        private final CompletableFuture<Long> gate = new CompletableFuture<>();
        private CompletableFuture<Long>[] tasks;

        Futures(int size, boolean held) {
            super(size, held);
        }

        /** The continuation is the task's state: with {@code held}, its closure captures the buffer. */
        @Override
        @SuppressWarnings("unchecked")
        Object start(int count) {
            tasks = (CompletableFuture<Long>[]) new CompletableFuture<?>[count];
            Object first = null;
            for (int i = 0; i < count; i++) {
                Function<Long, Long> continuation;
                if (held) {
                    byte[] buffer = Buffers.filled(size, i);
                    continuation = v -> Buffers.digest(buffer) + v;
                } else {
                    long digest = Buffers.filledDigest(size, i);
                    continuation = v -> digest + v;
                }
                first = i == 0 ? continuation : first;
                tasks[i] = gate.thenApply(continuation);
            }
            return first;
        }

        @Override
        void openGate() {
            gate.complete(HoistedLocalsWorkload.GATE);
        }

        @Override
        long join() {
            return Suspended.joinAll(tasks);
        }
    }

    /* ---------------- blocking: a platform thread per task ---------------- */

    static final class Blocking extends Batch {
        private final ExecutorService pool;
        private final CompletableFuture<Long> gate = new CompletableFuture<>();
        private Future<Long>[] tasks;

        /** @param pool at least as many threads as tasks will be started */
        Blocking(int size, boolean held, ExecutorService pool) {
            super(size, held);
            this.pool = pool;
        }

        /** The buffer lives on a platform thread's stack: nothing on the heap to size but the buffer. */
        @Override
        @SuppressWarnings("unchecked")
        Object start(int count) throws InterruptedException {
            tasks = (Future<Long>[]) new Future<?>[count];
            CountDownLatch waiting = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                tasks[i] = held
                        ? pool.submit(() -> {
                            byte[] buffer = Buffers.filled(size, index);
                            waiting.countDown();
                            long v = gate.get();
                            return Buffers.digest(buffer) + v;
                        })
                        : pool.submit(() -> {
                            long digest = Buffers.filledDigest(size, index);
                            waiting.countDown();
                            long v = gate.get();
                            return digest + v;
                        });
            }
            waiting.await();
            return null;
        }

        @Override
        void openGate() {
            gate.complete(HoistedLocalsWorkload.GATE);
        }

        @Override
        long join() throws Exception {
            return Suspended.getAll(tasks);
        }
    }
}
