package dev.awaitable;

import dev.awaitable.internal.Backends;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Combinators and factories: .NET's {@code Task.WhenAll}, {@code WhenAny}, {@code Delay},
 * {@code Yield}, {@code Run} and {@code WaitAsync}, plus the unobserved-fault handler.
 */
public final class Awaitables {

    private Awaitables() {}

    /* ---------------- whenAll / whenAny ---------------- */

    /**
     * Completes when every input has: with their results in input order; or FAULTED with an
     * {@link AggregateException} of every fault (an await rethrows the first); or, with no
     * fault but a cancellation, CANCELLED.
     */
    @SafeVarargs
    public static <T> Awaitable<List<T>> whenAll(Awaitable<? extends T>... inputs) {
        Awaitable<?>[] copy = new Awaitable<?>[inputs.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = Objects.requireNonNull(inputs[i], "whenAll input");
        }
        return whenAllOf(copy);
    }

    /** {@link #whenAll(Awaitable[])} over a collection. */
    public static <T> Awaitable<List<T>> whenAll(Collection<? extends Awaitable<? extends T>> inputs) {
        Awaitable<?>[] copy = inputs.toArray(new Awaitable<?>[0]);
        for (Awaitable<?> a : copy) {
            Objects.requireNonNull(a, "whenAll input");
        }
        return whenAllOf(copy);
    }

    /** {@code inputs}: a private copy whose elements are each an {@code Awaitable<? extends T>}. */
    private static <T> Awaitable<List<T>> whenAllOf(Awaitable<?>[] inputs) {
        return inputs.length == 0 ? Awaitable.completed(List.of()) : new WhenAllAwaitable<>(inputs);
    }

    /**
     * Succeeds with the first input to complete, whatever its outcome; never faults itself.
     *
     * @throws IllegalArgumentException if there are no inputs
     */
    @SafeVarargs
    public static <T> Awaitable<Awaitable<T>> whenAny(Awaitable<T>... inputs) {
        Awaitable<?>[] copy = new Awaitable<?>[inputs.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = inputs[i];
        }
        return whenAnyOf(copy);
    }

    /** {@link #whenAny(Awaitable[])} over a collection. */
    public static <T> Awaitable<Awaitable<T>> whenAny(Collection<? extends Awaitable<T>> inputs) {
        return whenAnyOf(inputs.toArray(new Awaitable<?>[0]));
    }

    /** {@code inputs}: a private copy whose elements are each an {@code Awaitable<T>}. */
    private static <T> Awaitable<Awaitable<T>> whenAnyOf(Awaitable<?>[] inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("whenAny needs at least one input");
        }
        for (Awaitable<?> a : inputs) {
            Objects.requireNonNull(a, "whenAny input");
        }
        return new WhenAnyAwaitable<>(inputs);
    }

    /* ---------------- Time ---------------- */

    /** Succeeds after {@code delay}, on the backend's timer; zero is already complete. */
    public static Awaitable<Void> delay(Duration delay) {
        return delay(delay, CancellationToken.NONE);
    }

    /** Like {@link #delay(Duration)}, but cancelled (and its timer entry freed) when {@code token} is. */
    public static Awaitable<Void> delay(Duration delay, CancellationToken token) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(token, "token");
        checkWait("delay", delay);
        if (token.isCancellationRequested()) {
            return Awaitable.cancelled(token);
        }
        if (delay.isZero()) {
            return Awaitable.completedNull();
        }
        return new DelayAwaitable(delay.toNanos(), token);
    }

    /**
     * Faults with {@link TimeoutException} unless {@code awaitable} completes within
     * {@code timeout}; otherwise completes as it does. The awaitable itself is not cancelled.
     */
    public static <T> Awaitable<T> withTimeout(Awaitable<T> awaitable, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkWait("timeout", timeout);
        if (awaitable.isCompleted()) {
            return awaitable;
        }
        return new TimeoutAwaitable<>(awaitable, timeout, CancellationToken.NONE);
    }

    /** Completes as {@code awaitable} does, or CANCELLED as soon as {@code token} is. */
    public static <T> Awaitable<T> withCancellation(Awaitable<T> awaitable, CancellationToken token) {
        if (awaitable.isCompleted() || !token.canBeCancelled()) {
            return awaitable;
        }
        if (token.isCancellationRequested()) {
            return Awaitable.cancelled(token);
        }
        return new TimeoutAwaitable<>(awaitable, null, token);
    }

    /* ---------------- Scheduling ---------------- */

    /**
     * An await of this always suspends and resumes later: on the current context, else on the
     * backend's scheduler (.NET's {@code Task.Yield()}).
     */
    public static YieldAwaitable yieldNow() {
        return YieldAwaitable.INSTANCE;
    }

    /** Runs CPU-bound {@code work} on the backend's scheduler (.NET's {@code Task.Run}). */
    public static <T> Awaitable<T> run(Callable<T> work) {
        return run(work, CancellationToken.NONE);
    }

    /** Like {@link #run(Callable)}; a token cancelled before the work starts cancels it unrun. */
    public static <T> Awaitable<T> run(Callable<T> work, CancellationToken token) {
        Objects.requireNonNull(work, "work");
        RunAwaitable<T> r = new RunAwaitable<>(work, token);
        Backends.current().scheduler().execute(r);
        return r;
    }

    /* ---------------- Unobserved faults ---------------- */

    /**
     * Sets who hears about faults nobody observed (null restores the default, which logs through
     * SLF4J). Returns the previous handler.
     */
    public static UnobservedFaultHandler setUnobservedFaultHandler(UnobservedFaultHandler handler) {
        return UnobservedFaults.setHandler(handler);
    }

    /** The handler that logs through SLF4J. */
    public static UnobservedFaultHandler loggingUnobservedFaultHandler() {
        return UnobservedFaults.defaultHandler();
    }

    /** The longest wait a timer can take: {@link Long#MAX_VALUE} nanoseconds, about 292 years. */
    private static final Duration LONGEST_WAIT = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * A delay, timeout or cancelAfter must be zero or positive, and at most {@link Long#MAX_VALUE}
     * nanoseconds (as .NET rejects {@code TimeSpan.MaxValue}).
     */
    static void checkWait(String what, Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + wait);
        }
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            throw new IllegalArgumentException(what + " too long for a timer (at most " + LONGEST_WAIT + "): " + wait);
        }
    }
}
