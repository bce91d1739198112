package dev.awaitable.internal;

import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.ValueAwaitable;

/**
 * A minimal {@link AwaitableSource} over a {@link ManualResetSourceCore}: one operation at a
 * time, reset by its owner. Used where an object hands out one pending {@code ValueAwaitable}
 * after another (stream iterators, generators) without allocating per operation, and by the
 * tests as the source a user writes over the core.
 */
public final class ReusableSource<T> implements AwaitableSource<T> {
    private final ManualResetSourceCore<T> core = new ManualResetSourceCore<>();

    /** Starts the next operation and returns its awaitable. */
    public ValueAwaitable<T> next() {
        core.reset();
        return ValueAwaitable.from(this, core.version());
    }

    /** Whether continuations are handed to the backend scheduler instead of run by the completer. */
    public void setRunContinuationsAsynchronously(boolean value) {
        core.setRunContinuationsAsynchronously(value);
    }

    /** The current operation's token. */
    public int version() {
        return core.version();
    }

    public void setResult(T value) {
        core.setResult(value);
    }

    public void setException(Throwable t) {
        core.setException(t);
    }

    @Override
    public AwaitableStatus status(int token) {
        return core.status(token);
    }

    @Override
    public void onCompleted(Runnable continuation, int token, boolean continueOnCapturedContext) {
        core.onCompleted(continuation, token, continueOnCapturedContext);
    }

    @Override
    public T getResult(int token) {
        return core.getResult(token);
    }
}
