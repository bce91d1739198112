package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.spi.ScheduledAction;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link Awaitables#withTimeout} and {@link Awaitables#withCancellation} (.NET's
 * {@code WaitAsync}): completes as the source does, unless the timeout elapses first (FAULTED
 * with {@link TimeoutException}) or the token is cancelled first (CANCELLED). The source itself
 * is not affected. Whoever loses is cleaned up: a source completion cancels the timer and the
 * token registration; a timeout or cancellation removes this from the source's continuations.
 */
final class TimeoutAwaitable<T> extends Awaitable<T> implements Runnable {
    private final Awaitable<T> source;
    private final Duration timeout;
    private final CancellationToken token;
    private volatile ScheduledAction timer;
    private volatile CancellationRegistration registration;

    TimeoutAwaitable(Awaitable<T> source, Duration timeout, CancellationToken token) {
        this.source = source;
        this.timeout = timeout;
        this.token = token;
        source.unsafeOnCompleted(this);
        if (isCompleted()) {
            return;
        }
        if (token.canBeCancelled()) {
            registration = token.register(this::cancelByToken);
        }
        if (timeout != null && !isCompleted()) {
            timer = Backends.current().schedule(this::timeOut, timeout.toNanos());
            if (isCompleted()) {
                timer.cancel();
            }
        }
    }

    /** The source completed. */
    @Override
    public void run() {
        if (completeFrom(source)) {
            ScheduledAction t = timer;
            if (t != null) {
                t.cancel();
            }
            CancellationRegistration r = registration;
            if (r != null) {
                r.unregister();
            }
        }
    }

    private void timeOut() {
        if (trySetException(new TimeoutException("timed out after " + timeout + " waiting for " + source.describe()))) {
            source.removeContinuation(this);
            CancellationRegistration r = registration;
            if (r != null) {
                r.unregister();
            }
        }
    }

    private void cancelByToken() {
        if (trySetCancelled(new OperationCanceledException(token))) {
            source.removeContinuation(this);
            ScheduledAction t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }

    @Override
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        sink.accept(source);
    }
}
