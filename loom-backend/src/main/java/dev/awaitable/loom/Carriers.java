package dev.awaitable.loom;

import dev.awaitable.internal.Diagnostics;
import dev.awaitable.internal.LibraryThreads;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads that carry bodies with no context: a FIFO {@link ForkJoinPool} shaped like
 * the JDK's default virtual-thread scheduler (one thread per core, async mode), created on first
 * use. Its size is {@code -Dawaitable.loom.carriers=N}.
 *
 * <p>Why not the JDK's own scheduler: its workers are {@code CarrierThread}s, and for those the JDK
 * resubmits a yielding or racing virtual thread straight to the pool instead of calling the
 * thread's scheduler. Bodies must always come back through their {@link Strand} (that is where
 * affinity, eager-start handoff and inline resumption are decided), so they get carriers of their
 * own. The price: the JDK does not add compensating threads when a body blocks a carrier in a
 * file read, as it does on its own pool.
 */
final class Carriers {

    static final int PARALLELISM = Math.max(
            1,
            Integer.getInteger("awaitable.loom.carriers", Runtime.getRuntime().availableProcessors()));

    private Carriers() {}

    /** Runs {@code runner} on a carrier thread. */
    static void execute(Runnable runner) {
        Pool.INSTANCE.execute(runner);
    }

    /** Carrier threads alive now (creating the pool object starts no thread). */
    static int live() {
        return Pool.INSTANCE.getPoolSize();
    }

    /** True if the calling platform thread is one of the carriers. */
    static boolean isCarrier(Thread t) {
        return t instanceof Worker;
    }

    /** Created on first use: no thread starts until a body needs one. */
    private static final class Pool {
        static final AtomicInteger COUNT = new AtomicInteger();
        static final ForkJoinPool INSTANCE = new ForkJoinPool(
                PARALLELISM,
                Worker::new,
                (t, e) -> Diagnostics.postedWorkFailed("loom carrier " + t.getName(), e),
                true);
    }

    /** A carrier: daemon, named {@code awaitable-loom-carrier-N}. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(LibraryThreads.group(), pool, true); // see LibraryThreads
            setName("awaitable-loom-carrier-" + Pool.COUNT.incrementAndGet());
            setDaemon(true);
        }
    }
}
