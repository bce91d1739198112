package dev.awaitable.testkit;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.internal.AsyncStats;
import dev.awaitable.internal.Tracing;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The test backend's method builder for a {@link ProgramMachine}: the awaitable of the program's
 * outcome, and the continuation that resumes it, in one object (the shape .NET's
 * {@code AsyncStateMachineBox} has). It captures the context at each await unless the awaiter
 * says not to, and resumes there.
 */
final class MachineBox<T> extends Awaitable<T> implements Runnable, ProgramMachine.Host<T> {
    private static final AsyncStats STATS = AsyncStats.of("test");

    private final ProgramMachine<T> machine;
    private final String name;
    private final long id = Tracing.nextBodyId();
    private boolean suspended;
    private long suspendedAt;
    private volatile long signalledAt;
    /** Where the next step must run, while suspended; read by deadlock detection. */
    private volatile AsyncContext context;
    /** What it is suspended on, while suspended; read by deadlock detection. */
    private volatile Awaitable<?> awaiting;

    MachineBox(Program<T> program) {
        this.machine = new ProgramMachine<>(program);
        this.name = program.name();
    }

    void start() {
        machine.moveNext(this);
    }

    @Override
    public void awaitOnCompleted(Awaiter<?> awaiter) {
        AsyncContext c = awaiter.continueOnCapturedContext() ? AsyncContext.current() : null;
        context = c;
        awaiting = awaiter.dependency();
        suspended = true;
        STATS.suspension();
        Tracing.suspended("test", id, awaiter, c);
        suspendedAt = Tracing.resumeEnabled() ? System.nanoTime() : 0L;
        awaiter.unsafeOnCompleted(this);
    }

    /** The awaited awaitable completed: resume, on the captured context. */
    @Override
    public void run() {
        AsyncContext c = context;
        if (c != null && !c.isCurrent()) {
            if (suspendedAt != 0L) {
                signalledAt = System.nanoTime();
            }
            c.post(this);
            return;
        }
        long signalled = signalledAt != 0L ? signalledAt : (suspendedAt != 0L ? System.nanoTime() : 0L);
        signalledAt = 0L;
        context = null;
        awaiting = null;
        STATS.resumption();
        Tracing.resumed("test", id, suspendedAt, signalled, c);
        machine.moveNext(this);
    }

    @Override
    public void setResult(T value) {
        if (!suspended) {
            STATS.synchronousCompletion();
        }
        trySetResult(value);
    }

    @Override
    public void setException(Throwable exception) {
        if (exception instanceof CancellationException ce) {
            trySetCancelled(ce);
        } else {
            trySetException(exception);
        }
    }

    @Override
    protected AsyncContext resumesOn() {
        return context;
    }

    @Override
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        Awaitable<?> a = awaiting;
        if (a != null) {
            sink.accept(a);
        }
    }

    @Override
    protected String describe() {
        return "program '" + name + "'";
    }
}
