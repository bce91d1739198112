package dev.awaitable.loom;

import dev.awaitable.internal.Diagnostics;
import dev.awaitable.internal.LibraryThreads;
import dev.awaitable.spi.ScheduledAction;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The backend's timer ({@code delay}, {@code withTimeout}, {@code cancelAfter}): one daemon platform
 * thread, {@code awaitable-loom-timer}, in the JVM's top thread group ({@link LibraryThreads}: a
 * program's exit never waits for it), started on first use, with remove-on-cancel so a cancelled
 * delay frees its entry at once. Due actions run on the timer thread; they are short (they
 * complete an awaitable), and a body woken by one is never run inline there (see
 * {@link Strand#wake}) but dispatched, so one slow body cannot delay every other timer.
 */
final class LoomTimer {

    private LoomTimer() {}

    static ScheduledAction schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f =
                Holder.EXECUTOR.schedule(() -> runGuarded(task), Math.max(0L, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Entries waiting in the timer's queue (cancelled ones are removed at once). */
    static int pending() {
        return Holder.EXECUTOR.getQueue().size();
    }

    static boolean isTimerThread(Thread t) {
        return t instanceof TimerThread;
    }

    /** A failing action is reported, never swallowed by its future. */
    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            Diagnostics.postedWorkFailed("the loom timer", t);
        }
    }

    private static final class Holder {
        static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1, TimerThread::new);

        static {
            EXECUTOR.setRemoveOnCancelPolicy(true);
        }
    }

    private static final class TimerThread extends Thread {
        TimerThread(Runnable r) {
            super(LibraryThreads.group(), r, "awaitable-loom-timer", 0, false); // see LibraryThreads
            setDaemon(true);
        }
    }
}
