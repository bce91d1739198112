package dev.awaitable.testkit;

import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.CancellationToken;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.spi.ScheduledAction;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The minimal backend the core's contract suite runs against in the core module: a cached pool
 * of daemon platform threads as the scheduler, a {@link ScheduledThreadPoolExecutor} as the
 * timer, programs run by {@link MachineBox}. No direct style (like the statemachine backend).
 */
public final class TestBackend implements AsyncBackend {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService SCHEDULER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-backend-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "test-backend-timer");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String description() {
        return "minimal backend for the core contract suite (platform thread pool, JDK timer)";
    }

    @Override
    public Executor scheduler() {
        return SCHEDULER;
    }

    @Override
    public ScheduledAction schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Pending timer entries (cancelled ones are removed at once). */
    public static int pendingTimers() {
        return TIMER.getQueue().size();
    }

    @Override
    public <T> Awaitable<T> run(AsyncBody<T> body) {
        throw new UnsupportedOperationException(
                "the test backend runs programs as state machines; direct style needs the loom backend");
    }

    @Override
    public <T> T await(AwaitableLike<T> awaitable, CancellationToken token) {
        throw new UnsupportedOperationException(
                "the test backend runs programs as state machines; direct style needs the loom backend");
    }

    @Override
    public boolean supportsDirectStyle() {
        return false;
    }
}
