package dev.awaitable;

import dev.awaitable.internal.Backends;

/**
 * What {@link Awaitables#yieldNow()} returns (.NET's {@code Task.Yield()}): an await of it always
 * suspends and resumes asynchronously, on the current context if there is one, else on the
 * backend's scheduler. Stateless and shared: awaiting it allocates nothing.
 */
public final class YieldAwaitable implements AwaitableLike<Void>, Awaiter<Void> {

    static final YieldAwaitable INSTANCE = new YieldAwaitable();

    private YieldAwaitable() {}

    @Override
    public Awaiter<Void> getAwaiter() {
        return this;
    }

    /** Always false: that is the point. */
    @Override
    public boolean isCompleted() {
        return false;
    }

    @Override
    public void onCompleted(Runnable continuation) {
        queue(continuation);
    }

    /** Like .NET's YieldAwaiter, posts to the current context even here: yielding means "resume there, later". */
    @Override
    public void unsafeOnCompleted(Runnable continuation) {
        queue(continuation);
    }

    private static void queue(Runnable continuation) {
        AsyncContext context = AsyncContext.current();
        if (context != null) {
            context.post(continuation);
        } else {
            Backends.current().scheduler().execute(continuation);
        }
    }

    @Override
    public Void getResult() {
        return null;
    }

    @Override
    public String toString() {
        return "YieldAwaitable";
    }
}
