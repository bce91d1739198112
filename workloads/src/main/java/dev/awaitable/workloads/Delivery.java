package dev.awaitable.workloads;

/**
 * Where the "I/O" completions a workload awaits are delivered: what decides whether an OS
 * thread wake-up sits in the measured path.
 */
public enum Delivery {
    /**
     * On the thread the async code runs on, by an event loop the run owns (as an epoll loop
     * delivers readiness): every await really suspends and resumes, but no OS wake-up happens
     * inside the batch. The default, for what suspending, resuming and composing cost. The
     * blocking peer cannot work this way: its awaits are blocked platform threads.
     */
    SAME_THREAD(
            "same-thread", "completions delivered on the thread the async code runs on, by the run's own event loop"),
    /**
     * By another thread: every hand-off crosses threads. Only where crossing is the point
     * (ping-pong between threads, offloading CPU work, fan-out over workers, timers).
     */
    CROSS_THREAD("cross-thread", "completions delivered by another thread: every hand-off crosses threads");

    private final String id;
    private final String description;

    Delivery(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The delivery with this id; an IllegalArgumentException listing the valid ones otherwise. */
    public static Delivery byId(String id) {
        for (Delivery d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown delivery '" + id + "'; valid: same-thread, cross-thread");
    }
}
