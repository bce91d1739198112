package dev.awaitable.reliability.differential;

import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.ValueAwaitable;

/** An {@link AwaitableSource} over a {@link ManualResetSourceCore}, as users write one; used for one operation here. */
final class OneShotSource<T> implements AwaitableSource<T> {
    private final ManualResetSourceCore<T> core = new ManualResetSourceCore<>();

    /** Starts the operation and returns its awaitable. */
    ValueAwaitable<T> valueAwaitable() {
        core.reset();
        return ValueAwaitable.from(this, core.version());
    }

    void setResult(T value) {
        core.setResult(value);
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
