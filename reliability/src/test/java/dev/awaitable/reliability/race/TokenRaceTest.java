package dev.awaitable.reliability.race;

import dev.awaitable.CancellationRegistration;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Cancellation token registrations under races (CancellationTokenSource's notes: "register()
 * links the node under the lock only if ACTIVE; otherwise it runs the callback itself ... each
 * callback runs exactly once"; close() waits for a callback running elsewhere).
 */
class TokenRaceTest {

    static final int ITERATIONS = Stress.scaled(5_000);

    static final class Token {
        final CancellationTokenSource cts = new CancellationTokenSource();
        final AtomicInteger runs = new AtomicInteger();
        volatile String canceller;
        volatile String ranOn;
        volatile Boolean unregistered;

        void callback() {
            runs.incrementAndGet();
            ranOn = Thread.currentThread().getName();
        }
    }

    /** register racing cancel: the callback runs exactly once, on the cancelling thread or at once in register. */
    @Test
    void registerVersusCancel() {
        Race.of("token: register vs cancel", Token::new)
                .actor(s -> {
                    s.canceller = Thread.currentThread().getName();
                    Tally.FAULTS.incrementAndGet();
                    s.cts.cancel();
                })
                .actor(s -> s.cts.token().register(s::callback))
                .arbiter(s -> s.runs.get() != 1
                        ? "ran " + s.runs.get() + " times"
                        : s.ranOn.equals(s.canceller) ? "ran once, by cancel" : "ran once, in register")
                .acceptable("ran once, by cancel", "linked while ACTIVE; cancel took it from the list")
                .acceptable("ran once, in register", "cancel came first; register ran the callback itself")
                .forbidden("ran 0 times", "the callback was lost between the state check and the link")
                .forbidden("ran 2 times", "run from the list and by register")
                .run(ITERATIONS);
    }

    /** register then unregister racing cancel: a successful unregister means it never runs; otherwise it ran once. */
    @Test
    void unregisterVersusCancel() {
        Race.of("token: register + unregister vs cancel", Token::new)
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.cts.cancel();
                })
                .actor(s -> s.unregistered = s.cts.token().register(s::callback).unregister())
                .arbiter(s -> "unregister " + s.unregistered + ", ran " + s.runs.get())
                .acceptable("unregister true, ran 0", "unregistered before cancel reached it: it never runs")
                .acceptable("unregister false, ran 1", "cancel took it first (or register ran it at once)")
                .forbidden("unregister true, ran 1", "removed and run")
                .forbidden("unregister false, ran 0", "neither removed nor run: lost")
                .run(ITERATIONS);
    }

    static final class Closing {
        final CancellationTokenSource cts = new CancellationTokenSource();
        final AtomicInteger runs = new AtomicInteger();
        volatile boolean running;
        volatile String afterClose;
        final CancellationRegistration registration = cts.token().register(() -> {
            running = true;
            for (int i = 0; i < 200; i++) {
                Thread.onSpinWait(); // a callback that takes a moment, so close() can catch it running
            }
            runs.incrementAndGet();
            running = false;
        });
    }

    /**
     * close() racing the callback run by cancel on another thread: once close() returns the
     * callback is not running and will not start.
     */
    @Test
    void closeVersusRunningCallback() {
        Race.of("token: close a registration vs its callback running", Closing::new)
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.cts.cancel();
                })
                .actor(s -> {
                    s.registration.close();
                    s.afterClose = (s.running ? "running" : "not running") + " with " + s.runs.get() + " runs";
                })
                .arbiter(s -> "after close: " + s.afterClose + ", in the end " + s.runs.get() + " runs")
                .acceptable(
                        "after close: not running with 0 runs, in the end 0 runs",
                        "closed before cancel reached it: it never ran")
                .acceptable(
                        "after close: not running with 1 runs, in the end 1 runs",
                        "cancel ran it first; close() returned after it finished (waiting if it was mid-run)")
                .forbidden(
                        "after close: running with 0 runs, in the end 1 runs",
                        "close() returned while the callback was running")
                .forbidden(
                        "after close: not running with 0 runs, in the end 1 runs",
                        "the callback started after close() returned")
                .run(ITERATIONS);
    }

    static final class Linked {
        final CancellationTokenSource parent = new CancellationTokenSource();
        volatile CancellationTokenSource linked;
    }

    /**
     * A linked source created while its parent is cancelled ends cancelled either way. Fewer
     * iterations: both sides take the same locks, and each contended hand-off costs a park and
     * an unpark (about 0.1 ms on a two-core VM).
     */
    @Test
    void createLinkedVersusParentCancel() {
        Race.of("token: createLinked vs parent cancel", Linked::new)
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.parent.cancel();
                })
                .actor(s -> s.linked = CancellationTokenSource.createLinked(s.parent.token()))
                .arbiter(s -> "linked " + (s.linked.isCancellationRequested() ? "cancelled" : "active"))
                .acceptable(
                        "linked cancelled",
                        "the parent's cancel reached the linked source, through the list or at once")
                .forbidden("linked active", "the linked source missed its parent's cancellation")
                .run(ITERATIONS / 5);
    }

    /** Two cancels at once: every callback runs exactly once. */
    @Test
    void cancelVersusCancel() {
        Race.of("token: cancel vs cancel", () -> {
                    Token t = new Token();
                    t.cts.token().register(t::callback);
                    return t;
                })
                .actor(s -> s.cts.cancel())
                .actor(s -> s.cts.cancel())
                .arbiter(s -> "ran " + s.runs.get())
                .acceptable("ran 1", "one cancel ran the callback, the other returned at once")
                .forbidden("ran 2", "both cancels ran it")
                .forbidden("ran 0", "neither ran it")
                .run(ITERATIONS);
    }
}
