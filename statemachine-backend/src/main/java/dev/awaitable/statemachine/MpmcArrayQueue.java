package dev.awaitable.statemachine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded multi-producer multi-consumer FIFO on an array, without allocation per element
 * (Dmitry Vyukov's bounded MPMC queue). Each cell carries a sequence number that says whose
 * turn it is: a producer may fill cell {@code i} when its sequence equals the producer's
 * position, a consumer may empty it when it equals position + 1.
 *
 * <p>Race (two producers, one position): both read the cell as free; the CAS on
 * {@code enqueuePosition} lets exactly one claim it; the loser re-reads the position. The same
 * holds for consumers on {@code dequeuePosition}. The element is published by the release
 * store of the sequence after it is written, and read after the acquire load that sees it.
 */
final class MpmcArrayQueue {
    private final long[] sequences;
    private final Object[] buffer;
    private final int mask;

    // Positions on their own cache lines: producers and consumers do not share a line.
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long enqueuePosition;
    @SuppressWarnings("unused")
    private long q01, q02, q03, q04, q05, q06, q07;
    private volatile long dequeuePosition;
    @SuppressWarnings("unused")
    private long r01, r02, r03, r04, r05, r06, r07;

    MpmcArrayQueue(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        sequences = new long[capacityPowerOfTwo];
        buffer = new Object[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
        for (int i = 0; i < capacityPowerOfTwo; i++) {
            sequences[i] = i;
        }
    }

    /** Adds {@code e}; false if full. */
    boolean offer(Object e) {
        long pos = enqueuePosition;
        for (; ; ) {
            int i = (int) pos & mask;
            long seq = (long) SEQ.getAcquire(sequences, i);
            long dif = seq - pos;
            if (dif == 0) {
                if (ENQ.compareAndSet(this, pos, pos + 1)) {
                    buffer[i] = e;
                    SEQ.setRelease(sequences, i, pos + 1);
                    return true;
                }
                pos = enqueuePosition;
            } else if (dif < 0) {
                return false;
            } else {
                pos = enqueuePosition;
            }
        }
    }

    /** The oldest element, or null if empty. */
    Object poll() {
        long pos = dequeuePosition;
        for (; ; ) {
            int i = (int) pos & mask;
            long seq = (long) SEQ.getAcquire(sequences, i);
            long dif = seq - (pos + 1);
            if (dif == 0) {
                if (DEQ.compareAndSet(this, pos, pos + 1)) {
                    Object e = buffer[i];
                    buffer[i] = null;
                    SEQ.setRelease(sequences, i, pos + mask + 1);
                    return e;
                }
                pos = dequeuePosition;
            } else if (dif < 0) {
                return null;
            } else {
                pos = dequeuePosition;
            }
        }
    }

    /** A snapshot: true if nothing was enqueued that was not yet dequeued. */
    boolean isEmpty() {
        return dequeuePosition >= enqueuePosition;
    }

    // VarHandle mechanics
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ENQ;
    private static final VarHandle DEQ;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ENQ = l.findVarHandle(MpmcArrayQueue.class, "enqueuePosition", long.class);
            DEQ = l.findVarHandle(MpmcArrayQueue.class, "dequeuePosition", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
