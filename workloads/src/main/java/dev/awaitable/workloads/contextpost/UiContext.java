package dev.awaitable.workloads.contextpost;

import dev.awaitable.AsyncContext;
import dev.awaitable.workloads.support.RunLoop;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The application's context on the run's loop thread, as a UI toolkit installs one on its UI
 * thread: an action posted here runs on the {@link RunLoop}, after what is queued there, with
 * this context current. The loop's own work, its I/O completions, runs without it, as a UI
 * thread's I/O completes elsewhere. So an await that captured this context resumes by a post
 * here when its I/O completes: one more trip through the loop's queue, and no thread switch.
 *
 * <p>Also an {@link Executor} (posting), for the CompletableFuture peer. Confined to the
 * loop's thread, as the loop is.
 */
final class UiContext extends AsyncContext implements Executor {

    private final RunLoop loop;
    private long posts;

    UiContext(RunLoop loop) {
        this.loop = loop;
    }

    /** Calls {@code start} with this context current: an operation started on the UI thread. */
    <T> T call(Supplier<T> start) {
        Scope scope = AsyncContext.enter(this);
        try {
            return start.get();
        } finally {
            scope.close();
        }
    }

    @Override
    public void post(Runnable action) {
        loop.post(() -> {
            Scope scope = AsyncContext.enter(this);
            try {
                action.run();
            } finally {
                scope.close();
            }
        });
        posts++;
    }

    @Override
    public void execute(Runnable command) {
        post(command);
    }

    @Override
    public String name() {
        return loop.name() + "-ui";
    }

    @Override
    public long postCount() {
        return posts;
    }
}
