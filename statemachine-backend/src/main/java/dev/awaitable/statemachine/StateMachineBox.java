package dev.awaitable.statemachine;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.YieldAwaitable;
import dev.awaitable.internal.AsyncStats;
import dev.awaitable.internal.Tracing;
import dev.awaitable.internal.Trampoline;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The method builder of an async method and the awaitable it returns, in one object, which is
 * also the continuation that resumes the machine (the shape of .NET's
 * {@code AsyncStateMachineBox}). So a method allocates its machine and this box, and nothing
 * else however often it suspends.
 *
 * <p>States:
 * <pre>
 *   RUNNING ──awaitOnCompleted──▶ SUSPENDED ──awaited completes: run()──▶ RUNNING ... ──setResult/setException──▶ DONE
 * </pre>
 * RUNNING means some thread is inside {@code moveNext()}; SUSPENDED means the machine registered
 * this box on an awaiter and returned. {@code suspension} records, while SUSPENDED, what it
 * waits on and the context it must resume on, for deadlock detection and tracing.
 *
 * <p>Invariant: at most one thread runs {@code moveNext()} at a time. The machine registers this
 * box as the only continuation of the awaiter it suspends on and returns; the awaiter runs it
 * once; so the next {@code moveNext()} starts only after the previous one handed over, and the
 * awaiter's completion (a volatile write/CAS) orders the hoisted fields between the two runs.
 *
 * <p>Race (resumption vs the suspending {@code moveNext} still unwinding): the awaited work may
 * complete on another thread right after registration, before the suspending thread has
 * returned from {@code moveNext}. The resumed {@code moveNext} then runs concurrently with that
 * unwinding tail. Safe because a machine does nothing after {@code awaitOnCompleted} but
 * return (the C# shape), and this box writes its own fields before registering.
 *
 * <p>Resume loop. A chain of methods each awaiting the previous one (the common shape of async
 * code) completes as a cascade: method 1 returns, which resumes method 2, which returns, which
 * resumes method 3... Run naively each resumption nests inside the previous completion, so the
 * stack grows with the chain and every level pays a trampoline lookup. Instead {@link #run()}
 * is a loop: when a segment it runs completes this box and the only continuation is another
 * box, completion leaves that box in the thread's tail slot and the loop resumes it once
 * {@code moveNext} has returned (the way CompletableFuture's postComplete unwinds its dependents). The
 * observable difference from running it inside {@code setResult}: none for a machine of the
 * C# shape, which returns right after {@code setResult}; the continuation still runs on the
 * completing thread, before anything the completer does next.
 *
 * <p>The hand-over goes through the completing thread's {@link Trampoline} (its tail slot), so
 * it needs no field in the box and cannot race: only the thread whose segment completed the box
 * sees the tail it left. A loop saves and restores the slot around itself, so a loop nested
 * inside a segment (a completion the segment caused) never takes the outer loop's tail.
 */
abstract class StateMachineBox<T> extends Awaitable<T> implements Runnable {

    static final AsyncStats STATS = AsyncStats.of(StatemachineBackend.NAME);

    /** The machine this box resumes; set at its first suspension (or when it faults synchronously). */
    private AsyncStateMachine machine;
    /**
     * False while only the starting thread can see this box: from start until the first
     * suspension registers it, or start returns it. A result set before then needs no atomics.
     */
    private boolean published;
    /**
     * While suspended: null (untracked), the awaited {@link Awaitable} (no context, no tracing:
     * the common case, no allocation), or this box's reusable {@link Suspension}.
     */
    @SuppressWarnings("unused") // via SUSPENSION
    private volatile Object suspension;

    /**
     * Runs the machine's first segment on the calling thread. Exceptions fault this box. Done by
     * the time this returns means completed synchronously (racy, but benign for a statistic: a
     * suspension completed by another thread before the start returned counts as synchronous).
     */
    final void startMachine(AsyncStateMachine m) {
        // Not `machine = m` here: the box and the machine would point at each other, and C2's
        // escape analysis does not remove such a pair, so a synchronous call would allocate both.
        try {
            m.moveNext();
        } catch (Throwable t) {
            setException(t);
        }
        published = true;
        if (isCompleted()) {
            STATS.synchronousCompletion();
            if (machine == null && isFaulted()) { // rare: name the method in an unobserved-fault report
                machine = m;
                refreshFaultDescription();
            }
        }
    }

    /**
     * Suspends {@code m} until {@code awaiter} completes: captures the current context unless
     * the awaiter was configured not to, and registers this box as its continuation.
     */
    public final void awaitOnCompleted(Awaiter<?> awaiter, AsyncStateMachine m) {
        machine = m;
        published = true;
        AsyncContext context = awaiter.continueOnCapturedContext() ? AsyncContext.current() : null;
        if (context == null && !Tracing.resumeEnabled() && !(suspension instanceof Suspension)) {
            SUSPENSION.setRelease(this, awaiter.dependency());
        } else {
            suspendTracked(awaiter, context);
        }
        STATS.suspension();
        Tracing.suspended(StatemachineBackend.NAME, (Object) this, awaiter, context);
        if (context != null && awaiter instanceof YieldAwaitable) {
            context.post(this); // a yield resumes on the context it was made on: post there directly
        } else {
            awaiter.unsafeOnCompleted(this);
        }
    }

    /** Rare path: a captured context, or resume tracing on. Reuses one holder per box. */
    private void suspendTracked(Awaiter<?> awaiter, AsyncContext context) {
        Object s = suspension;
        Suspension holder = s instanceof Suspension h ? h : new Suspension();
        holder.context = context;
        holder.awaiting = awaiter.dependency();
        holder.suspendedAt = Tracing.resumeEnabled() ? System.nanoTime() : 0L;
        holder.signalledAt = 0L;
        holder.waiting = true;
        if (holder != s) {
            SUSPENSION.setRelease(this, holder);
        }
    }

    /**
     * The awaited work completed: resume the machine, on its captured context; then resume, in
     * turn, each box whose awaited method this resumption completed (the resume loop).
     */
    @Override
    public final void run() {
        Trampoline t = Trampoline.current();
        Runnable outer = t.enterResumeLoop();
        try {
            StateMachineBox<?> box = this;
            do {
                box = box.resumeSegment(t);
            } while (box != null);
        } finally {
            t.exitResumeLoop(outer);
        }
    }

    /** Runs one segment of the machine; returns the box its completion left in the tail slot, or null. */
    private StateMachineBox<?> resumeSegment(Trampoline t) {
        Object s = suspension;
        if (s instanceof Suspension h) {
            AsyncContext c = h.context;
            if (c != null && !c.isCurrent()) {
                if (h.suspendedAt != 0L && h.signalledAt == 0L) {
                    h.signalledAt = System.nanoTime();
                }
                c.post(this);
                return null;
            }
            traceResume(h);
        } else if (s != null) {
            SUSPENSION.setRelease(this, null);
        }
        STATS.resumption();
        try {
            machine.moveNext();
        } catch (Throwable e) {
            setException(e);
        }
        return (StateMachineBox<?>) t.takeTail();
    }

    /**
     * Completion's hook: inside a resume loop on this thread, hand a lone box continuation to
     * the loop instead of resuming it nested inside this completion.
     */
    @Override
    protected final boolean deferContinuation(Runnable continuation) {
        return continuation instanceof StateMachineBox<?> && Trampoline.current().offerTail(continuation);
    }

    private void traceResume(Suspension h) {
        if (h.suspendedAt != 0L) {
            long signalled = h.signalledAt != 0L ? h.signalledAt : System.nanoTime();
            Tracing.resumed(StatemachineBackend.NAME, System.identityHashCode(this), h.suspendedAt, signalled, h.context);
            h.suspendedAt = 0L;
        }
        // The holder stays installed for the next suspension; while running, a context in it
        // must not make deadlock detection think we wait: resumesOn() checks `waiting`.
        h.waiting = false;
    }

    /** The method returned {@code value}. */
    public final void setResult(T value) {
        if (!published) {
            completeUnpublished(value); // synchronous completion: nobody else can see this box yet
            return;
        }
        trySetResult(value);
        SUSPENSION.setRelease(this, null);
    }

    /** The method threw {@code exception}: a {@link CancellationException} cancels, anything else faults. */
    public final void setException(Throwable exception) {
        if (exception instanceof CancellationException ce) {
            trySetCancelled(ce);
        } else {
            trySetException(exception);
        }
        SUSPENSION.setRelease(this, null);
    }

    /* ---------------- Deadlock detection hooks ---------------- */

    @Override
    protected final AsyncContext resumesOn() {
        return SUSPENSION.getAcquire(this) instanceof Suspension h && h.waiting ? h.context : null;
    }

    @Override
    protected final void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        Object s = SUSPENSION.getAcquire(this);
        Awaitable<?> a = s instanceof Suspension h ? (h.waiting ? h.awaiting : null) : (Awaitable<?>) s;
        if (a != null) {
            sink.accept(a);
        }
    }

    /** "async " plus the machine's own toString if it has one, else its class name. */
    @Override
    protected String describe() {
        AsyncStateMachine m = machine;
        String what = "method";
        if (m == this) { // an AsyncMethod: its toString is Awaitable's, which calls describe()
            String simple = getClass().getSimpleName();
            what = simple.isEmpty() ? getClass().getName() : simple;
        } else if (m != null) {
            String s = m.toString();
            what = s.startsWith(m.getClass().getName() + '@') ? m.getClass().getSimpleName() : s;
        }
        return "async " + what + '@' + Integer.toHexString(System.identityHashCode(this));
    }

    /** What a box records while suspended with a context or with tracing on; one per box, reused. */
    private static final class Suspension {
        AsyncContext context;
        Awaitable<?> awaiting;
        /**
         * True from the suspension until the machine resumes. Read by deadlock detection on
         * another thread without ordering: racy, but benign, as a stale value only delays a
         * detection to the next check (a post to the blocked loop rechecks), never invents one
         * for a step that is already running (the check also requires the join's target pending).
         */
        boolean waiting;
        long suspendedAt;
        long signalledAt;
    }

    // VarHandle mechanics
    private static final VarHandle SUSPENSION;

    static {
        try {
            SUSPENSION = MethodHandles.lookup().findVarHandle(StateMachineBox.class, "suspension", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
