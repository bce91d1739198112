package dev.awaitable.statemachine;

import dev.awaitable.internal.Diagnostics;
import dev.awaitable.internal.LibraryThreads;
import dev.awaitable.spi.ScheduledAction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A hashed timing wheel: the statemachine backend's timer for {@code delay},
 * {@code withTimeout} and {@code cancelAfter}. Holds a million pending timeouts at one small
 * object each, inserts and cancels in O(1), and frees a cancelled timeout's memory within a tick.
 *
 * <p>Overview. Time is cut into ticks of {@link #TICK_NANOS}; a timeout due at tick {@code d}
 * lives in bucket {@code d & MASK}, a doubly linked list of {@link Entry} nodes owned by the
 * timer thread. Other threads never touch buckets: they push new entries, and entries they
 * cancel, onto two lock-free stacks ({@code inserts}, {@code cancels}) linked through the
 * entries themselves, which the timer thread drains at every tick. At tick {@code t} the
 * thread visits bucket {@code t & MASK} and expires each entry with {@code dueTick <= t}
 * (entries due a whole revolution later stay). Expired tasks are handed to the scheduler, never
 * run on the timer thread, so a slow continuation cannot delay other timers.
 *
 * <p>Entry states: PENDING (pushed, not yet in a bucket) -> SCHEDULED (in a bucket) -> FIRED,
 * or -> CANCELLED from either. Race (cancel vs bucketing): both are CASes on the entry's
 * state. If cancel wins against PENDING, the timer thread finds CANCELLED when draining inserts
 * and drops the entry; if the timer thread wins (SCHEDULED), cancel pushes the entry onto
 * {@code cancels} and the timer thread unlinks it. Either way the task reference is cleared at
 * once by cancel, and the node is unreachable by the next tick. Race (cancel vs fire): one CAS
 * from SCHEDULED wins; a task is run at most once, and never after a successful cancel.
 *
 * <p>Sleeping: with entries pending, the thread wakes every tick; with none it parks until an
 * insert arrives. An insert unparks it only if it is parked for longer than the new entry's
 * due time ({@code sleepState}, {@code wakeAt}), so schedules from a busy program do not wake it each time.
 */
final class TimerWheel {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int WHEEL = 4096;
    private static final int MASK = WHEEL - 1;

    private static final int PENDING = 0;
    private static final int SCHEDULED = 1;
    private static final int FIRED = 2;
    private static final int CANCELLED = 3;

    private static final int AWAKE = 0;
    private static final int TIMED = 1;
    private static final int FOREVER = 2;

    private final Executor dispatcher;
    private final String threadName;
    private final long origin = System.nanoTime();
    private final Entry[] heads = new Entry[WHEEL];
    private final AtomicLong size = new AtomicLong();
    private volatile Entry inserts;
    private volatile Entry cancels;
    /** AWAKE, TIMED (parked until {@code wakeAt}) or FOREVER (parked with nothing pending). */
    private volatile int sleepState = AWAKE;

    private volatile long wakeAt;
    private volatile Thread thread;
    /** The last tick processed; timer thread only. */
    private long tick;

    TimerWheel(String threadName, Executor dispatcher) {
        this.threadName = threadName;
        this.dispatcher = dispatcher;
    }

    /** Timeouts scheduled and neither fired nor cancelled-and-unlinked yet. */
    long pending() {
        return size.get();
    }

    /* ---------------- Any thread ---------------- */

    ScheduledAction schedule(Runnable task, long delayNanos) {
        long now = System.nanoTime();
        long deadline = now + Math.max(0L, delayNanos);
        // Round up: the task must not run before its deadline.
        long dueTick = Math.ceilDiv(deadline - origin, TICK_NANOS);
        Entry e = new Entry(this, task, dueTick);
        size.incrementAndGet();
        push(INSERTS, e);
        Thread t = thread;
        if (t == null) {
            t = startThread();
        }
        int sleeping = sleepState;
        if (sleeping == FOREVER || (sleeping == TIMED && deadline - wakeAt < 0)) {
            LockSupport.unpark(t);
        }
        return e;
    }

    private synchronized Thread startThread() {
        Thread t = thread;
        if (t == null) {
            t = LibraryThreads.newThread(this::loop, threadName);
            t.start();
            thread = t;
        }
        return t;
    }

    private void push(VarHandle stack, Entry e) {
        for (; ; ) {
            Entry head = (Entry) stack.getVolatile(this);
            e.nextQueued = head;
            if (stack.compareAndSet(this, head, e)) {
                return;
            }
        }
    }

    /* ---------------- Timer thread ---------------- */

    private void loop() {
        tick = currentTick();
        for (; ; ) {
            try {
                drainCancels();
                drainInserts();
                long now = currentTick();
                long from = tick + 1;
                long to = Math.min(now, tick + WHEEL); // a whole revolution visits every bucket
                for (long t = from; t <= to; t++) {
                    expire((int) (t & MASK), now);
                }
                tick = now;
                sleep();
            } catch (Throwable t) {
                Diagnostics.error("timer wheel " + threadName + " failed; continuing", t);
            }
        }
    }

    private long currentTick() {
        return (System.nanoTime() - origin) / TICK_NANOS;
    }

    /**
     * Parks until the next tick, or until an insert if nothing is pending. Race (insert vs
     * park): we publish the sleep state, then re-check {@code inserts}; a scheduler pushes, then
     * reads the sleep state. Both volatile: one of us sees the other.
     */
    private void sleep() {
        if (size.get() == 0) {
            sleepState = FOREVER;
            if (inserts == null && cancels == null) {
                LockSupport.park(this);
            }
        } else {
            long wake = origin + (tick + 1) * TICK_NANOS;
            wakeAt = wake;
            sleepState = TIMED;
            long nanos = wake - System.nanoTime();
            if (nanos > 0 && cancels == null) {
                LockSupport.parkNanos(this, nanos);
            }
        }
        sleepState = AWAKE;
        Thread.interrupted(); // a stray interrupt must not turn the parks above into a busy loop
    }

    private void drainInserts() {
        Entry e = (Entry) INSERTS.getAndSet(this, null);
        while (e != null) {
            Entry next = e.nextQueued;
            e.nextQueued = null;
            if (!STATE.compareAndSet(e, PENDING, SCHEDULED)) {
                size.decrementAndGet(); // cancelled before it reached a bucket
            } else if (e.dueTick > tick) {
                link(e);
            } else if (STATE.compareAndSet(e, SCHEDULED, FIRED)) { // already due: do not wait a revolution
                size.decrementAndGet();
                fire(e);
            } // else cancelled just now: it is on the cancels stack, which accounts for it
            e = next;
        }
    }

    private void drainCancels() {
        Entry e = (Entry) CANCELS.getAndSet(this, null);
        while (e != null) {
            Entry next = e.nextQueued;
            e.nextQueued = null;
            unlink(e); // no-op if expire() already unlinked it while losing the race to cancel
            size.decrementAndGet();
            e = next;
        }
    }

    private void expire(int bucket, long now) {
        Entry e = heads[bucket];
        while (e != null) {
            Entry next = e.next;
            if (e.dueTick <= now) {
                unlink(e);
                if (STATE.compareAndSet(e, SCHEDULED, FIRED)) {
                    size.decrementAndGet();
                    fire(e);
                }
            }
            e = next;
        }
    }

    private void fire(Entry e) {
        Runnable task = e.task;
        e.task = null;
        if (task != null) {
            try {
                dispatcher.execute(task);
            } catch (Throwable t) {
                Diagnostics.error("timer task could not be dispatched", t);
            }
        }
    }

    private void link(Entry e) {
        int b = (int) (e.dueTick & MASK);
        Entry head = heads[b];
        e.next = head;
        e.prev = null;
        if (head != null) {
            head.prev = e;
        }
        heads[b] = e;
        e.linked = true;
    }

    private void unlink(Entry e) {
        if (!e.linked) {
            return;
        }
        int b = (int) (e.dueTick & MASK);
        if (e.prev == null) {
            heads[b] = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = e.next = null;
        e.linked = false;
    }

    /** One timeout: a node in a bucket's list, and the handle its scheduler cancels it with. */
    static final class Entry implements ScheduledAction {
        final TimerWheel wheel;
        final long dueTick;
        volatile Runnable task;

        @SuppressWarnings("unused") // via STATE
        volatile int state;
        /** Link in the inserts or cancels stack (an entry is in at most one at a time). */
        Entry nextQueued;
        /** Bucket links and membership; timer thread only. */
        Entry prev;

        Entry next;
        boolean linked;

        Entry(TimerWheel wheel, Runnable task, long dueTick) {
            this.wheel = wheel;
            this.task = task;
            this.dueTick = dueTick;
        }

        @Override
        public boolean cancel() {
            for (; ; ) {
                int s = state;
                if (s == FIRED || s == CANCELLED) {
                    return false;
                }
                if (STATE.compareAndSet(this, s, CANCELLED)) {
                    task = null;
                    if (s == SCHEDULED) {
                        wheel.push(CANCELS, this);
                    }
                    return true;
                }
            }
        }
    }

    // VarHandle mechanics
    private static final VarHandle INSERTS;
    private static final VarHandle CANCELS;
    private static final VarHandle STATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INSERTS = l.findVarHandle(TimerWheel.class, "inserts", Entry.class);
            CANCELS = l.findVarHandle(TimerWheel.class, "cancels", Entry.class);
            STATE = l.findVarHandle(Entry.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
