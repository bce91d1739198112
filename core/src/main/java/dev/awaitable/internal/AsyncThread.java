package dev.awaitable.internal;

import dev.awaitable.AsyncContext;

/**
 * A platform thread owned by an Awaitable runtime (a scheduler worker, a context's event loop).
 *
 * <p>Per-thread runtime state lives in fields of such threads instead of {@link ThreadLocal}s:
 * the hot paths ({@link Trampoline#run}, {@link AsyncContext#current()}, statistics) test
 * {@code Thread.currentThread() instanceof AsyncThread} and read a field, and fall back to a
 * {@code ThreadLocal} only on foreign threads.
 *
 * <p>A class, not an interface: every suspension asks "is this thread one of ours?", and for a
 * class C2 answers with one load and compare of the thread's superclass at a fixed depth, where
 * an interface costs a search of the thread class's secondary supers (measured: about 2 ns per
 * await on a thread that is not ours, a tenth of a chain stage).
 */
public abstract class AsyncThread extends Thread {

    private final Trampoline trampoline = new Trampoline();

    /**
     * A platform thread named {@code name} that does not inherit inheritable thread-locals, in
     * the JVM's top thread group ({@link LibraryThreads}); subclasses make it a daemon.
     */
    protected AsyncThread(String name) {
        super(LibraryThreads.group(), null, name, 0, false);
    }

    /** The context code on this thread runs in, or null. */
    public abstract AsyncContext asyncContext();

    /** This thread's trampoline for inline continuations. */
    public final Trampoline trampoline() {
        return trampoline;
    }
}
