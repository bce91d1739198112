package dev.awaitable.reliability;

import dev.awaitable.statemachine.StatemachineBackend;
import java.lang.reflect.Method;

/** Pending timer entries of a backend's timer, for checks that a cancelled timeout frees its entry. */
public final class Timers {

    private Timers() {}

    /** Entries scheduled and neither fired nor cancelled-and-removed. */
    public static long pending(String backend) {
        return switch (backend) {
            case "statemachine" -> StatemachineBackend.pendingTimers();
            case "loom" -> loomPending();
            default -> throw new IllegalArgumentException("backend " + backend);
        };
    }

    /**
     * The loom timer's queue size. {@code LoomTimer.pending()} is package-private (the loom
     * backend's own tests use it); on the class path reflection reaches it without widening the
     * backend's API.
     */
    private static long loomPending() {
        try {
            Method m = Class.forName("dev.awaitable.loom.LoomTimer").getDeclaredMethod("pending");
            m.setAccessible(true);
            return ((Number) m.invoke(null)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the loom timer's queue", e);
        }
    }
}
