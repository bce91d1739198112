package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.internal.Sneaky;
import dev.awaitable.internal.Trampoline;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A promise you can await, compose and cancel: Java's {@code Task<T>}.
 *
 * <p>An awaitable completes exactly once, as {@linkplain AwaitableStatus#SUCCEEDED succeeded}
 * (with a value, possibly null), {@linkplain AwaitableStatus#FAULTED faulted} (with an
 * exception) or {@linkplain AwaitableStatus#CANCELLED cancelled}, and may be awaited any number
 * of times, before or after it completes. It is its own {@link Awaiter}, so an await allocates
 * nothing for the awaiter.
 *
 * <p>Continuations registered through {@link #onCompleted} run on the {@link AsyncContext}
 * captured at registration, or, with no context, inline on the completing thread (as .NET runs
 * await continuations synchronously); an awaitable created with
 * {@code runContinuationsAsynchronously} hands them to the backend's scheduler instead.
 * Synchronous chains of any length are safe: continuations past a fixed nesting depth are
 * trampolined on the same thread (see {@link Trampoline}).
 *
 * <p>Where we differ from .NET:
 * <ul>
 *   <li>{@link #getResult()} on an incomplete awaitable throws {@link IllegalStateException};
 *       .NET's {@code TaskAwaiter.GetResult} blocks. Blocking is explicit: {@link #join()}.</li>
 *   <li>{@link #join()} on the thread of a single-threaded context that the awaited work must
 *       resume on throws {@link DeadlockException} instead of hanging.</li>
 *   <li>A fault nobody observed is reported once when the awaitable becomes unreachable, by
 *       default logged through SLF4J (.NET raises an event that is silent unless handled).</li>
 *   <li>Several continuations on one awaitable all run inline on the completing thread, in
 *       the order they were registered; .NET runs the first inline and queues the others. A
 *       {@code runContinuationsAsynchronously} source queues them all.</li>
 *   <li>A continuation that captured no context runs inline on the completing thread even when
 *       that thread has a current context, and until it next suspends it sees that context as
 *       current (so its next await captures it); .NET runs it inline only where no context is
 *       current, and queues it otherwise. Asking for the context on every resumption would tax
 *       every await; code that must leave the completer's context awaits with
 *       {@code configureAwait(ConfigureAwaitOptions.FORCE_YIELDING)}.</li>
 * </ul>
 *
 * <p>Applications create awaitables with {@link CompletionSource}, the factories below, the
 * combinators in {@link Awaitables}, or async bodies; backends subclass this class for their
 * method builders and bodies, using the protected {@code trySet*} methods and the deadlock
 * hooks {@link #resumesOn()} and {@link #forEachDependency}.
 *
 * @param <T> the result type
 */
public class Awaitable<T> implements AwaitableLike<T>, Awaiter<T> {

    /*
     * Implementation notes.
     *
     * Two volatile fields. `result` is the state:
     *
     *   null                  PENDING
     *   value (non-null)      SUCCEEDED with that value
     *   NIL                   SUCCEEDED with null
     *   Faulted               FAULTED (the exception, whether it was observed, its cleaner)
     *   Cancelled             CANCELLED (the CancellationException await rethrows)
     *
     * Legal transition: null -> terminal, exactly once, by CAS (the first completer wins;
     * trySet* report losing as false). Terminal states never change.
     *
     * `continuations` holds what runs on completion:
     *
     *   null                  none registered
     *   Runnable              exactly one (the common case: no list, no node allocated)
     *   ContinuationList      two or more, in registration order
     *   DONE                  completion has taken the continuations; later ones run at once
     *
     * Completion publishes `result` first, then swaps `continuations` to DONE and runs what it
     * took. Registration CASes into `continuations` unless it reads DONE, in which case it runs
     * the continuation itself. Race (register vs complete): a registrar that wins the CAS before
     * the swap is run by the completer; one that loses sees DONE (or a sealed list) and runs its
     * continuation itself; so every continuation runs exactly once. A ContinuationList is sealed
     * under its lock by the completer before it iterates, so an add racing the seal either lands
     * before (and is run) or fails (and the registrar runs it).
     *
     * Invariant: once `continuations` is DONE, `result` is non-null.
     *
     * Race (late access after completion): the completion is visible (`result`) before the
     * completer's swap of `continuations`, so an awaiter that polls may go on while the
     * completer still takes and runs continuations. Safe because an awaitable completes once and
     * is never reset: whatever the completer touches afterwards belongs to this completion
     * alone. A reusable source cannot work this way; there the swap itself must be the
     * completion (see ManualResetSourceCore).
     */

    /** The result of an awaitable that succeeded with null. */
    static final AltResult NIL = new Nil();
    /** {@code continuations} after completion took them. */
    private static final Object DONE = new Object();

    /** Completed instances shared by every synchronous completion with these values. */
    private static final Awaitable<?> COMPLETED_NULL = new Awaitable<>(NIL);

    private static final Awaitable<Boolean> COMPLETED_TRUE = new Awaitable<>(true);
    private static final Awaitable<Boolean> COMPLETED_FALSE = new Awaitable<>(false);
    private static final int INT_CACHE_LOW = -128;
    private static final int INT_CACHE_HIGH = 1023;
    private static final Awaitable<?>[] COMPLETED_INTS = new Awaitable<?>[INT_CACHE_HIGH - INT_CACHE_LOW + 1];

    static {
        for (int i = INT_CACHE_LOW; i <= INT_CACHE_HIGH; i++) {
            COMPLETED_INTS[i - INT_CACHE_LOW] = new Awaitable<>(Integer.valueOf(i));
        }
    }

    /*
     * Two fields and nothing else: subclasses (a method builder that is also its machine) add
     * their own and stay one object of 32 bytes. Whether continuations run asynchronously is a
     * virtual method, not a flag here, for the same reason.
     */
    private volatile Object result;
    private volatile Object continuations;

    /** A pending awaitable whose continuations run inline on the completing thread. */
    protected Awaitable() {}

    /** An already completed awaitable (result is an encoded, non-null state). */
    private Awaitable(Object encodedResult) {
        this.result = encodedResult;
        this.continuations = DONE;
    }

    /**
     * A pending awaitable.
     *
     * @param runContinuationsAsynchronously hand continuations to the backend scheduler instead of
     *        running them on the completing thread (.NET's {@code RunContinuationsAsynchronously}),
     *        so a completer never runs foreign code
     */
    static <T> Awaitable<T> pending(boolean runContinuationsAsynchronously) {
        return runContinuationsAsynchronously ? new AsynchronousContinuations<>() : new Awaitable<>();
    }

    /**
     * True if continuations go to the backend's scheduler instead of running on the completing
     * thread (.NET's {@code RunContinuationsAsynchronously}); false, the default, runs them inline.
     * Called once per completion that has continuations; must not change over the awaitable's life.
     */
    protected boolean runsContinuationsAsynchronously() {
        return false;
    }

    /** A pending awaitable whose completer never runs its continuations itself. */
    private static final class AsynchronousContinuations<T> extends Awaitable<T> {
        @Override
        protected boolean runsContinuationsAsynchronously() {
            return true;
        }
    }

    /* ---------------- Factories ---------------- */

    /**
     * An awaitable that already succeeded with {@code value}. Null, booleans and ints in
     * [-128, 1023] return shared instances, so a synchronous completion with them allocates nothing.
     */
    @SuppressWarnings("unchecked")
    public static <T> Awaitable<T> completed(T value) {
        if (value == null) {
            return (Awaitable<T>) COMPLETED_NULL;
        }
        if (value instanceof Boolean b) {
            return (Awaitable<T>) (b ? COMPLETED_TRUE : COMPLETED_FALSE);
        }
        if (value instanceof Integer i && i >= INT_CACHE_LOW && i <= INT_CACHE_HIGH) {
            return (Awaitable<T>) COMPLETED_INTS[i - INT_CACHE_LOW];
        }
        return new Awaitable<>(value);
    }

    /** The shared awaitable that succeeded with null; for {@code Awaitable<Void>} methods. */
    @SuppressWarnings("unchecked")
    public static <T> Awaitable<T> completedNull() {
        return (Awaitable<T>) COMPLETED_NULL;
    }

    /** An awaitable that already faulted with {@code exception}. */
    public static <T> Awaitable<T> failed(Throwable exception) {
        Awaitable<T> a = new Awaitable<>();
        a.trySetException(exception);
        return a;
    }

    /** An awaitable that is already cancelled. */
    public static <T> Awaitable<T> cancelled() {
        return cancelled(CancellationToken.cancelled());
    }

    /**
     * An awaitable already cancelled by {@code token}: its await throws {@link OperationCanceledException}
     * carrying the token (.NET's {@code Task.FromCanceled}).
     *
     * @throws IllegalArgumentException if cancellation was not requested on {@code token}
     */
    public static <T> Awaitable<T> cancelled(CancellationToken token) {
        if (!token.isCancellationRequested()) {
            throw new IllegalArgumentException(
                    "cancelled(token) needs a token on which cancellation was requested: " + token);
        }
        Awaitable<T> a = new Awaitable<>();
        a.trySetCancelled(new OperationCanceledException(token));
        return a;
    }

    /** An awaitable already cancelled with {@code exception} (what its await throws). */
    static <T> Awaitable<T> cancelledWith(CancellationException exception) {
        Awaitable<T> a = new Awaitable<>();
        a.trySetCancelled(exception);
        return a;
    }

    /**
     * An awaitable that completes as {@code stage} does. A {@link CompletionException} or
     * {@link ExecutionException} from the stage is unwrapped; a {@link CancellationException}
     * cancels.
     */
    public static <T> Awaitable<T> fromFuture(CompletionStage<T> stage) {
        Awaitable<T> a = new Awaitable<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                a.trySetResult(value);
            } else {
                Throwable cause = unwrapFutureFailure(failure);
                if (cause instanceof CancellationException ce) {
                    a.trySetCancelled(ce);
                } else {
                    a.trySetException(cause);
                }
            }
        });
        return a;
    }

    private static Throwable unwrapFutureFailure(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /* ---------------- Completion (for subclasses and this package) ---------------- */

    /** Completes with {@code value}; false if already complete. */
    protected final boolean trySetResult(T value) {
        return complete(value == null ? NIL : value);
    }

    /**
     * Faults with {@code exception}; false if already complete. A fault nobody observes is
     * reported when this awaitable becomes unreachable.
     */
    protected final boolean trySetException(Throwable exception) {
        return publishException(exception) && fired();
    }

    /** Cancels with {@code exception} (what await rethrows); false if already complete. */
    protected final boolean trySetCancelled(CancellationException exception) {
        return publishCancellation(exception) && fired();
    }

    /**
     * Completes with {@code value} when no other thread can have seen this awaitable yet: for a
     * method builder whose method finished before its first suspension and before it was
     * returned. Plain stores instead of atomics: nothing can race, and without a CAS on it
     * the JIT can remove a synchronously completed awaitable altogether (escape analysis gives
     * up on objects that atomics touch). Calling it on a published awaitable is a bug.
     */
    protected final void completeUnpublished(T value) {
        // Plain volatile field stores (not VarHandle/Unsafe ones, which escape analysis treats
        // as escapes): for an awaitable that never escapes, C2 removes them with the object.
        this.result = value == null ? NIL : value;
        this.continuations = DONE;
    }

    /**
     * First half of a completion split in two, for a subclass that completes itself and runs
     * its own continuations: a method builder, which only its own machine completes, one
     * {@code moveNext()} at a time, and whose resume loop then runs what waits on it. Publishes
     * {@code value} with a release store, no CAS (there is no competing completer), and leaves the
     * continuations registered; the caller must then call {@link #runContinuations}, after
     * which the completion is whole. In between, {@link #isCompleted()} is true and a
     * registrar either sees the continuations taken and runs its own, or lands in the slot the
     * swap in {@code runContinuations} takes (the register-vs-complete race above, unchanged).
     * False if already complete. Never from two threads at once.
     */
    protected final boolean publishResultExclusive(T value) {
        if (result != null) {
            return false;
        }
        RESULT.setRelease(this, value == null ? NIL : value);
        return true;
    }

    /**
     * First half of a split completion that faults with {@code exception} (a CAS: faults are
     * rare and this keeps one path for them); see {@link #publishResultExclusive}.
     */
    protected final boolean publishException(Throwable exception) {
        if (exception == null) {
            throw new NullPointerException("exception");
        }
        return publishFault(exception, exception);
    }

    /** First half of a split completion that cancels with {@code exception}; see {@link #publishResultExclusive}. */
    protected final boolean publishCancellation(CancellationException exception) {
        return casResult(
                new Cancelled(exception == null ? new OperationCanceledException(CancellationToken.NONE) : exception));
    }

    /**
     * Second half of a completion (called once the result is published): takes the
     * continuations and runs them where this awaitable runs continuations. Idempotent: only the
     * first call finds continuations; a later one (a race between two runners) finds them taken.
     */
    protected final void runContinuations() {
        Object k = CONTINUATIONS.getAndSet(this, DONE);
        if (k != null && k != DONE) {
            runTaken(k);
        }
    }

    /**
     * {@link #runContinuations()}, except that a lone continuation of type {@code handOver}, on
     * an awaitable that runs continuations inline, is returned instead, for the caller to run
     * next (a backend's resume loop runs a cascade of completions flat, the way
     * CompletableFuture's postComplete does, instead of nesting each inside the previous one).
     * Null if there was nothing to hand over. A separate method from the one that runs
     * everything, so the resume loop's inlined copy is profiled by resume loops alone.
     */
    protected final <R extends Runnable> R runContinuations(Class<R> handOver) {
        Object k = CONTINUATIONS.getAndSet(this, DONE);
        if (k == null || k == DONE) {
            return null;
        }
        if (handOver.isInstance(k) && !runsContinuationsAsynchronously()) {
            return handOver.cast(k); // the common case first: one type check
        }
        runTaken(k);
        return null;
    }

    /** Runs continuations that a completion took. */
    private void runTaken(Object k) {
        if (k instanceof ContinuationList list) {
            for (Object each : list.seal()) {
                dispatch((Runnable) each);
            }
        } else {
            dispatch((Runnable) k);
        }
    }

    /** Faults with every failure of a combinator; await rethrows {@code first}. */
    final boolean trySetAggregate(AggregateException all, Throwable first) {
        return fault(all, first);
    }

    /**
     * Completes with the state of another, completed awaitable (its value, fault or
     * cancellation). Copying a fault observes it on the source: this awaitable now carries it.
     */
    final boolean completeFrom(Awaitable<?> source) {
        Object encoded = source.result;
        if (encoded instanceof Faulted f) {
            try {
                f.observe();
            } finally {
                Reference.reachabilityFence(source);
            }
            return fault(f.exception, f.rethrown);
        }
        return complete(encoded);
    }

    private boolean fault(Throwable exception, Throwable rethrown) {
        return publishFault(exception, rethrown) && fired();
    }

    private boolean complete(Object encoded) {
        return casResult(encoded) && fired();
    }

    /** The first half of every fault: the result, and the fault's tracking until observed. */
    private boolean publishFault(Throwable exception, Throwable rethrown) {
        Faulted f = new Faulted(exception, rethrown);
        if (!casResult(f)) {
            return false;
        }
        UnobservedFaults.track(this, f);
        return true;
    }

    private boolean casResult(Object encoded) {
        return result == null && RESULT.compareAndSet(this, null, encoded);
    }

    /** The second half of a whole completion: runs every continuation; true, for chaining. */
    private boolean fired() {
        runContinuations();
        return true;
    }

    /** Runs one continuation where this awaitable says continuations run. */
    private void dispatch(Runnable k) {
        if (k instanceof Signaller) {
            k.run();
        } else if (!runsContinuationsAsynchronously()) {
            Trampoline.run(k);
        } else if (k instanceof ContextContinuation cc) {
            cc.context.post(cc.continuation);
        } else {
            Backends.current().scheduler().execute(k);
        }
    }

    /* ---------------- Awaiter ---------------- */

    /**
     * This awaitable is its own awaiter: awaiting allocates nothing. Typed as the class, not the
     * interface (as .NET's {@code Task.GetAwaiter} returns the {@code TaskAwaiter} struct): a
     * hand-written machine's {@code isCompleted}/{@code getResult}/{@code awaitOnCompleted} on it
     * then call final methods directly, with no type check per await.
     */
    @Override
    public final Awaitable<T> getAwaiter() {
        return this;
    }

    @Override
    public final boolean isCompleted() {
        return result != null;
    }

    /** This awaitable: it is its own awaiter. */
    @Override
    public final Awaitable<?> dependency() {
        return this;
    }

    @Override
    public final void onCompleted(Runnable continuation) {
        AsyncContext context = AsyncContext.current();
        addContinuation(context == null ? continuation : new ContextContinuation(context, continuation));
    }

    @Override
    public final void unsafeOnCompleted(Runnable continuation) {
        addContinuation(continuation);
    }

    @Override
    public final T getResult() {
        Object r = result;
        if (r == null) {
            throw new IllegalStateException("getResult() before completion: await the awaitable (or join() to block)");
        }
        return report(r);
    }

    @SuppressWarnings("unchecked")
    private T report(Object r) {
        if (r instanceof AltResult alt) {
            return (T) alt.report(this);
        }
        return (T) r;
    }

    /** Adds a raw continuation (no context capture), or runs it now if already complete. */
    final void addContinuation(Runnable k) {
        Object c = continuations;
        for (; ; ) {
            if (c == DONE) {
                dispatch(k);
                return;
            } else if (c == null) {
                if (CONTINUATIONS.compareAndSet(this, null, k)) {
                    return;
                }
            } else if (c instanceof ContinuationList list) {
                if (!list.add(k)) {
                    dispatch(k); // sealed: completion is running the list and will not see k
                }
                return;
            } else if (CONTINUATIONS.compareAndSet(this, c, new ContinuationList(c, k))) {
                return;
            }
            c = continuations;
        }
    }

    /**
     * Removes a continuation that has not run yet (a {@code whenAny} loser, a timed-out join), so
     * a long-pending awaitable does not keep abandoned waiters reachable.
     *
     * @return true if it was removed before it ran
     */
    final boolean removeContinuation(Runnable k) {
        for (; ; ) {
            Object c = continuations;
            if (c == k) {
                if (CONTINUATIONS.compareAndSet(this, k, null)) {
                    return true;
                }
            } else if (c instanceof ContinuationList list) {
                return list.remove(k);
            } else {
                return false;
            }
        }
    }

    /* ---------------- Status ---------------- */

    public final AwaitableStatus status() {
        Object r = result;
        if (r == null) {
            return AwaitableStatus.PENDING;
        }
        if (r instanceof Faulted) {
            return AwaitableStatus.FAULTED;
        }
        if (r instanceof Cancelled) {
            return AwaitableStatus.CANCELLED;
        }
        return AwaitableStatus.SUCCEEDED;
    }

    public final boolean isCompletedSuccessfully() {
        return status() == AwaitableStatus.SUCCEEDED;
    }

    public final boolean isFaulted() {
        return result instanceof Faulted;
    }

    public final boolean isCancelled() {
        return result instanceof Cancelled;
    }

    /**
     * Why this awaitable did not succeed: the exception of a faulted awaitable
     * ({@link AggregateException} for a faulted {@code whenAll}), the {@link CancellationException}
     * an await of a cancelled one throws (an {@link OperationCanceledException} carrying the token,
     * where a token cancelled it), or null if it succeeded or is pending. Reading a fault counts
     * as observing it. (.NET's {@code Task.Exception} is null for a cancelled task; here
     * "CANCELLED: " + exception() says why.)
     */
    public final Throwable exception() {
        Object r = result;
        if (r instanceof Faulted f) {
            try {
                f.observe();
            } finally {
                Reference.reachabilityFence(this);
            }
            return f.exception;
        }
        if (r instanceof Cancelled c) {
            return c.exception;
        }
        return null;
    }

    /** The value of a succeeded awaitable; {@link IllegalStateException} in any other state. */
    @SuppressWarnings("unchecked")
    public final T resultNow() {
        Object r = result;
        if (r == null || r instanceof Faulted || r instanceof Cancelled) {
            throw new IllegalStateException("resultNow() on an awaitable that is " + status());
        }
        return r == NIL ? null : (T) r;
    }

    /** The encoded state, for combinators in this package. */
    final Object rawResult() {
        return result;
    }

    /* ---------------- Blocking ---------------- */

    /**
     * Blocks until complete and returns the value, or rethrows the original exception
     * (cancellation as {@link CancellationException}).
     *
     * @throws DeadlockException if called on the thread of a single-threaded context that the
     *         awaited work must resume on: it could never return
     * @throws AsyncInterruptedException if the thread is interrupted while waiting (the
     *         interrupt status stays set)
     */
    public final T join() {
        Object r = result;
        if (r == null) {
            r = block(false, 0L);
        }
        return report(r);
    }

    /**
     * Like {@link #join()}, but gives up after {@code timeout}.
     *
     * @throws TimeoutException if not complete in time (the awaitable itself is unaffected); an
     *         awaitable that itself faulted with a TimeoutException rethrows it here too, so
     *         check {@link #isCompleted()} to tell the two apart
     */
    public final T join(Duration timeout) throws TimeoutException {
        Object r = result;
        if (r == null) {
            r = block(true, Math.max(0L, timeout.toNanos()));
            if (r == null) {
                throw new TimeoutException("not complete after " + timeout + ": " + this);
            }
        }
        return report(r);
    }

    /**
     * {@link #join()} for a caller that catches a checked exception by its type: declares
     * {@code throws X}, so {@code try { a.join(IOException.class); } catch (IOException e)}
     * compiles. The type is for the compiler only: whatever the awaitable failed with is
     * rethrown, original and unwrapped, as {@code join()} does.
     */
    public final <X extends Throwable> T join(Class<X> rethrows) throws X {
        java.util.Objects.requireNonNull(rethrows, "rethrows");
        return join();
    }

    /** Waits for completion; returns null only on timeout. */
    private Object block(boolean timed, long nanos) {
        SingleThreadContext loop = Deadlocks.loopOfCurrentThread();
        if (loop != null) {
            Deadlocks.checkJoin(this, loop);
        }
        Signaller waiter = new Signaller(Thread.currentThread());
        addContinuation(waiter);
        if (loop != null) {
            loop.beginJoin(this, waiter);
        }
        try {
            long deadline = timed ? System.nanoTime() + nanos : 0L;
            Object r;
            while ((r = result) == null) {
                if (waiter.deadlock != null) {
                    throw waiter.deadlock;
                }
                if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        return null;
                    }
                    LockSupport.parkNanos(this, remaining);
                } else {
                    LockSupport.park(this);
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new AsyncInterruptedException("interrupted while joining " + this);
                }
            }
            return r;
        } finally {
            if (loop != null) {
                loop.endJoin();
            }
            if (result == null) {
                removeContinuation(waiter);
            }
        }
    }

    /** Wakes a thread blocked in join; always runs inline (never scheduled). */
    static final class Signaller implements Runnable {
        final Thread thread;
        /** Set by a context that found this join can never return; read by the joiner. */
        volatile DeadlockException deadlock;

        Signaller(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void run() {
            LockSupport.unpark(thread);
        }
    }

    /* ---------------- Conversion and composition ---------------- */

    /** A {@link CompletableFuture} that completes as this does (cancellation cancels it). Observes faults. */
    public final CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable copy = () -> {
            Object r = result;
            if (r instanceof Faulted fault) {
                fault.observe();
                f.completeExceptionally(fault.exception);
            } else if (r instanceof Cancelled c) {
                f.completeExceptionally(c.exception);
            } else {
                @SuppressWarnings("unchecked")
                T v = r == NIL ? null : (T) r;
                f.complete(v);
            }
        };
        addContinuation(copy);
        return f;
    }

    /*
     * Composition. Each operation allocates one node (Composition), which is both the result and
     * the continuation registered here. Its function runs where the code after an await of this
     * awaitable would run: on the context current at the call (inline if the completing thread
     * is on it, else posted), or with no context inline on the completing thread. Compose on
     * configureAwait(...) to resume elsewhere.
     */

    /**
     * An awaitable with {@code mapper} applied to this one's value (.NET's {@code ContinueWith}
     * on success, CompletableFuture's {@code thenApply}); faults and cancellation pass through
     * unchanged (a {@code whenAll}'s {@link AggregateException} included).
     *
     * <p>Where the mapper runs, as for every composition here: where the code after an
     * {@code await} of this awaitable would run. The context current at this call is captured;
     * the mapper runs inline on the completing thread if that thread is on the context (or there
     * is none), and is posted to the context otherwise. An already completed awaitable runs it
     * now, on the caller's thread. Compose on {@code configureAwait(false).map(...)} to run it
     * inline on the completing thread whatever the context. If the mapper throws, the result
     * faults with that exception (is cancelled, for a {@link CancellationException}).
     */
    public final <R> Awaitable<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
        return Composition.of(this, Composition.MAP, java.util.Objects.requireNonNull(mapper, "mapper"), null);
    }

    /**
     * The awaitable {@code next} returns for this one's value, flattened: CompletableFuture's
     * {@code thenCompose}, .NET's {@code ContinueWith(...).Unwrap()}, Kotlin's sequential
     * {@code await}. Faults and cancellation of this awaitable pass through without calling
     * {@code next}. {@code next} runs as {@link #map}'s mapper does; the result then completes
     * as the returned awaitable does, inline on its completing thread.
     */
    public final <R> Awaitable<R> flatMap(java.util.function.Function<? super T, ? extends AwaitableLike<R>> next) {
        return Composition.of(this, Composition.FLAT_MAP, java.util.Objects.requireNonNull(next, "next"), null);
    }

    /**
     * An awaitable with {@code handler}'s result for this one's outcome: {@code (value, null)}
     * on success, {@code (null, exception)} on a fault or cancellation, where the exception is
     * the one an await would throw (the original, unwrapped; a {@link CancellationException} when
     * cancelled). Observes the fault. Runs as {@link #map}'s mapper does.
     */
    public final <R> Awaitable<R> handle(
            java.util.function.BiFunction<? super T, ? super Throwable, ? extends R> handler) {
        return Composition.of(this, Composition.HANDLE, java.util.Objects.requireNonNull(handler, "handler"), null);
    }

    /**
     * Runs {@code action} with this one's outcome ({@code (value, null)} or {@code (null,
     * exception)}, as {@link #handle}) and completes as this one did. If the action throws, a
     * success becomes that fault; a failure stays and gets the action's exception attached as
     * suppressed (as CompletableFuture's {@code whenComplete}). Runs as {@link #map}'s mapper does.
     */
    public final Awaitable<T> whenComplete(java.util.function.BiConsumer<? super T, ? super Throwable> action) {
        return Composition.of(
                this, Composition.WHEN_COMPLETE, java.util.Objects.requireNonNull(action, "action"), null);
    }

    /**
     * This awaitable's value, or {@code fallback}'s for a fault or cancellation (the exception an
     * await would throw): a {@code catch (Throwable e)} around an await. Runs as {@link #map}'s
     * mapper does.
     */
    public final Awaitable<T> recover(java.util.function.Function<? super Throwable, ? extends T> fallback) {
        return recover(Throwable.class, fallback);
    }

    /**
     * This awaitable's value, or {@code fallback}'s for a failure of type {@code type} (a
     * {@code catch (X e)} around an await, checked exceptions included:
     * {@code x.withTimeout(d).recover(TimeoutException.class, e -> cached)}); other failures pass
     * through unchanged. Cancellation is a {@link CancellationException}, so
     * {@code recover(CancellationException.class, ...)} recovers from it. Runs as {@link #map}'s
     * mapper does.
     */
    public final <X extends Throwable> Awaitable<T> recover(
            Class<X> type, java.util.function.Function<? super X, ? extends T> fallback) {
        return Composition.of(
                this,
                Composition.RECOVER,
                java.util.Objects.requireNonNull(fallback, "fallback"),
                java.util.Objects.requireNonNull(type, "type"));
    }

    /** Configures how an await of this awaitable resumes: {@code false} resumes without the captured context. */
    public final ConfiguredAwaitable<T> configureAwait(boolean continueOnCapturedContext) {
        return new ConfiguredAwaitable<>(
                this, continueOnCapturedContext ? ConfiguredAwaitable.CONTINUE_ON_CAPTURED_CONTEXT : 0);
    }

    /**
     * Configures an await with options, as .NET 8's {@code ConfigureAwaitOptions}: no options
     * means "do not continue on the captured context".
     */
    public final ConfiguredAwaitable<T> configureAwait(ConfigureAwaitOptions... options) {
        return new ConfiguredAwaitable<>(this, ConfigureAwaitOptions.bits(options));
    }

    /** An awaitable that completes as this does, or faults with {@link TimeoutException} after {@code timeout}. */
    public final Awaitable<T> withTimeout(Duration timeout) {
        return Awaitables.withTimeout(this, timeout);
    }

    /** An awaitable that completes as this does, or is cancelled when {@code token} is (.NET's {@code WaitAsync}). */
    public final Awaitable<T> withCancellation(CancellationToken token) {
        return Awaitables.withCancellation(this, token);
    }

    /* ---------------- Deadlock detection hooks (for backends) ---------------- */

    /**
     * The context whose thread this awaitable's pending work must run on to make progress, or
     * null. An async body suspended at an await that captured a single-threaded context
     * returns that context until it resumes. Used by deadlock detection in {@link #join()}.
     */
    protected AsyncContext resumesOn() {
        return null;
    }

    /** Passes each awaitable this one is waiting for (an async body's current await, a combinator's inputs). */
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {}

    /**
     * Recomputes the description an unobserved fault of this awaitable will be reported with,
     * for subclasses whose {@link #describe()} knows more after faulting than before.
     */
    protected final void refreshFaultDescription() {
        if (result instanceof Faulted f) {
            f.description = describe();
        }
    }

    /** A short description for diagnostics (unobserved faults, deadlocks). */
    protected String describe() {
        return getClass().getSimpleName() + '@' + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public String toString() {
        Object r = result;
        String state;
        if (r == null) {
            state = "PENDING";
        } else if (r instanceof Faulted f) {
            state = "FAULTED: " + f.exception;
        } else if (r instanceof Cancelled) {
            state = "CANCELLED";
        } else {
            state = "SUCCEEDED";
        }
        return describe() + '[' + state + ']';
    }

    /* ---------------- Encoded results ---------------- */

    /** Results that are not plain values; report() returns or throws what an await sees. */
    abstract static sealed class AltResult permits Nil, Faulted, Cancelled {
        abstract Object report(Awaitable<?> owner);
    }

    static final class Nil extends AltResult {
        @Override
        Object report(Awaitable<?> owner) {
            return null;
        }
    }

    /**
     * A fault, and whether anyone observed it. Also the cleaning action that reports it if the
     * awaitable becomes unreachable unobserved; it must not refer to the awaitable.
     */
    static final class Faulted extends AltResult implements Runnable {
        /** What {@link #exception()} returns: the exception, or the AggregateException of a combinator. */
        final Throwable exception;
        /** What an await rethrows. */
        final Throwable rethrown;

        volatile boolean observed;
        volatile java.lang.ref.Cleaner.Cleanable cleanable;
        String description;

        Faulted(Throwable exception, Throwable rethrown) {
            this.exception = exception;
            this.rethrown = rethrown;
        }

        void observe() {
            if (!observed) {
                observed = true;
                java.lang.ref.Cleaner.Cleanable c = cleanable;
                if (c != null) {
                    cleanable = null;
                    c.clean(); // unregisters; run() sees observed and reports nothing
                }
            }
        }

        @Override
        Object report(Awaitable<?> owner) {
            try {
                observe();
            } finally {
                Reference.reachabilityFence(owner);
            }
            throw Sneaky.raise(rethrown);
        }

        /** Cleaner thread: the awaitable is unreachable. */
        @Override
        public void run() {
            if (!observed) {
                observed = true;
                UnobservedFaults.report(exception, description);
            }
        }
    }

    static final class Cancelled extends AltResult {
        final CancellationException exception;

        Cancelled(CancellationException exception) {
            this.exception = exception;
        }

        @Override
        Object report(Awaitable<?> owner) {
            throw exception;
        }
    }

    /** Two or more continuations, in registration order; sealed once completion takes them. */
    private static final class ContinuationList {
        private Object[] items;
        private int size;
        private boolean sealed;

        ContinuationList(Object first, Object second) {
            items = new Object[] {first, second, null, null};
            size = 2;
        }

        synchronized boolean add(Object k) {
            if (sealed) {
                return false;
            }
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = k;
            return true;
        }

        synchronized boolean remove(Object k) {
            if (sealed) {
                return false;
            }
            for (int i = 0; i < size; i++) {
                if (items[i] == k) {
                    System.arraycopy(items, i + 1, items, i, size - i - 1);
                    items[--size] = null;
                    return true;
                }
            }
            return false;
        }

        synchronized Object[] seal() {
            sealed = true;
            return java.util.Arrays.copyOf(items, size);
        }
    }

    // VarHandle mechanics
    private static final VarHandle RESULT;
    private static final VarHandle CONTINUATIONS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RESULT = l.findVarHandle(Awaitable.class, "result", Object.class);
            CONTINUATIONS = l.findVarHandle(Awaitable.class, "continuations", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
