package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.spi.ScheduledAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Requests cancellation of the operations holding its {@link #token()} (.NET's
 * {@code CancellationTokenSource}): {@link #cancel()}, {@link #cancelAfter}, and sources linked
 * to other tokens ({@link #createLinked}). Close it when done to release its timer and its
 * registrations on linked tokens; closing does not cancel.
 */
public final class CancellationTokenSource implements AutoCloseable {

    /*
     * Implementation notes.
     *
     * States (`state`, guarded by `lock` for writes, volatile for reads):
     *   ACTIVE       not cancelled; callbacks may be registered
     *   NOTIFYING    cancel() won and is running the callbacks on `notifier`
     *   NOTIFIED     every callback has run
     * Transitions: ACTIVE -> NOTIFYING -> NOTIFIED, once (the first cancel() wins).
     *
     * Callbacks live in a doubly linked list of Registration nodes under `lock`. cancel() takes
     * them one at a time from the tail (the last registered runs first, as in .NET), marks the
     * node as `executing`, runs it outside the lock, and signals `done`.
     *
     * Race (register vs cancel): register() links the node under the lock only if ACTIVE;
     * otherwise it runs the callback itself, at once. cancel() flips to NOTIFYING under the same
     * lock, so each callback runs exactly once: from the list or from register().
     *
     * Race (close registration vs its callback running): close() unlinks under the lock if the
     * node is still linked (it will never run). If cancel() already took it and it is running
     * on another thread, close() waits on `done` until it finished. If it is running on this
     * very thread (closing from inside a callback), close() returns at once: waiting would
     * deadlock on ourselves.
     *
     * cancelAfter: `timer` (under the lock) is the one installed TimerEntry. close(), cancel()
     * and a later cancelAfter uninstall it and cancel its action; a closed source installs none
     * (cancelAfter throws before scheduling anything). Race (timer firing vs close): the firing
     * timer checks `closed` under the lock, so once close() returned no timer cancels the
     * source. Race (timer firing vs its replacement): a timer already firing when a later
     * cancelAfter replaces it still cancels, as .NET's does; the firing happened first.
     *
     * Linked sources: a parent's callback is the linked source's cancel(), so what the linked
     * source's callbacks throw reaches the parent's cancel() caller, nested, as in .NET.
     */

    private static final int ACTIVE = 0;
    private static final int NOTIFYING = 1;
    private static final int NOTIFIED = 2;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private final CancellationToken token = new CancellationToken(this);
    private volatile int state = ACTIVE;
    /** The most recently registered callback; the list runs backwards through `prev`. */
    private Registration tail;
    /** The node cancel() is running now, and the thread running it. */
    private Registration executing;

    private Thread notifier;
    /** The installed cancelAfter schedule, or null; its action is null until scheduled. */
    private TimerEntry timer;

    private List<CancellationRegistration> links = List.of();
    private boolean closed;

    public CancellationTokenSource() {}

    /** A source that cancels itself after {@code delay}. */
    public CancellationTokenSource(Duration delay) {
        cancelAfter(delay);
    }

    /** A source that is cancelled when any of {@code tokens} is, or when cancelled itself. */
    public static CancellationTokenSource createLinked(CancellationToken... tokens) {
        CancellationTokenSource linked = new CancellationTokenSource();
        List<CancellationRegistration> regs = new ArrayList<>(tokens.length);
        for (CancellationToken t : tokens) {
            // A parent's cancel() runs this on its thread and throws what our callbacks threw, as .NET does.
            regs.add(t.register(linked::cancel));
        }
        linked.lock.lock();
        try {
            linked.links = regs;
        } finally {
            linked.lock.unlock();
        }
        return linked;
    }

    public CancellationToken token() {
        return token;
    }

    public boolean isCancellationRequested() {
        return state != ACTIVE;
    }

    /**
     * Requests cancellation and runs the registered callbacks on this thread, most recent first.
     * Every callback runs even if some throw; their exceptions are then thrown together as an
     * {@link AggregateException}. A second call does nothing.
     */
    public void cancel() {
        lock.lock();
        try {
            if (state != ACTIVE) {
                return;
            }
            state = NOTIFYING;
            notifier = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        cancelTimer();
        List<Throwable> failures = null;
        for (; ; ) {
            Registration r;
            lock.lock();
            try {
                if (executing != null) {
                    executing = null;
                    done.signalAll();
                }
                r = tail;
                if (r == null) {
                    state = NOTIFIED;
                    notifier = null;
                    break;
                }
                unlink(r);
                executing = r;
            } finally {
                lock.unlock();
            }
            try {
                r.callback.run();
            } catch (Throwable t) {
                if (failures == null) {
                    failures = new ArrayList<>();
                }
                failures.add(t);
            }
        }
        if (failures != null) {
            throw new AggregateException("cancellation callbacks threw", failures);
        }
    }

    /**
     * For the timer: nobody called cancel() to receive what the callbacks threw, so it is
     * reported (stderr, and the log) instead of being lost on the timer thread. .NET lets it
     * escape on the timer thread, which ends the process.
     */
    private void cancelFromTimer() {
        lock.lock();
        try {
            if (closed) {
                return; // close() released the timer; a firing that lost the race to it does nothing
            }
        } finally {
            lock.unlock();
        }
        try {
            cancel();
        } catch (AggregateException e) {
            dev.awaitable.internal.Diagnostics.error("cancellation callbacks run by cancelAfter's timer threw", e);
        }
    }

    /** One cancelAfter schedule: its action, once scheduled (guarded by the lock), for close(), cancel() or a replacement to cancel. */
    private static final class TimerEntry {
        ScheduledAction action;
    }

    /**
     * Cancels after {@code delay}, replacing any earlier schedule. Uses the backend's timer (or a
     * shared fallback timer when no backend is configured). Callback exceptions of a cancellation
     * the timer runs have no caller to go to: they are reported on stderr and the log.
     *
     * @throws IllegalStateException if this source is closed; nothing is scheduled then
     */
    public void cancelAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        Awaitables.checkWait("delay", delay);
        TimerEntry entry = new TimerEntry();
        ScheduledAction previous;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("cancelAfter on a closed CancellationTokenSource");
            }
            if (state != ACTIVE) {
                return;
            }
            previous = timer == null ? null : timer.action; // null too while its cancelAfter is scheduling it
            timer = entry;
        } finally {
            lock.unlock();
        }
        if (previous != null) {
            previous.cancel();
        }
        if (delay.isZero()) {
            cancel();
            return;
        }
        // Race (schedule vs close or a later cancelAfter): the entry is installed before it is
        // scheduled; if close() or a newer schedule uninstalled it meanwhile, its action is
        // cancelled here, and a firing that beat this cancel finds the source closed, or counts
        // as a timer that fired before its replacement.
        ScheduledAction action = Backends.schedule(this::cancelFromTimer, delay.toNanos());
        boolean released;
        lock.lock();
        try {
            entry.action = action;
            released = timer != entry;
        } finally {
            lock.unlock();
        }
        if (released) {
            action.cancel();
        }
    }

    private void cancelTimer() {
        ScheduledAction t;
        lock.lock();
        try {
            t = timer == null ? null : timer.action;
            timer = null;
        } finally {
            lock.unlock();
        }
        if (t != null) {
            t.cancel();
        }
    }

    /** Releases the timer and the registrations on linked tokens. Does not cancel. */
    @Override
    public void close() {
        List<CancellationRegistration> toClose;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toClose = links;
            links = List.of();
        } finally {
            lock.unlock();
        }
        cancelTimer();
        for (CancellationRegistration r : toClose) {
            r.close();
        }
    }

    /* ---------------- Registrations ---------------- */

    CancellationRegistration register(Runnable callback) {
        if (state == ACTIVE) {
            Registration r = new Registration(callback);
            lock.lock();
            try {
                if (state == ACTIVE) {
                    link(r);
                    return r;
                }
            } finally {
                lock.unlock();
            }
        }
        callback.run();
        return CancellationRegistration.EMPTY;
    }

    private void link(Registration r) {
        r.linked = true;
        r.prev = tail;
        if (tail != null) {
            tail.next = r;
        }
        tail = r;
    }

    private void unlink(Registration r) {
        if (r.prev != null) {
            r.prev.next = r.next;
        }
        if (r.next == null) {
            tail = r.prev;
        } else {
            r.next.prev = r.prev;
        }
        r.prev = r.next = null;
        r.linked = false;
    }

    private final class Registration implements CancellationRegistration {
        final Runnable callback;
        Registration prev;
        Registration next;
        boolean linked;

        Registration(Runnable callback) {
            this.callback = callback;
        }

        @Override
        public boolean unregister() {
            lock.lock();
            try {
                if (linked) {
                    unlink(this);
                    return true;
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (linked) {
                    unlink(this);
                    return;
                }
                while (executing == this && notifier != Thread.currentThread()) {
                    done.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "CancellationTokenSource[" + (isCancellationRequested() ? "cancelled" : "active") + ']';
    }
}
