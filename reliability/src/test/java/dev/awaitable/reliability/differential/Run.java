package dev.awaitable.reliability.differential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One interpreter's run of one program: the step log of every body, keyed by the body's path in
 * the tree ("main", "main/2#0", ...), and the completer threads that complete "later" items.
 */
final class Run {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Platform threads that complete sources "later": separate from every backend's threads. */
    static final ExecutorService COMPLETERS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "later-completer-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Map<String, List<String>> logs = new ConcurrentHashMap<>();

    void log(String body, String step) {
        logs.computeIfAbsent(body, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(step);
    }

    /** Every body's steps, sorted by body. */
    Map<String, List<String>> logs() {
        Map<String, List<String>> sorted = new TreeMap<>();
        logs.forEach((k, v) -> {
            synchronized (v) {
                sorted.put(k, List.copyOf(v));
            }
        });
        return sorted;
    }

    /** Runs {@code action} on a completer thread after spinning {@code micros} µs there. */
    static void later(int micros, Runnable action) {
        COMPLETERS.execute(() -> {
            long until = System.nanoTime() + micros * 1_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            action.run();
        });
    }
}
