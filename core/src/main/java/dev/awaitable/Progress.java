package dev.awaitable;

import dev.awaitable.internal.Backends;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link ProgressReporter} that runs its handler on the {@link AsyncContext} current when it
 * was created: .NET's {@code Progress<T>}. Create it on a UI-like context and pass it to work
 * running anywhere; every {@link #report} posts the handler to that context, so the handler may
 * touch what only the context's thread may touch, and sees the updates in the order they were
 * reported from one thread.
 *
 * <p>With no context at creation, each update runs on the backend's scheduler (as .NET's
 * {@code Progress<T>} uses the thread pool), so a reporter is never held up by its handler; the
 * order of updates is then not guaranteed. {@code report} always posts, even from the context's
 * own thread (as .NET does), so the handler never runs inside the reporter's code.
 *
 * @param <T> the type of a progress value
 */
public final class Progress<T> implements ProgressReporter<T> {
    private final AsyncContext context;
    private final Consumer<? super T> handler;

    /** A progress whose {@code handler} runs on the context current now (or the scheduler if none). */
    public Progress(Consumer<? super T> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.context = AsyncContext.current();
    }

    @Override
    public void report(T value) {
        Runnable update = () -> handler.accept(value);
        if (context != null) {
            context.post(update);
        } else {
            Backends.current().scheduler().execute(update);
        }
    }

    /** The context the handler runs on, or null when it runs on the scheduler. */
    public AsyncContext context() {
        return context;
    }

    @Override
    public String toString() {
        return "Progress[" + (context == null ? "scheduler" : context.name()) + ']';
    }
}
