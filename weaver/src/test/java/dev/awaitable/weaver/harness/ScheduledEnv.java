package dev.awaitable.weaver.harness;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.SingleThreadContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** An {@link Env} completing its awaitables by a {@link Schedule}, and keeping the log of one run. */
final class ScheduledEnv implements Env {

    private final Schedule schedule;
    private final SingleThreadContext context;
    private final Executor otherThread;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    ScheduledEnv(Schedule schedule, SingleThreadContext context, Executor otherThread) {
        this.schedule = schedule;
        this.context = context;
        this.otherThread = otherThread;
    }

    @Override
    public <T> Awaitable<T> next(T value) {
        return later(() -> Awaitable.completed(value), s -> s.setResult(value));
    }

    @Override
    public <T> Awaitable<T> fail(Exception failure) {
        return later(() -> Awaitable.failed(failure), s -> s.setException(failure));
    }

    private <T> Awaitable<T> later(Supplier<Awaitable<T>> completed, Consumer<CompletionSource<T>> complete) {
        if (schedule == Schedule.COMPLETED) {
            return completed.get();
        }
        CompletionSource<T> source = new CompletionSource<>();
        Runnable completion = () -> complete.accept(source);
        if (schedule == Schedule.SAME_THREAD) {
            context.post(completion);
        } else {
            otherThread.execute(completion);
        }
        return source.awaitable();
    }

    @Override
    public void log(Object event) {
        log.add(String.valueOf(event));
    }
}
