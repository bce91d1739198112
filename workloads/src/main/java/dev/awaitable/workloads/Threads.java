package dev.awaitable.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread helpers shared by workloads: named daemon platform threads, and shutting executors down. */
public final class Threads {
    private Threads() {}

    /** A factory of daemon platform threads named {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A single daemon platform thread: the "other thread" that completes work in several workloads. */
    public static ExecutorService completer(String name) {
        return Executors.newSingleThreadExecutor(daemon(name));
    }

    /** Shuts {@code executor} down and waits briefly; never throws. */
    public static void shutdown(ExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
