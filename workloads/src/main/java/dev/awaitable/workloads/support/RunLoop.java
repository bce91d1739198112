package dev.awaitable.workloads.support;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The run's own event loop, on the thread that drives it: {@link
 * dev.awaitable.workloads.Delivery#SAME_THREAD same-thread delivery}. {@link #drive} starts an
 * operation with this loop as the current {@link AsyncContext} and then runs what is posted
 * here, in order, until the operation is complete. The "I/O" an operation awaits
 * ({@link #read}) is completed by the loop itself, after everything queued before it, so every
 * await really suspends and resumes, and no other thread, no OS wake-up, takes part.
 *
 * <p>Each model runs on it as it runs on any event loop: a state machine's continuation runs
 * inline when the loop completes its I/O (the loop is current, so resuming here needs no post); a
 * loom body started here is bound to the loop and its virtual thread is carried by the driving
 * thread; a {@code CompletableFuture} stage runs inline on the completing loop.
 *
 * <p>Confinement: only the driving thread, and virtual threads it carries, touch the loop (a
 * carried virtual thread runs on the driving OS thread). A post from any other platform thread is
 * a bug (a workload that crossed threads) and throws. One {@code drive} at a time.
 */
public final class RunLoop extends AsyncContext {

    private final String name;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private Thread driver;
    private long posts;

    public RunLoop(String name) {
        this.name = name;
    }

    /* ---------------- I/O ---------------- */

    /** An awaitable the loop completes with {@code value} after everything queued before it. */
    public <T> Awaitable<T> read(T value) {
        CompletionSource<T> s = new CompletionSource<>();
        post(() -> s.setResult(value));
        return s.awaitable();
    }

    /** A future the loop completes with {@code value} after everything queued before it. */
    public <T> CompletableFuture<T> readFuture(T value) {
        CompletableFuture<T> f = new CompletableFuture<>();
        post(() -> f.complete(value));
        return f;
    }

    /* ---------------- Driving ---------------- */

    /** Starts {@code operation} on this thread with the loop current, runs the loop until it completes, returns its value. */
    public <T> T drive(Supplier<? extends Awaitable<? extends T>> operation) {
        var started = new Object() {
            Awaitable<? extends T> op;
        };
        run(() -> started.op = operation.get(), () -> started.op.isCompleted());
        return started.op.join();
    }

    /** {@link #drive} for an operation that is a {@code CompletableFuture}. */
    public <T> T driveFuture(Supplier<? extends CompletableFuture<? extends T>> operation) {
        var started = new Object() {
            CompletableFuture<? extends T> op;
        };
        run(() -> started.op = operation.get(), () -> started.op.isDone());
        return started.op.join();
    }

    private void run(Runnable start, BooleanSupplier done) {
        if (driver != null) {
            throw new IllegalStateException(name + " is already being driven");
        }
        driver = Thread.currentThread();
        Scope scope = AsyncContext.enter(this);
        try {
            start.run();
            while (!done.getAsBoolean()) {
                Runnable next = ready.pollFirst();
                if (next == null) {
                    throw new IllegalStateException(name + " stalled: the operation is pending and nothing is queued"
                            + " (did something complete on another thread?)");
                }
                next.run();
            }
        } finally {
            scope.close();
            driver = null;
            ready.clear();
        }
    }

    /* ---------------- AsyncContext ---------------- */

    @Override
    public void post(Runnable action) {
        Thread t = Thread.currentThread();
        if (t != driver && !t.isVirtual()) {
            throw new IllegalStateException(name + ": posted from " + t.getName()
                    + ", not the thread driving the loop: same-thread delivery crossed threads");
        }
        ready.addLast(action);
        posts++;
    }

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == driver || super.isCurrent();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long postCount() {
        return posts;
    }
}
