package dev.awaitable.internal;

/**
 * Where the runtime's own platform threads live: daemon threads in the JVM's top thread group.
 *
 * <p>Daemon, so none of them keeps the JVM alive after the program's last non-daemon thread
 * ends. In the top group, not in the group of whichever thread happened to start them first, so
 * a host that cleans up a program's thread group when its {@code main} returns (Maven's
 * {@code exec:java} interrupts and joins every thread of it, 15 s each) finds none of ours to
 * wait for. Threads of ours that park also clear a stray interrupt before parking again, so an
 * interrupt can never turn their wait into a busy loop; they stay in service, since a timer or
 * worker that quit on an interrupt would strand the work queued on it.
 */
public final class LibraryThreads {
    private LibraryThreads() {}

    /** The JVM's top thread group (the "system" group). */
    public static ThreadGroup group() {
        return Holder.TOP;
    }

    /** A daemon platform thread in {@link #group()}, not inheriting inheritable thread-locals. */
    public static Thread newThread(Runnable task, String name) {
        Thread t = new Thread(group(), task, name, 0, false);
        t.setDaemon(true);
        return t;
    }

    private static final class Holder {
        static final ThreadGroup TOP = top();

        private static ThreadGroup top() {
            ThreadGroup g = Thread.currentThread().getThreadGroup();
            if (g == null) { // a terminated thread (cannot be the caller), or a virtual thread in future JDKs
                g = new Thread(() -> {}).getThreadGroup();
            }
            while (g.getParent() != null) {
                g = g.getParent();
            }
            return g;
        }
    }
}
