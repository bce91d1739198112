package dev.awaitable.statemachine;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.YieldAwaitable;
import dev.awaitable.internal.AsyncStats;
import dev.awaitable.internal.Tracing;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The method builder of an async method and the awaitable it returns, in one object, which is
 * also the continuation that resumes the machine (the shape of .NET's
 * {@code AsyncStateMachineBox}). So a method allocates its machine and this box, and nothing
 * else however often it suspends; an {@link AsyncMethod} is machine and box in one object of
 * 32 bytes with two hoisted fields.
 *
 * <p>States:
 * <pre>
 *   RUNNING ──awaitOnCompleted──▶ SUSPENDED ──awaited completes: run()──▶ RUNNING ... ──setResult/setException──▶ DONE
 * </pre>
 * RUNNING means some thread is inside {@code moveNext()}; SUSPENDED means the machine registered
 * this box on an awaiter and returned. One field, {@code suspension}, says which, and what a
 * suspension waits on, for deadlock detection and tracing:
 * <pre>
 *   null              UNPUBLISHED: only the starting thread can see this box (from start until
 *                     the first suspension registers it, or start returns it)
 *   PUBLISHED         neither suspended nor in a resume loop: start returned, a machine
 *                     returned without suspending or completing (a broken machine), or done
 *   this box          RUNNING in a resume loop ({@link #run()}), or done there; untracked (the
 *                     box itself rather than a shared marker: a store of an object into its own
 *                     field needs no card mark, so entering a segment costs a plain store)
 *   an Awaitable      suspended on it, untracked (no tracing: the common case); a builder
 *                     box keeps the context it captured, if any, in its own field
 *   SUSPENDED         suspended on something that is not an Awaitable (a yield, a reusable
 *                     source), untracked
 *   a Suspension      tracked (resume tracing on, or a context captured by an AsyncMethod;
 *                     one reusable holder per box): suspended while {@code waiting}, in a
 *                     resume loop while {@code running}
 * </pre>
 * A builder box has room for the context in its 32 bytes ({@link BuilderBox#context}), so code
 * running on an event loop or a UI context (every await captures it) suspends without the
 * holder; an AsyncMethod, whose size is its hoisted fields', takes the holder for a context.
 *
 * <p>Invariant: at most one thread runs {@code moveNext()} at a time. The machine registers this
 * box as the only continuation of the awaiter it suspends on and returns; the awaiter runs it
 * once; so the next {@code moveNext()} starts only after the previous one handed over, and the
 * awaiter's completion (a volatile write/CAS) orders the hoisted fields between the two runs.
 * Hence only the running machine completes this box, never two threads at once, and publishing
 * the result needs no CAS ({@link #publishResultExclusive}).
 *
 * <p>Race (resumption vs the suspending {@code moveNext} still unwinding): the awaited work may
 * complete on another thread right after registration, before the suspending thread has
 * returned from {@code moveNext}. The resumed {@code moveNext} then runs concurrently with that
 * unwinding tail. Safe because a machine does nothing after {@code awaitOnCompleted} but
 * return (the C# shape), and this box writes its own fields before registering, and none after
 * but the checks in {@link #runSegment}, whose races are named there.
 *
 * <p>Resume loop. A chain of methods each awaiting the previous one (the common shape of async
 * code) completes as a cascade: method 1 returns, which resumes method 2, which returns, which
 * resumes method 3... Run naively each resumption nests inside the previous completion, so the
 * stack grows with the chain. Instead {@link #run()} is a loop, and a completion is split in
 * two: inside the loop, {@code setResult} only publishes the result, and once {@code moveNext}
 * has returned the loop takes the continuations; a lone box among them is resumed next by the
 * same loop, anything else is dispatched (the way CompletableFuture's postComplete unwinds its
 * dependents). The observable difference from running them inside {@code setResult}: none for
 * a machine of the C# shape, which returns right after {@code setResult}; the continuations
 * still run on the completing thread, before anything the completer does next. Outside a loop
 * (the box's RUNNING mark or a running holder says which) a completion runs its own continuations.
 */
abstract class StateMachineBox<T> extends Awaitable<T> implements Runnable {

    static final AsyncStats STATS = AsyncStats.of(StatemachineBackend.NAME);

    /** {@code suspension} once published, neither suspended nor in a resume loop (class comment). */
    private static final Object PUBLISHED = new Object();
    /** {@code suspension} while suspended, untracked, on an awaiter with no Awaitable behind it (class comment). */
    private static final Object SUSPENDED = new Object();

    /** See the class comment for its states. */
    @SuppressWarnings("unused") // via SUSPENSION
    private volatile Object suspension;

    /** The machine this box resumes: an {@link AsyncMethod} is its own, a builder holds one. */
    private AsyncStateMachine machine() {
        return this instanceof AsyncMethod<?> self ? self : ((BuilderBox<?>) this).machine;
    }

    /** Records the machine a suspension resumes (builders); an AsyncMethod resumes only itself. */
    private void bindMachine(AsyncStateMachine m) {
        if (this instanceof BuilderBox<?> b) {
            if (b.machine != m) { // the same machine at every suspension but the first: no store
                b.machine = m;
            }
        } else if (m != this) {
            throw new IllegalArgumentException(
                    "an AsyncMethod is its own state machine: pass this to awaitOnCompleted, not " + m);
        }
    }

    /**
     * Runs the machine's first segment on the calling thread. Exceptions fault this box. Done
     * without having suspended means completed synchronously; a method that suspended counts
     * as a suspension even if another thread completed it before the start returned.
     */
    final void startMachine(AsyncStateMachine m) {
        // Nothing stored before moveNext: a builder and its machine pointing at each other is a
        // pair C2's escape analysis does not remove, so a synchronous call would allocate both.
        try {
            m.moveNext();
        } catch (Throwable t) {
            setException(t);
        }
        if (suspension != null) {
            return; // it suspended (the suspension published this box): the common case, one read
        }
        if (isCompleted()) {
            STATS.synchronousCompletion();
            if (isFaulted()) { // rare: name the method in an unobserved-fault report
                bindMachine(m);
                refreshFaultDescription();
            }
        } else {
            // Returned without suspending or completing (a broken machine): callers can see it now.
            suspension = PUBLISHED;
        }
    }

    /**
     * Suspends {@code m} until {@code awaitable} completes: {@link #awaitOnCompleted(Awaiter,
     * AsyncStateMachine)} for the common awaiter, an {@code Awaitable} (what
     * {@link Awaitable#getAwaiter()} returns). The same steps; the overload exists for the JIT:
     * with the argument's class known, the awaiter's calls are direct, where through the
     * interface each needs a type check, and at a busy program's shared call sites (many
     * awaiter classes) an interface dispatch. The way the C# builder's generic
     * {@code AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>} is specialised per awaiter type.
     */
    public final void awaitOnCompleted(Awaitable<?> awaitable, AsyncStateMachine m) {
        suspend(awaitable, m);
    }

    /**
     * Suspends {@code m} until {@code awaiter} completes: captures the current context unless
     * the awaiter was configured not to, and registers this box as its continuation.
     */
    public final void awaitOnCompleted(Awaiter<?> awaiter, AsyncStateMachine m) {
        suspend(awaiter, m);
    }

    /** Both {@code awaitOnCompleted}s: inlined into each, where the awaiter's static type differs. */
    private void suspend(Awaiter<?> awaiter, AsyncStateMachine m) {
        bindMachine(m);
        AsyncContext context = awaiter.continueOnCapturedContext() ? AsyncContext.current() : null;
        boolean recording = Tracing.recording();
        boolean timed = recording && Tracing.resumeEnabled(); // a running recording with resume events on
        BuilderBox<?> builder = this instanceof BuilderBox<?> b ? b : null;
        if (!timed && (context == null || builder != null) && !(suspension instanceof Suspension)) {
            if (builder != null && builder.context != context) {
                // A plain store, ordered before the resuming thread's read by the release below
                // and the awaiter's registration (the same edge as the machine's hoisted fields).
                builder.context = context;
            }
            Awaitable<?> awaiting = awaiter.dependency();
            SUSPENSION.setRelease(this, awaiting != null ? awaiting : SUSPENDED); // never null: that is UNPUBLISHED
        } else {
            suspendTracked(awaiter, context, timed);
        }
        STATS.suspension();
        if (recording) {
            Tracing.suspended(StatemachineBackend.NAME, (Object) this, awaiter, context);
        }
        if (context != null && awaiter instanceof YieldAwaitable) {
            context.post(this); // a yield resumes on the context it was made on: post there directly
        } else {
            awaiter.unsafeOnCompleted(this);
        }
    }

    /**
     * A captured context, or resume tracing on. Reuses one holder per box, and stores a reference
     * into it only when it changes: a loop of awaits on one context (a yield loop) rewrites
     * nothing but its flags.
     */
    private void suspendTracked(Awaiter<?> awaiter, AsyncContext context, boolean timed) {
        Object s = suspension;
        Suspension holder = s instanceof Suspension h ? h : new Suspension();
        if (holder.context != context) {
            holder.context = context;
        }
        Awaitable<?> awaiting = awaiter.dependency();
        if (holder.awaiting != awaiting) {
            holder.awaiting = awaiting;
        }
        holder.suspendedAt = timed ? System.nanoTime() : 0L;
        holder.signalledAt = 0L;
        holder.waiting = true;
        holder.running = false;
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
        long resumed = 0;
        StateMachineBox<?> box = this;
        while (box.enterSegment()) {
            resumed++;
            box = box.runSegment();
            if (box == null) {
                break;
            }
        }
        STATS.resumptions(resumed); // one count per loop, not per segment
    }

    /**
     * Prepares to run the next segment in a resume loop: false if it must run on its captured
     * context instead, which this thread is not (it was posted there).
     */
    private boolean enterSegment() {
        Object s = suspension;
        if (s instanceof Suspension h) {
            AsyncContext c = h.context;
            if (c != null && !c.isCurrent()) {
                if (h.suspendedAt != 0L && h.signalledAt == 0L) {
                    h.signalledAt = System.nanoTime();
                }
                c.post(this);
                return false;
            }
            traceResume(h);
            h.running = true;
        } else {
            if (this instanceof BuilderBox<?> b) {
                AsyncContext c = b.context;
                if (c != null && !c.isCurrent()) {
                    c.post(this); // runs this again from the context's thread, where it is current
                    return false;
                }
            }
            // RUNNING, as this box itself. A plain store: only this thread acts on it (setResult,
            // from the machine it runs next); deadlock detection on other threads reads it
            // racily and ignores it.
            SUSPENSION.set(this, this);
        }
        return true;
    }

    /**
     * Runs one segment of the machine, then the second half of the loop's split completion: if
     * the segment completed this box, takes its continuations and returns a lone box among
     * them for the loop to resume next (dispatching anything else), else null.
     */
    private StateMachineBox<?> runSegment() {
        try {
            machine().moveNext();
        } catch (Throwable e) {
            setException(e);
        }
        if (isCompleted()) {
            // Race (two runners): the segment suspended, another thread resumed and completed this
            // box before this check. Both runners then take the continuations; the swap in
            // runContinuations gives them to exactly one, the other finds them taken.
            return runContinuations(StateMachineBox.class);
        }
        Object s = suspension;
        if (s == this) {
            // Returned without suspending or completing (a broken machine): a completion later,
            // from outside any loop, must run its own continuations. Race: the segment did
            // suspend and another thread's loop resumed it already, so RUNNING is that loop's;
            // the CAS moves it on anyway, which is safe: that loop's completion then runs its own
            // continuations instead of handing them over. A CAS, so it never overwrites a
            // suspension registered since.
            SUSPENSION.compareAndSet(this, this, PUBLISHED);
        } else if (s instanceof Suspension h && h.running) {
            h.running = false; // the same case and race, the same safe outcome
        }
        return null;
    }

    /** True if the running segment was resumed by a loop, which runs the continuations (class comment). */
    private boolean inResumeLoop(Object s) {
        return s == this || (s instanceof Suspension h && h.running);
    }

    private void traceResume(Suspension h) {
        if (h.suspendedAt != 0L) {
            long signalled = h.signalledAt != 0L ? h.signalledAt : System.nanoTime();
            Tracing.resumed(
                    StatemachineBackend.NAME, System.identityHashCode(this), h.suspendedAt, signalled, h.context);
            h.suspendedAt = 0L;
        }
        // The holder stays installed for the next suspension; while running, a context in it
        // must not make deadlock detection think we wait: resumesOn() checks `waiting`.
        h.waiting = false;
    }

    /**
     * The method returned {@code value}. Called by the machine, from {@code moveNext}, once; a
     * later call is ignored. Not for two threads at once: the result is a plain release store
     * (see the class comment), so two racing calls may both store and a reader may see either
     * value, even one and then the other (continuations still run exactly once).
     */
    public final void setResult(T value) {
        Object s = suspension;
        if (s == null) { // synchronous completion: nobody else can see this box yet
            if (!isCompleted()) {
                completeUnpublished(value);
            }
            return;
        }
        publishResultExclusive(value);
        published(s);
    }

    /** The method threw {@code exception}: a {@link CancellationException} cancels, anything else faults. */
    public final void setException(Throwable exception) {
        Object s = suspension;
        if (exception instanceof CancellationException ce) {
            publishCancellation(ce);
        } else {
            publishException(exception);
        }
        published(s);
    }

    /**
     * The second half of a completion, given the {@code suspension} read before it: outside a
     * resume loop, runs the continuations now (unpublished, none are registered and this seals
     * them); inside one, leaves them to the loop, which takes them once moveNext returns. Past
     * the first suspension, records the box done, dropping a holder (its context, what it
     * awaited); the RUNNING mark stays, as it holds nothing. A second completion only finds the
     * continuations taken.
     */
    private void published(Object s) {
        if (!inResumeLoop(s)) {
            runContinuations();
        }
        if (s != null && s != this) {
            // Racy, but benign: the completion is visible already, and an awaiter may be reading
            // `suspension` for deadlock detection; it sees the old suspension or PUBLISHED, both
            // saying "not waiting" for a completed box. A box is never reused, so this store
            // cannot land in a later call.
            SUSPENSION.setRelease(this, PUBLISHED);
        }
    }

    /* ---------------- Deadlock detection hooks ---------------- */

    @Override
    protected final AsyncContext resumesOn() {
        Object s = SUSPENSION.getAcquire(this);
        if (s instanceof Suspension h) {
            return h.waiting ? h.context : null;
        }
        boolean waiting = s == SUSPENDED || (s instanceof Awaitable<?> && s != this);
        // Racy read of a plain field, benign like the holder's: a stale context only delays a
        // detection to the next check; it is the one this box waits to resume on while waiting.
        return waiting && this instanceof BuilderBox<?> b ? b.context : null;
    }

    @Override
    protected final void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        Object s = SUSPENSION.getAcquire(this);
        Awaitable<?> a = s instanceof Suspension h
                ? (h.waiting ? h.awaiting : null)
                : s instanceof Awaitable<?> w && w != this ? w : null;
        if (a != null) {
            sink.accept(a);
        }
    }

    /** "async " plus the machine's own toString if it has one, else its class name. */
    @Override
    protected String describe() {
        AsyncStateMachine m = machine();
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

    /**
     * A box that is a method builder, separate from its machine: holds the machine, and the
     * context its last suspension captured (null if none). Both fit the 32 bytes the box takes
     * anyway with compressed oops.
     */
    abstract static class BuilderBox<T> extends StateMachineBox<T> {
        /** The machine this box resumes; set at each suspension (or when it faults synchronously). */
        AsyncStateMachine machine;
        /** Where the machine resumes after an untracked suspension; set at each suspension. */
        AsyncContext context;
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
        /**
         * True from a resume loop's entry into a segment until the segment suspends (or, if it
         * returned without suspending or completing, until the loop sees that): a completion
         * then publishes only and leaves the continuations to the loop. Written by the thread
         * running the segment; the one race (a stale loop clearing it) only makes a completion
         * run its own continuations, which is always correct.
         */
        boolean running;

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
