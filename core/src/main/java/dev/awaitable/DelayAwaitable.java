package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.spi.ScheduledAction;

/**
 * {@link Awaitables#delay}: succeeds after the delay, or is cancelled by its token. Cancelling
 * removes the timer entry (the backend's timer frees it) and the token registration, so a
 * cancelled delay holds no memory.
 *
 * <p>Race (timer vs token): both end in a trySet*; the loser's effect is nothing. The timer and
 * registration fields are written by the constructor before either can fire, except that a
 * token already cancelled fires during registration: then no timer is scheduled at all.
 */
final class DelayAwaitable extends Awaitable<Void> implements Runnable {
    private final CancellationToken token;
    private volatile ScheduledAction timer;
    private volatile CancellationRegistration registration;

    DelayAwaitable(long nanos, CancellationToken token) {
        this.token = token;
        if (token.canBeCancelled()) {
            registration = token.register(this::cancelByToken);
            if (isCompleted()) {
                return;
            }
        }
        timer = Backends.current().schedule(this, nanos);
        if (isCompleted()) { // cancelled while scheduling
            timer.cancel();
        }
    }

    /** Timer fired. */
    @Override
    public void run() {
        if (trySetResult(null)) {
            CancellationRegistration r = registration;
            if (r != null) {
                r.unregister();
            }
        }
    }

    private void cancelByToken() {
        if (trySetCancelled(new OperationCanceledException(token))) {
            ScheduledAction t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }

    @Override
    protected String describe() {
        return "delay@" + Integer.toHexString(System.identityHashCode(this));
    }
}
