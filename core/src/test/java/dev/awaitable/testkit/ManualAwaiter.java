package dev.awaitable.testkit;

import dev.awaitable.Awaiter;

/**
 * An awaiter with no {@code Awaitable} behind it (the shape of a reusable source or a yield),
 * completed by hand. {@link #complete} runs the registered continuation directly on the calling
 * thread, not through a trampoline, so whatever the continuation does wrong surfaces as the
 * completing thread's exception instead of a logged report. One registration, one completion.
 */
public final class ManualAwaiter<T> implements Awaiter<T> {
    private volatile T value;
    private volatile boolean completed;
    private volatile Runnable continuation;

    /** Completes with {@code v} and runs the registered continuation here, if there is one. */
    public void complete(T v) {
        value = v;
        completed = true;
        Runnable k = continuation;
        if (k != null) {
            k.run();
        }
    }

    /** What was registered, or null. */
    public Runnable continuation() {
        return continuation;
    }

    @Override
    public boolean isCompleted() {
        return completed;
    }

    @Override
    public void onCompleted(Runnable k) {
        continuation = k;
    }

    @Override
    public void unsafeOnCompleted(Runnable k) {
        continuation = k;
    }

    @Override
    public T getResult() {
        if (!completed) {
            throw new IllegalStateException("getResult() before complete()");
        }
        return value;
    }
}
