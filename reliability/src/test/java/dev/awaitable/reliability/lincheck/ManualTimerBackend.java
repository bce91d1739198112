package dev.awaitable.reliability.lincheck;

import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.CancellationToken;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.spi.ScheduledAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A backend whose timer fires only when told to ({@link #fireAll}), so that a model check can
 * make "the timer fires" one more operation on one more thread, at any point of a scenario,
 * instead of a real timer thread that the model checker does not control. Continuations that
 * would be scheduled run inline. One timer for the JVM: Lincheck runs one scenario at a time,
 * and each test instance starts with {@link #reset}.
 */
final class ManualTimerBackend implements AsyncBackend {

    static final ManualTimerBackend INSTANCE = new ManualTimerBackend();

    /** Scheduled tasks not yet fired nor cancelled; guarded by this. */
    private final List<Entry> pending = new ArrayList<>();

    private ManualTimerBackend() {}

    synchronized void reset() {
        pending.clear();
    }

    /** Fires every task scheduled and not cancelled so far, on the calling thread; returns how many. */
    int fireAll() {
        List<Entry> due;
        synchronized (this) {
            due = new ArrayList<>(pending);
            pending.clear();
        }
        int fired = 0;
        for (Entry e : due) {
            if (e.claim()) {
                e.task.run();
                fired++;
            }
        }
        return fired;
    }

    /** A scheduled task; fired or cancelled once, whichever claims it first. */
    private static final class Entry implements ScheduledAction {
        final Runnable task;
        private boolean claimed;

        Entry(Runnable task) {
            this.task = task;
        }

        synchronized boolean claim() {
            if (claimed) {
                return false;
            }
            claimed = true;
            return true;
        }

        @Override
        public boolean cancel() {
            return claim();
        }
    }

    @Override
    public synchronized ScheduledAction schedule(Runnable task, long delayNanos) {
        Entry e = new Entry(task);
        pending.add(e);
        return e;
    }

    @Override
    public String name() {
        return "manual-timer";
    }

    @Override
    public String description() {
        return "model checks: a timer fired by an operation, continuations inline";
    }

    @Override
    public Executor scheduler() {
        return Runnable::run;
    }

    @Override
    public <T> Awaitable<T> run(AsyncBody<T> body) {
        throw new UnsupportedOperationException("model checks run no async bodies");
    }

    @Override
    public <T> T await(AwaitableLike<T> awaitable, CancellationToken token) {
        throw new UnsupportedOperationException("model checks run no async bodies");
    }

    @Override
    public boolean supportsDirectStyle() {
        return false;
    }
}
