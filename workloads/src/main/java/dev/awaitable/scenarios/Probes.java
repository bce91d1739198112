package dev.awaitable.scenarios;

import dev.awaitable.Awaitable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers the scenarios share: bounded waits, where code runs, and exceptions in words. */
final class Probes {

    /** Upper bound for anything a scenario waits for; far above what any step needs. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private Probes() {}

    /**
     * Joins {@code a} for at most {@link #WAIT}; its own exception is rethrown as join rethrows it.
     *
     * @throws IllegalStateException naming {@code what} if it did not complete in time
     */
    static <T> T join(Awaitable<T> a, String what) {
        try {
            return a.join(WAIT);
        } catch (TimeoutException e) {
            if (a.isCompleted()) {
                return a.join(); // it faulted with a TimeoutException of its own: rethrow that
            }
            throw new IllegalStateException(what + " did not complete within " + WAIT.toSeconds() + "s: " + a);
        }
    }

    /** Waits for {@code latch} at most {@link #WAIT}; false if it did not open. */
    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The platform thread running the caller: the thread itself, or for a virtual thread the
     * carrier it is mounted on (read from {@code Thread.toString()}, which ends in
     * {@code @carrier-name} while mounted).
     */
    static String platformThread() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return t.getName();
        }
        String s = t.toString();
        int at = s.lastIndexOf('@');
        return at >= 0 ? s.substring(at + 1) : "a virtual thread";
    }

    /** {@code SimpleName: message}, or "nothing" for null. */
    static String describe(Throwable t) {
        if (t == null) {
            return "nothing";
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Sleeps, keeping the interrupt status; for a completer that stands in for slow I/O. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A started daemon platform thread named {@code name}. */
    static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
