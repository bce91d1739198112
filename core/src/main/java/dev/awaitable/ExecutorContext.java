package dev.awaitable;

import dev.awaitable.internal.Diagnostics;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** A context backed by an executor; the context is current while posted work runs. */
final class ExecutorContext extends AsyncContext {
    private final String name;
    private final Executor executor;
    private final AtomicLong posts = new AtomicLong();

    ExecutorContext(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
    }

    @Override
    public void post(Runnable action) {
        posts.incrementAndGet();
        executor.execute(() -> {
            Scope scope = AsyncContext.enter(this);
            try {
                action.run();
            } catch (Throwable t) {
                Diagnostics.postedWorkFailed(name, t);
            } finally {
                scope.close();
            }
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long postCount() {
        return posts.get();
    }
}
