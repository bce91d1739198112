package dev.awaitable.workloads.support;

import dev.awaitable.Awaitable;
import dev.awaitable.workloads.SuspendedTasks;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SuspendedTasks} assembled from three actions: {@code wake} lets every task finish
 * (cancels a token, opens a gate, interrupts threads), {@code collect} waits for them and sums
 * their checksums, {@code release} frees what is left (threads, timers); plus the
 * {@link #representative()} a memory probe sizes. Memory-shaped workloads build one per
 * implementation.
 *
 * <p>{@link #resumeAll()} may be called once. {@link #close()} wakes the tasks first if nobody
 * did, so closing never leaves a task, or a thread, behind. Each action runs at most once,
 * guarded by atomics rather than a monitor: waking runs loom bodies inline on the calling
 * thread, and on JDK 21 a monitor held there would pin them.
 */
public final class Suspended implements SuspendedTasks {

    private final int count;
    private final Object representative;
    private final Runnable wake;
    private final Callable<Long> collect;
    private final Runnable release;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param representative one task's own state (see {@link SuspendedTasks#representative()}),
     *        or null
     */
    public Suspended(int count, Object representative, Runnable wake, Callable<Long> collect, Runnable release) {
        this.count = count;
        this.representative = representative;
        this.wake = wake;
        this.collect = collect;
        this.release = release;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public Object representative() {
        return representative;
    }

    @Override
    public long resumeAll() throws Exception {
        if (!woken.compareAndSet(false, true)) {
            throw new IllegalStateException("resumeAll() was already called, or close()");
        }
        wake.run();
        return collect.call();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (woken.compareAndSet(false, true)) {
                wake.run();
            }
        } finally {
            release.run();
        }
    }

    /** Joins every task and sums the results (the tasks were woken: this returns soon). */
    public static long joinAll(Awaitable<Long>[] tasks) {
        long sum = 0;
        for (Awaitable<Long> t : tasks) {
            sum += t.join();
        }
        return sum;
    }

    /** Joins every future and sums the results. */
    public static long joinAll(CompletableFuture<Long>[] tasks) {
        long sum = 0;
        for (CompletableFuture<Long> t : tasks) {
            sum += t.join();
        }
        return sum;
    }

    /** Waits for every future and sums the results. */
    public static long getAll(Future<Long>[] tasks) throws Exception {
        return getAll(java.util.Arrays.asList(tasks));
    }

    /** Waits for every future, in order, and sums the results. */
    public static long getAll(Iterable<? extends Future<Long>> tasks) throws Exception {
        long sum = 0;
        for (Future<Long> t : tasks) {
            sum += t.get();
        }
        return sum;
    }
}
