package dev.awaitable.reliability.lincheck;

import dev.awaitable.CancellationRegistration;
import dev.awaitable.CancellationTokenSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CancellationTokenSource}: {@code register}, {@code cancel}, unregistering and closing a
 * registration, and closing the source, checked by Lincheck against the same source run
 * sequentially ({@code cancelAfter} and its timer are {@link CancelAfterLincheckTest}'s).
 *
 * <p>Linearizable: whether cancellation was requested, and whether a registration ran its
 * callback at once (it does exactly when the source is already cancelled). Checked once every
 * thread is done ({@link #eachCallbackRanAtMostOnceAndOnlyIfItShould}): a callback runs at most
 * once; it runs if the source was cancelled and it was neither unregistered nor closed before
 * cancel reached it, and never if not cancelled; once {@code close()} of its registration
 * returned it is not running and does not run again. {@code unregister}'s result is checked
 * there too, not compared as an operation's result: cancel runs the callbacks one at a time
 * after it flipped the state, so an unregister may succeed after another thread already saw
 * the source cancelled (as in .NET, where unregistering a callback that has not started yet
 * succeeds during cancellation).
 */
@Param(name = "registration", gen = IntGen.class, conf = "0:2")
@Tag("lincheck")
@ExtendWith(QuietUnobservedFaults.class)
public class CancellationTokenSourceLincheckTest {

    private final CancellationTokenSource cts = new CancellationTokenSource();
    /** Every registration made, in order; guarded by this. */
    private final List<Callback> callbacks = new ArrayList<>();

    @Operation
    public void cancel() {
        cts.cancel();
    }

    @Operation
    public boolean isCancellationRequested() {
        return cts.isCancellationRequested();
    }

    /** Registers a callback; "ran at once" if the source was already cancelled. */
    @Operation
    public String register() {
        Callback c = new Callback();
        synchronized (this) {
            callbacks.add(c);
        }
        c.registration = cts.token().register(c);
        return c.runs.get() > 0 && c.ranOn == Thread.currentThread() ? "ran at once" : "registered";
    }

    @Operation
    public void unregister(@Param(name = "registration") int i) {
        Callback c = callback(i);
        if (c != null && c.registration != null) {
            boolean removed = c.registration.unregister();
            if (removed) {
                c.unregistered = true;
            }
        }
    }

    /** Closes a registration; records what its callback was doing the moment close() returned. */
    @Operation
    public void closeRegistration(@Param(name = "registration") int i) {
        Callback c = callback(i);
        if (c != null && c.registration != null) {
            c.registration.close();
            c.closedWithRuns = c.runs.get();
            c.runningWhenClosed = c.running;
        }
    }

    /** Closing the source releases its timer and links; it does not cancel. */
    @Operation
    public void close() {
        cts.close();
    }

    private synchronized Callback callback(int i) {
        return i < callbacks.size() ? callbacks.get(i) : null;
    }

    /** A callback that counts its runs and says while it runs; a named class for Lincheck's traces. */
    private static final class Callback implements Runnable {
        volatile CancellationRegistration registration;
        final AtomicInteger runs = new AtomicInteger();
        volatile boolean running;
        volatile Thread ranOn;
        volatile boolean unregistered;
        volatile int closedWithRuns = -1;
        volatile boolean runningWhenClosed;

        @Override
        public void run() {
            running = true;
            ranOn = Thread.currentThread();
            runs.incrementAndGet();
            running = false;
        }
    }

    @Validate
    public synchronized void eachCallbackRanAtMostOnceAndOnlyIfItShould() {
        boolean cancelled = cts.isCancellationRequested();
        for (int i = 0; i < callbacks.size(); i++) {
            Callback c = callbacks.get(i);
            boolean closed = c.closedWithRuns >= 0;
            if (closed && (c.runningWhenClosed || c.runs.get() != c.closedWithRuns)) {
                throw new AssertionError("registration " + i + ": close() returned while its callback was "
                        + (c.runningWhenClosed ? "running" : "still to run"));
            }
            boolean removed = c.unregistered || (closed && c.closedWithRuns == 0);
            int expected = cancelled && !removed ? 1 : 0;
            if (c.runs.get() != expected) {
                throw new AssertionError("registration " + i + " ran " + c.runs.get() + " times, expected " + expected
                        + " (cancelled " + cancelled + ", unregistered " + c.unregistered + ", closed " + closed + ")");
            }
        }
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelChecking(MODEL_SCENARIOS, MODEL_INVOCATIONS).check(getClass());
    }

    @Test
    void stress() {
        LincheckRuns.stress().check(getClass());
    }

    /** Fewer than the package's default: every step of the source's lock is explored too. */
    static final int MODEL_SCENARIOS = 6;

    static final int MODEL_INVOCATIONS = 120;
}
