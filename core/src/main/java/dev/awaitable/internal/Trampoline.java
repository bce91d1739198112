package dev.awaitable.internal;

import java.util.ArrayDeque;

/**
 * Runs continuations inline, on the completing thread, without letting a chain of synchronous
 * completions grow the stack without bound.
 *
 * <p>Overview: completing an awaitable runs its continuations inline (the .NET default for
 * awaits); a continuation typically completes the next awaitable, whose continuation runs
 * inline again, and so on. A million-link chain would overflow the stack. Each thread counts
 * the {@link #run} frames it is inside; past {@link #MAX_DEPTH} a continuation is appended to
 * the thread's deferred queue instead, and the outermost frame drains that queue once its own
 * continuation returns. So the stack holds at most {@code MAX_DEPTH} continuation frames, and
 * every continuation still runs on the completing thread, in order of deferral.
 *
 * <p>A backend can do better for its own continuations with a resume loop: while one runs on
 * this thread, a completion may leave its single continuation in the tail slot
 * ({@link #offerTail}) and the loop runs it after the completing code returns, so a cascade of
 * completions runs flat instead of nested (see the statemachine backend's box).
 *
 * <p>Invariants: only the owning thread touches a trampoline (no synchronization); the
 * deferred queue is empty whenever {@code depth == 0}.
 *
 * <p>Differs from .NET, which probes the remaining stack and, when it is low, queues the
 * continuation to the thread pool: we stay on the same thread, so ordering tests and
 * single-threaded contexts see no surprise thread hop.
 */
public final class Trampoline {

    /** Continuation frames one thread may nest before further continuations are deferred. */
    static final int MAX_DEPTH = 48;

    private static final ThreadLocal<Trampoline> LOCAL = ThreadLocal.withInitial(() -> new Trampoline(Thread.currentThread()));

    private int depth;
    private ArrayDeque<Runnable> deferred;
    /** True while a backend's resume loop runs on this thread (see {@link #enterResumeLoop}). */
    private boolean inResumeLoop;
    /** The continuation a completion handed to the innermost resume loop, or null. */
    private Runnable tail;
    /**
     * The thread this trampoline belongs to. Checked by {@link #offerTail}, which a completion
     * may reach through a reference to this trampoline that a box kept.
     */
    private final Thread owner;

    /** The trampoline of {@code owner}, the only thread that may run continuations through it. */
    Trampoline(Thread owner) {
        this.owner = owner;
    }

    /** The calling thread's trampoline. */
    public static Trampoline current() {
        return Thread.currentThread() instanceof AsyncThread t ? t.trampoline() : LOCAL.get();
    }

    /**
     * Runs {@code continuation} now, or defers it until the outermost continuation frame on this
     * thread returns. A continuation that throws is reported, never rethrown: the completer and
     * the remaining continuations must not be disturbed by one broken callback.
     */
    public static void run(Runnable continuation) {
        current().execute(continuation);
    }

    /** True if this thread is currently running a continuation through a trampoline. */
    public static boolean inContinuation() {
        return current().depth > 0;
    }

    public void execute(Runnable continuation) {
        int d = depth;
        if (d >= MAX_DEPTH) {
            defer(continuation);
            return;
        }
        depth = d + 1;
        try {
            runGuarded(continuation);
            if (d == 0) {
                drain();
            }
        } finally {
            depth = d;
        }
    }

    private void defer(Runnable continuation) {
        ArrayDeque<Runnable> q = deferred;
        if (q == null) {
            deferred = q = new ArrayDeque<>();
        }
        q.addLast(continuation);
    }

    /** Runs deferred continuations at depth 1; each may nest up to MAX_DEPTH again. */
    private void drain() {
        ArrayDeque<Runnable> q = deferred;
        if (q == null) {
            return;
        }
        Runnable next;
        while ((next = q.pollFirst()) != null) {
            runGuarded(next);
        }
    }

    private static void runGuarded(Runnable continuation) {
        try {
            continuation.run();
        } catch (Throwable t) {
            Diagnostics.continuationFailed(continuation, t);
        }
    }

    /* ---------------- Resume loop support ---------------- */

    /**
     * Starts a resume loop on this thread: until {@link #exitResumeLoop}, a completion may leave
     * one continuation in the tail slot ({@link #offerTail}) for the loop to run after the
     * completing code returns, instead of running it nested. Returns the enclosing loop's
     * state, for {@code exitResumeLoop} to restore.
     */
    public Runnable enterResumeLoop() {
        Runnable outer = inResumeLoop ? (tail == null ? NO_TAIL : tail) : null;
        inResumeLoop = true;
        tail = null;
        return outer;
    }

    /** Ends the innermost resume loop; {@code outer} is what {@link #enterResumeLoop} returned. */
    public void exitResumeLoop(Runnable outer) {
        inResumeLoop = outer != null;
        tail = outer == NO_TAIL ? null : outer;
    }

    /**
     * Leaves {@code continuation} for the running resume loop; false if none runs, its slot is
     * taken, or the caller is not this trampoline's thread.
     */
    public boolean offerTail(Runnable continuation) {
        if (owner == Thread.currentThread() && inResumeLoop && tail == null) {
            tail = continuation;
            return true;
        }
        return false;
    }

    /** Takes what a completion left for the running resume loop, or null. */
    public Runnable takeTail() {
        Runnable k = tail;
        tail = null;
        return k;
    }

    /** Marks an enclosing loop with an empty slot (null means "no enclosing loop"). */
    private static final Runnable NO_TAIL = () -> { };
}
