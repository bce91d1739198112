package dev.awaitable;

/**
 * A continuation that must run on a captured context: inline if the completing thread is
 * already on it (as .NET inlines when the current context is the captured one), else posted.
 */
final class ContextContinuation implements Runnable {
    final AsyncContext context;
    final Runnable continuation;

    ContextContinuation(AsyncContext context, Runnable continuation) {
        this.context = context;
        this.continuation = continuation;
    }

    @Override
    public void run() {
        if (context.isCurrent()) {
            continuation.run();
        } else {
            context.post(continuation);
        }
    }
}
