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
 * <p>A backend can do better for its own continuations with a resume loop that runs a cascade
 * of completions flat instead of nested (see {@code Awaitable.runContinuations} and the
 * statemachine backend's box); this class is the bound for everything else.
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

    private static final ThreadLocal<Trampoline> LOCAL = ThreadLocal.withInitial(Trampoline::new);

    private int depth;
    private ArrayDeque<Runnable> deferred;

    /** One thread's trampoline: only that thread runs continuations through it. */
    Trampoline() {}

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
}
