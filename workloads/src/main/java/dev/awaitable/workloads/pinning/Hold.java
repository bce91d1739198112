package dev.awaitable.workloads.pinning;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongBinaryOperator;

/**
 * What a {@code pinning} task holds around its await: its own monitor, its own
 * {@link ReentrantLock}, or nothing. Each task has its own lock, so tasks never contend: what
 * the workload measures is what holding costs the runtime, not lock contention.
 */
enum Hold {
    MONITOR,
    REENTRANT_LOCK,
    NONE;

    static Hold of(String id) {
        return switch (id) {
            case "monitor" -> MONITOR;
            case "reentrant-lock" -> REENTRANT_LOCK;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("hold " + id);
        };
    }

    /** One lock per task, for {@link #locked}. */
    Object[] locks(int tasks) {
        Object[] locks = new Object[tasks];
        for (int i = 0; i < tasks; i++) {
            locks[i] = this == REENTRANT_LOCK ? new ReentrantLock() : new Object();
        }
        return locks;
    }

    /**
     * Computes {@code section(a, b)} holding {@code lock} as this mode says. For implementations
     * whose code between two awaits is one such section (statemachine, CompletableFuture). The
     * section takes its inputs as arguments so that callers pass non-capturing lambdas, which
     * allocate nothing.
     */
    long locked(Object lock, long a, long b, LongBinaryOperator section) {
        switch (this) {
            case MONITOR -> {
                synchronized (lock) {
                    return section.applyAsLong(a, b);
                }
            }
            case REENTRANT_LOCK -> {
                ReentrantLock l = (ReentrantLock) lock;
                l.lock();
                try {
                    return section.applyAsLong(a, b);
                } finally {
                    l.unlock();
                }
            }
            case NONE -> {
                return section.applyAsLong(a, b);
            }
            default -> throw new IllegalStateException("hold " + this);
        }
    }
}
