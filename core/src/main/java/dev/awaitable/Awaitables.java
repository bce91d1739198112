package dev.awaitable;

import dev.awaitable.channels.Channel;
import dev.awaitable.internal.Backends;
import dev.awaitable.streams.AsyncStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Combinators and factories: .NET's {@code Task.WhenAll}, {@code WhenAny}, {@code WhenEach},
 * {@code Delay}, {@code Yield}, {@code Run} and {@code WaitAsync}; all-settled and
 * first-success combinators; the unobserved-fault handler.
 *
 * <p>Two {@code run}s, two jobs: {@link #run(Callable)} here is .NET's {@code Task.Run}, an
 * offload of blocking or CPU-bound work to the backend's scheduler; {@link Async#run} is an
 * {@code async} method, code that awaits.
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

    /* ---------------- Settled, completion order, first success ---------------- */

    /**
     * Completes when every input has, always SUCCEEDED, with one {@link Outcome} per input in
     * input order: a value, a fault or a cancellation. Never faults and never throws at an await
     * (JavaScript's {@code Promise.allSettled}; .NET's {@code WhenAll} awaited with
     * {@code SuppressThrowing}, then each task inspected). Observes every input's fault.
     */
    @SafeVarargs
    public static <T> Awaitable<List<Outcome<T>>> whenAllSettled(Awaitable<? extends T>... inputs) {
        List<Awaitable<? extends T>> list = new java.util.ArrayList<>(inputs.length);
        for (Awaitable<? extends T> a : inputs) {
            list.add(a);
        }
        return whenAllSettled(list);
    }

    /** {@link #whenAllSettled(Awaitable[])} over a collection. */
    public static <T> Awaitable<List<Outcome<T>>> whenAllSettled(Collection<? extends Awaitable<? extends T>> inputs) {
        Awaitable<?>[] copy = inputs.toArray(new Awaitable<?>[0]);
        for (Awaitable<?> a : copy) {
            Objects.requireNonNull(a, "whenAllSettled input");
        }
        return copy.length == 0 ? Awaitable.completed(List.of()) : new WhenAllAwaitable<>(copy, true);
    }

    /**
     * The inputs, each once, in the order they complete (.NET 9's {@code Task.WhenEach}): an
     * {@link AsyncStream} of completed awaitables, so the consumer handles each result as soon as
     * it is there and decides per input how to treat a failure ({@code await} it, or read
     * {@link Awaitable#exception()}). Each iteration is independent and sees every input; an
     * input already complete when the iteration starts comes first, in input order. Ending an
     * iteration early leaves the inputs running (they are not owned by the stream).
     */
    @SafeVarargs
    public static <T> AsyncStream<Awaitable<T>> whenEach(Awaitable<T>... inputs) {
        List<Awaitable<T>> list = new java.util.ArrayList<>(inputs.length);
        for (Awaitable<T> a : inputs) {
            list.add(a);
        }
        return whenEach(list);
    }

    /** {@link #whenEach(Awaitable[])} over a collection. */
    public static <T> AsyncStream<Awaitable<T>> whenEach(Collection<? extends Awaitable<T>> inputs) {
        List<Awaitable<T>> copy = List.copyOf(inputs); // rejects nulls
        return token -> {
            Channel<Awaitable<T>> order = Channel.unbounded();
            if (copy.isEmpty()) {
                order.writer().complete();
            }
            AtomicInteger left = new AtomicInteger(copy.size());
            for (Awaitable<T> a : copy) {
                a.unsafeOnCompleted(() -> {
                    order.writer().tryWrite(a);
                    if (left.decrementAndGet() == 0) {
                        order.writer().tryComplete();
                    }
                });
            }
            return order.reader().readAll().iterator(token);
        };
    }

    /**
     * The value of the first input to succeed; failures and cancellations are tolerated while any
     * input may still succeed. If every input fails, FAULTED with an {@link AggregateException}
     * of each input's exception in input order, and an await rethrows that
     * {@code AggregateException} itself (as JavaScript's {@code Promise.any}: no single failure
     * is the reason). Inputs still running after the first success are left running.
     *
     * @throws IllegalArgumentException if there are no inputs
     */
    @SafeVarargs
    public static <T> Awaitable<T> whenAnySuccessful(Awaitable<? extends T>... inputs) {
        List<Awaitable<? extends T>> list = new java.util.ArrayList<>(inputs.length);
        for (Awaitable<? extends T> a : inputs) {
            list.add(a);
        }
        return whenAnySuccessful(list);
    }

    /** {@link #whenAnySuccessful(Awaitable[])} over a collection. */
    public static <T> Awaitable<T> whenAnySuccessful(Collection<? extends Awaitable<? extends T>> inputs) {
        Awaitable<?>[] copy = inputs.toArray(new Awaitable<?>[0]);
        if (copy.length == 0) {
            throw new IllegalArgumentException("whenAnySuccessful needs at least one input");
        }
        for (Awaitable<?> a : copy) {
            Objects.requireNonNull(a, "whenAnySuccessful input");
        }
        return new FirstSuccessAwaitable<>(copy);
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

    /**
     * Offloads CPU-bound {@code work} to the backend's scheduler (.NET's {@code Task.Run}): a
     * plain callable, run later on a pool thread, that never awaits. Not to be confused with
     * {@link Async#run}, which starts an async method (.NET's {@code async} lambda) that runs on
     * the calling thread until its first await and may await.
     */
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
