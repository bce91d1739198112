package dev.awaitable.internal;

import dev.awaitable.AsyncContext;

/**
 * A platform thread owned by an Awaitable runtime (a scheduler worker, a context's event loop).
 *
 * <p>Per-thread runtime state lives in fields of such threads instead of {@link ThreadLocal}s:
 * the hot paths ({@link Trampoline#run}, {@link AsyncContext#current()}, statistics) test
 * {@code Thread.currentThread() instanceof AsyncThread} and read a field, and fall back to a
 * {@code ThreadLocal} only on foreign threads.
 */
public interface AsyncThread {

    /** The context code on this thread runs in, or null. */
    AsyncContext asyncContext();

    /** This thread's trampoline for inline continuations. */
    Trampoline trampoline();
}
