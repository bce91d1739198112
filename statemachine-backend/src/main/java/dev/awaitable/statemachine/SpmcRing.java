package dev.awaitable.statemachine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's local run queue: one producer (the owning worker) appends at the tail without
 * atomics; any thread (the owner, or an idle worker stealing) takes from the head with a CAS.
 * FIFO, bounded, allocation-free.
 *
 * <p>Race (take vs wrap-around): a taker reads slot {@code head & mask} and then CASes
 * {@code head}. The producer writes a slot only while {@code tail - head < capacity}, so the
 * slot at {@code head} cannot be overwritten while {@code head} is unchanged; if the CAS
 * succeeds the element read is the one that was there. After taking, the slot is cleared by
 * CAS against the element taken, so a value the producer wrote since is never erased.
 */
final class SpmcRing {
    private final Object[] slots;
    private final int mask;
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long head;
    @SuppressWarnings("unused")
    private long q01, q02, q03, q04, q05, q06, q07;
    private volatile long tail;

    SpmcRing(int capacityPowerOfTwo) {
        slots = new Object[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    /** Owner only. False if full. */
    boolean offer(Object e) {
        long t = tail;
        if (t - head >= slots.length) {
            return false;
        }
        SLOT.setRelease(slots, (int) t & mask, e);
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Any thread: the oldest element, or null. */
    Object poll() {
        for (; ; ) {
            long h = head;
            if (h >= tail) {
                return null;
            }
            int i = (int) h & mask;
            Object e = SLOT.getAcquire(slots, i);
            if (HEAD.compareAndSet(this, h, h + 1)) {
                SLOT.compareAndSet(slots, i, e, null);
                return e;
            }
        }
    }

    boolean isEmpty() {
        return head >= tail;
    }

    // VarHandle mechanics
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(SpmcRing.class, "head", long.class);
            TAIL = l.findVarHandle(SpmcRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
