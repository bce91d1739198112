package dev.awaitable.loom;

import dev.awaitable.internal.Diagnostics;
import java.util.concurrent.Executor;

/**
 * {@link LoomBackend#scheduler()}: one virtual thread per task (continuations without a context,
 * forced yields without a context, {@code Awaitables.run}). Work that blocks parks its own virtual
 * thread instead of holding a pool thread. With a per-body scheduler the task's thread gets a
 * {@link Strand} too, so it runs on the {@link Carriers} and a body it starts is handed over
 * eagerly like any nested body; otherwise it is a plain virtual thread.
 */
final class TaskScheduler implements Executor {

    private final boolean scheduled;

    TaskScheduler(boolean scheduled) {
        this.scheduled = scheduled;
    }

    @Override
    public void execute(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                Diagnostics.postedWorkFailed("the loom scheduler", t);
            }
        };
        if (scheduled) {
            Strand s = new Strand(null, true);
            s.thread = VirtualThreads.newThread(s, VirtualThreads.TASK_THREAD_NAME, guarded);
            s.thread.start();
        } else {
            Thread.ofVirtual().name(VirtualThreads.TASK_THREAD_NAME).start(guarded);
        }
    }

    @Override
    public String toString() {
        return "loom scheduler (a virtual thread per task" + (scheduled ? ", on the loom carriers)" : ")");
    }
}
