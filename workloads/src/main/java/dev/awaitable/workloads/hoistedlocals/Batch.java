package dev.awaitable.workloads.hoistedlocals;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
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
 * opened by whoever calls {@link #openGate}: the run's event loop, or the batch's own thread, in
 * {@code run()}; the caller of {@code resumeAll()} after a memory measurement.
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

    /* ---------------- loom and statemachine: tasks awaiting a CompletionSource ---------------- */

    abstract static class OfAwaitables extends Batch {
        final CompletionSource<Long> gate = new CompletionSource<>();
        Awaitable<Long>[] tasks;

        OfAwaitables(int size, boolean held) {
            super(size, held);
        }

        @Override
        abstract Object start(int count);

        @Override
        void openGate() {
            gate.setResult(HoistedLocalsWorkload.GATE);
        }

        /** Completes with the sum of the tasks' results once all have. */
        Awaitable<Long> all() {
            return Awaitables.whenAll(tasks)
                    .map(results -> results.stream().mapToLong(Long::longValue).sum());
        }

        @Override
        long join() {
            return Suspended.joinAll(tasks);
        }
    }

    /** loom: a body per task. */
    static final class Loom extends OfAwaitables {

        Loom(int size, boolean held) {
            super(size, held);
        }

        /** Bodies start on the caller's thread and park at the gate before {@code Async.run} returns. */
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
    }

    /** statemachine: a {@link BufferMachine} per task. */
    static final class Statemachine extends OfAwaitables {

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

        /** Completes with the sum of the tasks' results once all have. */
        CompletableFuture<Long> all() {
            return CompletableFuture.allOf(tasks).thenApply(done -> Suspended.joinAll(tasks));
        }

        @Override
        long join() {
            return Suspended.joinAll(tasks);
        }
    }

    /* ---------------- the blocking peers: a thread per task (virtual or platform) ---------------- */

    static final class Blocking extends Batch {
        private final ExecutorService threads;
        private final CompletableFuture<Long> gate = new CompletableFuture<>();
        private Future<Long>[] tasks;

        /** @param threads a virtual thread per task, or a pool of at least as many platform threads as tasks */
        Blocking(int size, boolean held, ExecutorService threads) {
            super(size, held);
            this.threads = threads;
        }

        /**
         * The buffer is a local of a blocked thread's frame. The representative is the first
         * task's thread if it is virtual (its parked stack is heap); none for a platform thread
         * (its stack is native memory: only the buffer is on the heap).
         */
        @Override
        @SuppressWarnings("unchecked")
        Object start(int count) throws InterruptedException {
            tasks = (Future<Long>[]) new Future<?>[count];
            CountDownLatch waiting = new CountDownLatch(count);
            Thread[] first = new Thread[1];
            for (int i = 0; i < count; i++) {
                int index = i;
                Thread[] self = i == 0 ? first : null;
                tasks[i] = held
                        ? threads.submit(() -> {
                            if (self != null) {
                                self[0] = Thread.currentThread();
                            }
                            byte[] buffer = Buffers.filled(size, index);
                            waiting.countDown();
                            long v = gate.get();
                            return Buffers.digest(buffer) + v;
                        })
                        : threads.submit(() -> {
                            if (self != null) {
                                self[0] = Thread.currentThread();
                            }
                            long digest = Buffers.filledDigest(size, index);
                            waiting.countDown();
                            long v = gate.get();
                            return digest + v;
                        });
            }
            waiting.await(); // first[0] was written before its countDown
            return first[0] != null && first[0].isVirtual() ? first[0] : null;
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
