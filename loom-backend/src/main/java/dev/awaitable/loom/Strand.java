package dev.awaitable.loom;

import dev.awaitable.AsyncContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * One virtual thread's scheduler: decides, each time the JDK makes the thread runnable, which
 * platform thread carries it next. Every body (and every {@link LoomBackend#scheduler()} task) has
 * its own, so the decision can change per await, exactly as a .NET continuation's does.
 *
 * <p>The JDK calls {@link #execute} with the thread's {@code runContinuation} task when the thread
 * starts, is unparked, yields, or is unblocked. {@link #run} (the "runner") runs that task on the
 * current platform thread: the virtual thread mounts there and runs until it parks or yields.
 * Where the runner goes:
 * <ul>
 *   <li><b>inline</b> on the thread calling {@code execute}, when that thread asked for it in
 *       {@link #inlineOn}: the caller of {@code Async.run} (the body's first segment runs on the
 *       caller's thread, as an async method's synchronous part does), or the platform thread that
 *       completed an await whose continuation may run there ({@link #wake});</li>
 *   <li>to the caller waiting in {@code Async.run}, while the body has not suspended yet
 *       ({@link #EAGER_ON_CALLER});</li>
 *   <li>else {@link #dispatch}: posted to {@link #target}, the context the body runs in (a
 *       {@code SingleThreadContext}'s loop runs it on its own thread), or to the {@link Carriers}.</li>
 * </ul>
 *
 * <p>Implementation notes.
 *
 * <p>Eager start ({@code eager}). {@code Async.run} returns once the body has suspended in an await
 * or ended; until then the strand is in an eager state, and {@link #endEager} (called by the body's
 * own thread at its first suspension, or when it ends) releases the caller:
 * <pre>
 *   FREE               not eager: dispatch as above
 *   EAGER_ON_CALLER    caller is a platform thread: it ran the first segment inline and, if the
 *                      body parked for another reason (a lock, a sleep), it waits in
 *                      carryUntilSuspended() and carries each later run itself ({@code handed})
 *   EAGER_HANDOFF_START, EAGER_HANDOFF
 *                      caller is another strand's body (the parent): see handoff below
 *   EAGER_PARKED       caller is a foreign virtual thread, a pinned parent, or the backend has no
 *                      per-body scheduler: the caller parks until endEager; runs are dispatched.
 *                      Without a per-body scheduler, a platform thread that completes an await
 *                      the body is parked in waits the same way ({@link #wake}): FREE -> EAGER_PARKED
 * </pre>
 * Transitions: any eager state -> FREE, once, by the strand's own thread (endEager), plus
 * EAGER_HANDOFF_START -> EAGER_HANDOFF at the first execute, and EAGER_HANDOFF_START -> EAGER_PARKED
 * when the parent turns out to be pinned. Race (eager hand-over vs endEager): impossible by
 * construction: {@code execute} is only called while the thread is not running, and endEager only
 * by the running thread, so a handed run is always taken before the body can end the eager phase.
 *
 * <p>Handoff (parent side, {@code handoff}). A parent body P calling {@code Async.run} cannot carry
 * the child C inline (a virtual thread cannot be a carrier), so it hands its own carrier over: C's
 * first {@code execute} stores C in {@code P.child} and arms P; P yields; the JDK calls
 * {@code P.execute}, which, armed, holds P's run; P's runner, back on the platform thread, runs C
 * right there, then continues P as soon as C has suspended. Nothing else runs in between, so on an
 * event loop the order is exactly .NET's:
 * <pre>
 *   IDLE -> ARMED           C's first execute, on P's thread
 *   ARMED -> RUNNING_CHILD  P's runner, after P yielded, before running C
 *   RUNNING_CHILD -> CHILD_DONE   C suspended/ended while carried: the runner continues P (-> IDLE)
 *   RUNNING_CHILD -> DETACHED     C parked for another reason: the runner leaves; C's endEager,
 *                                 later and anywhere, schedules P (-> IDLE)
 *   ARMED -> IDLE           P did not yield (it is pinned): P takes C back, dispatches it and parks
 * </pre>
 * Race (runner leaving vs child done): both CAS from RUNNING_CHILD; the winner decides who
 * schedules P, so P's held run happens exactly once.
 *
 * <p>Invariant: every call of {@code execute} leads to exactly one run of the task (inline, handed
 * to the eager caller, held for a handoff and then run or scheduled by the child, or dispatched);
 * the JDK calls {@code execute} at most once per runnable transition, so a body never runs twice
 * at once.
 */
final class Strand implements Executor, Runnable {

    /** Not eager: runs go to {@link #dispatch}. */
    static final int FREE = 0;
    /** A platform caller waits in {@code Async.run} and carries every run until the first suspension. */
    static final int EAGER_ON_CALLER = 1;
    /** The next execute is the start, called by the parent: it goes to the parent's child slot. */
    static final int EAGER_HANDOFF_START = 2;
    /** Started by handoff; endEager tells the parent. */
    static final int EAGER_HANDOFF = 3;
    /** The caller parks until endEager; runs are dispatched. */
    static final int EAGER_PARKED = 4;

    /** No child handed over. */
    private static final int H_IDLE = 0;
    /** A child is in {@link #child}; this strand is about to yield so its runner can carry it. */
    private static final int H_ARMED = 1;
    /** The runner is carrying the child; this strand's run is held. */
    private static final int H_RUNNING_CHILD = 2;
    /** The child suspended while carried: the runner continues this strand. */
    private static final int H_CHILD_DONE = 3;
    /** The runner left while the child was still eager: the child's endEager schedules this strand. */
    private static final int H_DETACHED = 4;

    /** The body this thread runs, or null for a scheduler task. */
    final LoomBody<?> body;
    /** True if this strand is its thread's scheduler; false in {@link ContextAffinity#UNAVAILABLE} mode. */
    final boolean scheduled;
    /** Body id in JFR events; 0 for scheduler tasks. */
    final long id;

    Thread thread;
    /** The thread's runContinuation task; the same object on every execute. */
    private Runnable cont;

    /** Where the code of this strand runs between awaits: a context, or null for the carriers. */
    volatile AsyncContext target;
    /** Set when {@link #target} rejected a run (it was closed); the await rethrows it. */
    volatile AsyncContext lostContext;
    /**
     * A platform thread that carries the next run itself; consumed by that run. Racy, but
     * benign: only the thread named here can match it, and every thread sees its own writes.
     */
    private Thread inlineOn;

    /**
     * Whether a platform thread that completes an await may carry the woken body inline
     * ({@code -Dawaitable.loom.inlineResume}, default true: .NET's "the continuation runs on the
     * completing thread"). With false, woken bodies always go through their context or the
     * carriers. A reason to turn it off: on JDK 25 we saw the JVM crash in
     * {@code ThreadMXBean.getThreadInfo} (HotSpot's ThreadSnapshot) while a non-carrier platform
     * thread was mounting a virtual thread; monitoring that takes thread snapshots concurrently
     * is safer without inline resumption.
     */
    static final boolean INLINE_RESUME =
            Boolean.parseBoolean(System.getProperty("awaitable.loom.inlineResume", "true"));
    /** What awaits register; replaced when an await is abandoned, so a late call is ignored. */
    volatile Signal signal = new Signal(this);

    // Await bookkeeping, touched by this strand's own thread (signalledAt: by the completer).
    boolean everSuspended;
    long suspendedAt;
    volatile long signalledAt;

    private volatile int eager;
    /** The thread waiting in Async.run (EAGER_ON_CALLER, EAGER_PARKED). */
    private Thread waiter;
    /** The strand that started this one by handoff (EAGER_HANDOFF). */
    private Strand parent;
    /** EAGER_ON_CALLER: a run is waiting for the caller to carry it. */
    private volatile boolean handed;

    /** A child to carry on this strand's carrier once this strand yields. */
    private Strand child;

    private volatile int handoff;

    Strand(LoomBody<?> body, boolean scheduled) {
        this.body = body;
        this.scheduled = scheduled;
        this.id = body == null ? 0L : dev.awaitable.internal.Tracing.nextBodyId();
    }

    /** The strand of the calling virtual thread, or null (a platform thread, a foreign virtual thread). */
    static Strand current() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return null;
        }
        return VirtualThreads.schedulerOf(t) instanceof Strand s ? s : Unscheduled.get();
    }

    /* ---------------- Scheduling (called by the JDK) ---------------- */

    @Override
    public void execute(Runnable task) {
        cont = task;
        Thread t = Thread.currentThread();
        if (t == inlineOn) {
            inlineOn = null;
            run();
        } else if (handoff != H_ARMED) {
            schedule(t);
        }
        // else ARMED: this strand yielded to carry its child; its run is held (see handoff).
    }

    /** Runs the virtual thread on the calling platform thread, then any child it handed over. */
    @Override
    public void run() {
        Thread carrier = Thread.currentThread();
        if (carrier.isVirtual()) {
            Carriers.execute(this); // a context whose executor runs on virtual threads cannot carry
            return;
        }
        boolean interrupted = Thread.interrupted(); // mounting clears the carrier's interrupt status
        try {
            for (; ; ) {
                cont.run();
                Strand c = child;
                if (c == null) {
                    return;
                }
                child = null;
                handoff = H_RUNNING_CHILD;
                c.run();
                if (HANDOFF.compareAndSet(this, H_RUNNING_CHILD, H_DETACHED)) {
                    return;
                }
                handoff = H_IDLE; // CHILD_DONE: continue this strand here, before anything else
            }
        } finally {
            if (interrupted) {
                carrier.interrupt();
            }
        }
    }

    private void schedule(Thread caller) {
        int e = eager;
        if (e == FREE) {
            dispatch();
        } else {
            scheduleEager(e, caller);
        }
    }

    private void scheduleEager(int e, Thread caller) {
        switch (e) {
            case EAGER_ON_CALLER -> {
                handed = true;
                if (caller != waiter) {
                    LockSupport.unpark(waiter);
                }
            }
            case EAGER_HANDOFF_START -> {
                eager = EAGER_HANDOFF;
                Strand p = parent;
                p.child = this;
                p.handoff = H_ARMED;
            }
            case EAGER_HANDOFF, EAGER_PARKED -> dispatch();
            default -> throw new IllegalStateException("eager state " + e);
        }
    }

    /** Sends the runner where this strand's code runs now: its context, else the carriers. */
    void dispatch() {
        AsyncContext c = target;
        if (c == null) {
            Carriers.execute(this);
            return;
        }
        try {
            c.post(this);
        } catch (RejectedExecutionException e) {
            contextRejected(c);
        }
    }

    /** Rare: the context was closed while this strand was parked; resume on the carriers and let the await say so. */
    private void contextRejected(AsyncContext c) {
        lostContext = c;
        target = null;
        Carriers.execute(this);
    }

    /**
     * An await this strand is parked in completed, on the calling thread. A platform thread that
     * may run the continuation (no context captured, or it is the captured context's own thread,
     * and it is not the backend's timer or a carrier) carries the strand inline, as .NET runs a
     * continuation on the completing thread; otherwise the unpark dispatches it.
     */
    void wake() {
        Thread t = Thread.currentThread();
        if (t.isVirtual() || !mayCarry(t)) {
            LockSupport.unpark(thread);
        } else if (scheduled) {
            inlineOn = t;
            LockSupport.unpark(thread);
            if (inlineOn == t) {
                inlineOn = null; // the strand had not parked yet: it goes on where it is
            }
        } else if (eager == FREE) {
            // No per-body scheduler (UNAVAILABLE): the completer cannot carry the body, so it
            // waits for the body's next suspension instead, as the caller of Async.run does: the
            // continuation has run when setResult returns, as it would inline (on another
            // thread). eager leaves FREE only here and in start(), and the body is parked in
            // this await, so nobody else waits on it. Race (wake before the body parked): its
            // endEager, just before the park, releases us at once: it goes on where it is.
            waiter = t;
            eager = EAGER_PARKED;
            LockSupport.unpark(thread);
            parkUntilSuspended();
        } else {
            LockSupport.unpark(thread); // still in its first segment: the caller of Async.run waits
        }
    }

    private boolean mayCarry(Thread t) {
        if (!INLINE_RESUME || LoomTimer.isTimerThread(t) || Carriers.isCarrier(t)) {
            return false;
        }
        AsyncContext c = target;
        return c == null || c.isCurrent();
    }

    /* ---------------- Eager start (Async.run) ---------------- */

    /** Starts the thread as an async method called from the current thread: returns once the body suspended or ended. */
    void start() {
        Thread caller = Thread.currentThread();
        if (!scheduled) {
            startParked(caller);
        } else if (!caller.isVirtual()) {
            waiter = caller;
            eager = EAGER_ON_CALLER;
            inlineOn = caller;
            thread.start(); // execute() runs the first segment right here
            if (eager == EAGER_ON_CALLER) {
                carryUntilSuspended();
            }
        } else {
            Strand p = VirtualThreads.schedulerOf(caller) instanceof Strand s ? s : null;
            if (p != null) {
                startByHandoff(p);
            } else {
                startParked(caller);
            }
        }
    }

    private void startParked(Thread caller) {
        waiter = caller;
        eager = EAGER_PARKED;
        thread.start();
        parkUntilSuspended();
    }

    private void startByHandoff(Strand p) {
        parent = p;
        eager = EAGER_HANDOFF_START;
        thread.start(); // execute() puts us in p.child and arms p
        Thread.yield(); // p's runner carries us now and continues p once we suspended
        if (p.child == this) {
            startAfterPinnedYield(p);
        }
    }

    /** Rare: the parent's yield did not happen (it is pinned, e.g. holding a monitor on JDK 21). */
    private void startAfterPinnedYield(Strand p) {
        p.child = null;
        p.handoff = H_IDLE;
        parent = null;
        waiter = Thread.currentThread();
        eager = EAGER_PARKED;
        dispatch();
        parkUntilSuspended();
    }

    /** EAGER_ON_CALLER: the caller carries each run until the body suspends, as a blocking synchronous part would. */
    private void carryUntilSuspended() {
        boolean interrupted = false;
        while (eager == EAGER_ON_CALLER) {
            if (handed) {
                handed = false;
                run();
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void parkUntilSuspended() {
        boolean interrupted = false;
        while (eager != FREE) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by this strand's own thread at its first suspension and when it ends; releases the caller of Async.run. */
    void endEager() {
        if (eager != FREE) {
            endEagerSlow();
        }
    }

    private void endEagerSlow() {
        int e = eager;
        eager = FREE;
        if (e == EAGER_HANDOFF) {
            Strand p = parent;
            parent = null;
            p.childDone();
        } else {
            Thread w = waiter;
            waiter = null;
            if (w != VirtualThreads.currentCarrier()) {
                LockSupport.unpark(w);
            }
        }
    }

    /** The child this strand handed its carrier to has suspended or ended. */
    private void childDone() {
        for (; ; ) {
            int h = handoff;
            if (h == H_RUNNING_CHILD) {
                if (HANDOFF.compareAndSet(this, H_RUNNING_CHILD, H_CHILD_DONE)) {
                    return;
                }
            } else if (h == H_DETACHED) {
                handoff = H_IDLE;
                schedule(Thread.currentThread());
                return;
            } else {
                throw new IllegalStateException("handoff state " + h);
            }
        }
    }

    /** Binds the strand of a thread with no per-body scheduler ({@link ContextAffinity#UNAVAILABLE}). */
    static final class Unscheduled {
        private static final ThreadLocal<Strand> LOCAL = new ThreadLocal<>();
        /** Until a strand is bound, lookups skip the ThreadLocal (which would create a map per thread). */
        private static volatile boolean used;

        private Unscheduled() {}

        static void bind(Strand s) {
            used = true;
            LOCAL.set(s);
        }

        static Strand get() {
            return used ? LOCAL.get() : null;
        }
    }

    // VarHandle mechanics
    private static final VarHandle HANDOFF;

    static {
        try {
            HANDOFF = MethodHandles.lookup().findVarHandle(Strand.class, "handoff", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
