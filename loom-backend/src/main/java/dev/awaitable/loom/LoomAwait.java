package dev.awaitable.loom;

import dev.awaitable.AsyncContext;
import dev.awaitable.AsyncInterruptedException;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationRegistration;
import dev.awaitable.CancellationToken;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.YieldAwaitable;
import dev.awaitable.internal.AsyncStats;
import dev.awaitable.internal.AsyncThread;
import dev.awaitable.internal.Tracing;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The slow path of {@code Async.await} (the awaited is not complete): on a strand's thread, park
 * until the awaited completes; anywhere else, block ({@link Blocking}).
 *
 * <p>A suspension: decide where to resume (the current context if the awaiter continues on the
 * captured context, else none) and put it in the strand's {@code target}; record the suspension
 * (statistics, JFR, deadlock hooks); register the strand's {@link Signal}; release the caller of
 * {@code Async.run} if this is the body's first suspension; park until the signal fired. The
 * signal's unpark makes the JDK call the strand's scheduler, which resumes the body on the target
 * (or inline on the completing thread). Registration comes before the park, so a completion
 * racing the suspension only leaves a permit: the park returns at once and the body goes on where
 * it is, as if the awaited had been complete.
 *
 * <p>Yields ({@code Awaitables.yieldNow()}, and {@code FORCE_YIELDING} of a completed awaitable)
 * are {@link Thread#yield()}: the JDK hands the thread straight back to its scheduler, which posts
 * it to the captured context or the carriers: the natural form, with nothing registered.
 *
 * <p>After a suspension that did not capture the context, the body's current context becomes that
 * of the thread it resumed on (none on a carrier), as {@code SynchronizationContext.Current} does
 * in .NET after {@code ConfigureAwait(false)}.
 */
final class LoomAwait {

    static final AsyncStats STATS = AsyncStats.of("loom");

    private LoomAwait() {}

    static <T> T await(AwaitableLike<T> awaitable, CancellationToken token) {
        Awaiter<T> a = awaitable.getAwaiter();
        Strand s = Strand.current();
        if (s == null) {
            return Blocking.await(awaitable, a, token);
        }
        if (awaitable instanceof YieldAwaitable) {
            return yieldThen(s, a, VirtualThreads.currentContext());
        }
        Awaitable<?> dependency = a.dependency();
        if (dependency != null && dependency.isCompleted()) { // FORCE_YIELDING (or a benign race: then a yield too)
            return yieldThen(s, a, a.continueOnCapturedContext() ? VirtualThreads.currentContext() : null);
        }
        return park(s, a, dependency, token);
    }

    private static <T> T park(Strand s, Awaiter<T> a, Awaitable<?> dependency, CancellationToken token) {
        AsyncContext current = VirtualThreads.currentContext();
        AsyncContext captured = a.continueOnCapturedContext() ? current : null;
        Awaiter<?> waitOn = a;
        CancellationRegistration registration = null;
        boolean cancellable = token.canBeCancelled();
        if (cancellable && dependency != null) {
            waitOn = Awaitables.withCancellation(dependency, token); // removes itself from the awaited on cancel
        }
        Signal signal = s.signal;
        signal.fired = false;
        suspending(s, dependency, captured, a);
        waitOn.unsafeOnCompleted(signal);
        if (cancellable && dependency == null) {
            registration = token.register(() -> LockSupport.unpark(s.thread));
        }
        s.endEager();
        boolean abandoned = true;
        try {
            while (!signal.fired) {
                if (registration != null && token.isCancellationRequested()) {
                    throw new OperationCanceledException(token);
                }
                LockSupport.park(s);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new AsyncInterruptedException("interrupted while awaiting " + a);
                }
            }
            abandoned = false;
        } finally {
            resumed(s, captured, current, abandoned, registration);
        }
        if (waitOn != a && waitOn instanceof Awaitable<?> w && w.isCancelled()) {
            w.getResult(); // throws the token's OperationCanceledException
        }
        return a.getResult();
    }

    private static <T> T yieldThen(Strand s, Awaiter<T> a, AsyncContext captured) {
        AsyncContext current = VirtualThreads.currentContext();
        suspending(s, null, captured, a);
        s.endEager();
        Thread.yield(); // the JDK calls the strand's execute(): dispatched to the target, never inline
        resumed(s, captured, current, false, null);
        return a.getResult();
    }

    private static void suspending(Strand s, Awaitable<?> dependency, AsyncContext captured, Object awaited) {
        s.target = s.scheduled ? captured : null;
        s.everSuspended = true;
        LoomBody<?> b = s.body;
        if (b != null) {
            b.suspended(dependency, s.scheduled ? captured : null);
        }
        STATS.suspension();
        Tracing.suspended("loom", s.id, awaited, captured);
        s.signalledAt = 0L;
        s.suspendedAt = Tracing.resumeEnabled() ? System.nanoTime() : 0L;
    }

    private static void resumed(
            Strand s,
            AsyncContext captured,
            AsyncContext before,
            boolean abandoned,
            CancellationRegistration registration) {
        if (registration != null) {
            registration.unregister();
        }
        if (abandoned) {
            s.signal = new Signal(s);
        }
        LoomBody<?> b = s.body;
        if (b != null) {
            b.resumed();
        }
        STATS.resumption();
        long suspendedAt = s.suspendedAt;
        if (suspendedAt != 0L) {
            long signalled = s.signalledAt;
            Tracing.resumed("loom", s.id, suspendedAt, signalled != 0L ? signalled : System.nanoTime(), captured);
            s.suspendedAt = 0L;
        }
        if (captured == null && before != null && s.scheduled) {
            adoptCarrierContext(s, before);
        }
        if (s.lostContext != null) {
            contextLost(s);
        }
    }

    /** After a suspension without capture, the current context is the resuming thread's, as in .NET. */
    private static void adoptCarrierContext(Strand s, AsyncContext before) {
        Thread carrier = VirtualThreads.currentCarrier();
        AsyncContext now = carrier instanceof AsyncThread at ? at.asyncContext() : null;
        if (now != before) {
            AsyncContext.enter(now); // the thread's current context from here on; never closed
        }
        s.target = now;
    }

    private static void contextLost(Strand s) {
        AsyncContext c = s.lostContext;
        s.lostContext = null;
        AsyncContext.enter(null);
        throw new RejectedExecutionException("cannot resume on context '" + c.name()
                + "': it was closed while the body was suspended; the body goes on without it");
    }
}
