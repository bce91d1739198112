package dev.awaitable.loom;

import dev.awaitable.AsyncInterruptedException;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationRegistration;
import dev.awaitable.CancellationToken;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.YieldAwaitable;
import dev.awaitable.internal.Sneaky;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code Async.await} outside a body: on a platform thread (or a virtual thread the backend did not
 * start) an await blocks the thread. An awaitable is joined, which brings the core's deadlock
 * detection: blocking a loop's thread for work that must resume on that loop throws
 * {@link dev.awaitable.DeadlockException} instead of hanging. Anything else (a reusable source)
 * is waited for with a one-off {@link Parker}.
 */
final class Blocking {

    private Blocking() {}

    static <T> T await(AwaitableLike<T> awaitable, Awaiter<T> a, CancellationToken token) {
        if (awaitable instanceof YieldAwaitable) {
            Thread.yield();
            return a.getResult();
        }
        Awaitable<?> dependency = a.dependency();
        if (dependency != null) {
            Awaitable<?> joined = Awaitables.withCancellation(dependency, token);
            try {
                joined.join();
            } catch (Throwable t) {
                if (!dependency.isCompleted()) {
                    throw Sneaky.raise(t); // deadlock, interrupt, or the token's cancellation
                }
                // the awaited's own outcome: reported below, through the awaiter's configuration
            }
            return a.getResult();
        }
        return parkFor(a, token);
    }

    private static <T> T parkFor(Awaiter<T> a, CancellationToken token) {
        Parker p = new Parker(Thread.currentThread());
        a.unsafeOnCompleted(p);
        Thread self = p.thread;
        CancellationRegistration r = token.canBeCancelled() ? token.register(() -> LockSupport.unpark(self)) : null;
        try {
            while (!p.fired) {
                if (token.isCancellationRequested()) {
                    throw new OperationCanceledException(token);
                }
                LockSupport.park(p);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new AsyncInterruptedException("interrupted while awaiting " + a);
                }
            }
        } finally {
            if (r != null) {
                r.unregister();
            }
        }
        return a.getResult();
    }

    /** The continuation that wakes one blocked thread. */
    private static final class Parker implements Runnable {
        final Thread thread;
        volatile boolean fired;

        Parker(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void run() {
            fired = true;
            LockSupport.unpark(thread);
        }
    }
}
