package dev.awaitable.statemachine;

import dev.awaitable.AsyncContext;
import dev.awaitable.internal.AsyncThread;
import dev.awaitable.internal.Diagnostics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The statemachine backend's scheduler: where continuations without a captured context, forced
 * yields, timer expirations and {@code Awaitables.run} work run.
 *
 * <p>Overview. A fixed set of worker threads (one per core). Work submitted by a worker goes to
 * its own FIFO ring ({@link SpmcRing}: no atomics to add); work from any other thread goes to a
 * shared bounded MPMC array ({@link MpmcArrayQueue}), spilling to an unbounded linked queue
 * when full. Neither path allocates per task until the spill. A worker takes from its ring,
 * then the shared queue, then the spill, then steals from the other rings.
 *
 * <p>Idle protocol. A worker that finds nothing first <em>searches</em>: it spins, re-checking
 * the queues, for {@link #SPINS} rounds, counted in {@code searching}. Only then does it set its
 * {@code parked} flag, re-check once more, and park. A submitter wakes a parked worker only if
 * nobody is searching, since a searching worker will find the task. So a hand-off shortly after
 * a worker went idle costs no futex wake, which is most of the cost of a cross-thread hop.
 *
 * <p>Race (submit vs park), a Dekker pattern: the worker does {@code searching--},
 * {@code parked = true} (a volatile store), re-check the queues, park; the submitter does
 * enqueue, {@code signal()}: read {@code searching}, read {@code parked}. Each side stores, then
 * loads what the other stored, and at least one must see the other's store. The worker's side
 * is ordered: a volatile store is followed by a store-load barrier. The submitter's is not by
 * itself: the queues publish an element with a release store ({@link MpmcArrayQueue},
 * {@link SpmcRing}), and a release store followed by a load may be reordered (store-load, even
 * on x86, through the store buffer), so the submitter could read "nobody parked" while the
 * worker's re-check still missed the element, and the task would sit in the queue with every
 * worker asleep. Hence the full fence at the top of {@code signal()}: with it, either the
 * worker's re-check sees the element, or the submitter sees the worker parked (or searching)
 * and wakes it (or relies on it). A submitter that saw a worker still searching relies on that
 * worker: its re-check after {@code searching--} is ordered after the submitter's fenced read,
 * hence after the enqueue. The fence costs one barrier per submission; making the queues'
 * publishing store volatile instead would cost the same and spread the argument over three
 * classes. Spurious unparks are harmless: a woken worker with nothing to do searches again.
 *
 * <p>Invariant: a task is run exactly once (each queue hands an element to one taker).
 */
final class WorkerPool implements Executor {

    /** Re-checks of the queues before a worker parks. */
    static final int SPINS = Integer.getInteger("awaitable.statemachine.spins", 200);

    private static final int RING = 256;
    private static final int SHARED = 8192;

    private final String name;
    private final int spins;
    private final Worker[] workers;
    private final MpmcArrayQueue shared = new MpmcArrayQueue(SHARED);
    private final ConcurrentLinkedQueue<Runnable> spill = new ConcurrentLinkedQueue<>();
    private final AtomicInteger searching = new AtomicInteger();
    private volatile boolean started;

    WorkerPool(String name, int threads) {
        this(name, threads, SPINS);
    }

    /** A pool whose idle workers re-check the queues {@code spins} times before parking. */
    WorkerPool(String name, int threads, int spins) {
        this.name = name;
        this.spins = spins;
        this.workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(this, name + "-" + (i + 1), i);
        }
    }

    int size() {
        return workers.length;
    }

    /* ---------------- Submission ---------------- */

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (!started) {
            start();
        }
        if (!(Thread.currentThread() instanceof Worker w && w.pool == this && w.ring.offer(task))) {
            if (!shared.offer(task)) {
                spill.offer(task);
            }
        }
        signal();
    }

    /** Wakes a parked worker unless one is already searching. */
    private void signal() {
        VarHandle.fullFence(); // the enqueue's release store before the loads below: see "Race (submit vs park)"
        if (searching.get() > 0) {
            return;
        }
        for (Worker w : workers) {
            if (w.parked && PARKED.compareAndSet(w, true, false)) {
                LockSupport.unpark(w);
                return;
            }
        }
    }

    private synchronized void start() {
        if (!started) {
            for (Worker w : workers) {
                w.start();
            }
            started = true;
        }
    }

    /* ---------------- Taking work ---------------- */

    private Runnable find(Worker self) {
        Object t = self.ring.poll();
        if (t == null) {
            t = shared.poll();
            if (t == null) {
                t = spill.poll();
                if (t == null) {
                    t = steal(self);
                }
            }
        }
        return (Runnable) t;
    }

    private Object steal(Worker self) {
        int n = workers.length;
        for (int k = 1; k < n; k++) {
            Object t = workers[(self.index + k) % n].ring.poll();
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private boolean hasVisibleWork() {
        if (!shared.isEmpty() || !spill.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (!w.ring.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void runWorker(Worker self) {
        for (; ; ) {
            Runnable task = find(self);
            if (task == null) {
                task = search(self);
                if (task == null) {
                    continue;
                }
                if (hasVisibleWork()) {
                    signal(); // we were the searcher; hand the rest to a sleeper
                }
            }
            runTask(self, task);
        }
    }

    /** Spins, then parks; returns a task found meanwhile, or null after a wake-up. */
    private Runnable search(Worker self) {
        searching.incrementAndGet();
        Runnable task = null;
        for (int i = 0; i < spins && task == null; i++) {
            Thread.onSpinWait();
            task = find(self);
        }
        searching.decrementAndGet();
        if (task != null) {
            return task;
        }
        self.parked = true;
        task = find(self);
        if (task != null) {
            if (!PARKED.compareAndSet(self, true, false)) {
                signal(); // someone unparked us for work we took anyway: pass the wake-up on
            }
            return task;
        }
        LockSupport.park(this);
        self.parked = false;
        Thread.interrupted(); // a stray interrupt must not turn the park above into a busy loop
        return null;
    }

    private void runTask(Worker self, Runnable task) {
        try {
            self.trampoline().execute(task);
        } catch (Throwable t) {
            Diagnostics.postedWorkFailed(name, t);
        }
    }

    /** A worker thread: its ring, its trampoline, its parked flag. */
    static final class Worker extends AsyncThread {
        final WorkerPool pool;
        final int index;
        final SpmcRing ring = new SpmcRing(RING);
        volatile boolean parked;

        Worker(WorkerPool pool, String name, int index) {
            super(name);
            this.pool = pool;
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            pool.runWorker(this);
        }

        @Override
        public AsyncContext asyncContext() {
            return null;
        }
    }

    // VarHandle mechanics
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(Worker.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
