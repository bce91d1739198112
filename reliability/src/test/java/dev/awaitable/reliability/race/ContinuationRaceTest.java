package dev.awaitable.reliability.race;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Stress;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Completion racing continuation registration on {@link Awaitable}: the protocol in Awaitable's
 * implementation notes ("a registrar that wins the CAS before the swap is run by the completer;
 * one that loses sees DONE (or a sealed list) and runs its continuation itself"), checked under
 * real races. No backend is involved: continuations run inline on whichever thread wins.
 */
class ContinuationRaceTest {

    static final int ITERATIONS = Stress.scaled(10_000);

    /** Who ran a continuation, and how often. */
    static final class Probe implements Runnable {
        final AtomicInteger runs = new AtomicInteger();
        volatile String ranOn;

        @Override
        public void run() {
            runs.incrementAndGet();
            ranOn = Thread.currentThread().getName();
        }

        /** "completer", "registrar", or "none"/"twice" for the forbidden cases. */
        String who(String completerThread) {
            int n = runs.get();
            if (n != 1) {
                return n == 0 ? "none" : n + " times";
            }
            return ranOn.equals(completerThread) ? "completer" : "registrar";
        }
    }

    static final class Single {
        final CompletionSource<Integer> source = new CompletionSource<>();
        final Probe k = new Probe();
        volatile String completer;
    }

    /** One continuation registered while another thread completes: it runs exactly once, on one of the two. */
    @Test
    void singleContinuationRunsExactlyOnce() {
        Race.of("complete vs register one continuation", Single::new)
                .actor(s -> {
                    s.completer = Thread.currentThread().getName();
                    s.source.trySetResult(1);
                })
                .actor(s -> s.source.awaitable().unsafeOnCompleted(s.k))
                .arbiter(s -> "ran by " + s.k.who(s.completer))
                .acceptable(
                        "ran by completer", "registered first (CAS null -> k won); the completer took it and ran it")
                .acceptable(
                        "ran by registrar",
                        "completed first (DONE swapped in); the registrar saw DONE and ran it itself")
                .forbidden("ran by none", "lost continuation: registered after the swap but never run (a lost wake-up)")
                .forbidden("ran by 2 times", "run by both sides")
                .run(ITERATIONS);
    }

    static final class Listed {
        final CompletionSource<Integer> source = new CompletionSource<>();
        final Probe k0 = new Probe();
        final Probe k1 = new Probe();
        final Probe k2 = new Probe();
        /** The continuations the completer ran, in the order it ran them (read after the actors returned). */
        final StringBuilder order = new StringBuilder();

        volatile String completer;

        Listed() {
            source.awaitable().unsafeOnCompleted(() -> ran('0', k0));
        }

        void ran(char id, Probe k) {
            if (Thread.currentThread().getName().equals(completer)) {
                order.append(id);
            }
            k.run();
        }
    }

    /**
     * With one continuation already registered, two more registrations race completion: the
     * second turns the single continuation into a ContinuationList, the third adds to it while
     * the completer may be sealing it. Each runs once; those run by the completer run in
     * registration order; once a registrar had to run one itself, the list was sealed, so the
     * later one is run by the registrar too.
     */
    @Test
    void continuationListRunsEachOnceInOrder() {
        Race.of("complete vs register into a ContinuationList", Listed::new)
                .actor(s -> {
                    s.completer = Thread.currentThread().getName();
                    s.source.trySetResult(1);
                })
                .actor(s -> {
                    s.source.awaitable().unsafeOnCompleted(() -> s.ran('1', s.k1));
                    s.source.awaitable().unsafeOnCompleted(() -> s.ran('2', s.k2));
                })
                .arbiter(s -> "k0 " + s.k0.who(s.completer) + ", k1 " + s.k1.who(s.completer) + ", k2 "
                        + s.k2.who(s.completer) + ", completer ran " + s.order)
                .acceptable(
                        "k0 completer, k1 completer, k2 completer, completer ran 012",
                        "both registered before completion (list of 3, sealed and run in order by the completer)")
                .acceptable(
                        "k0 completer, k1 completer, k2 registrar, completer ran 01",
                        "k1 made the list; the completer sealed it before k2's add, so the registrar ran k2")
                .acceptable(
                        "k0 completer, k1 registrar, k2 registrar, completer ran 0",
                        "completion swapped in DONE before k1: the registrar ran both itself")
                .forbidden(
                        "k0 completer, k1 registrar, k2 completer, completer ran 02",
                        "k2 joined a list after k1 found it sealed: impossible if sealing is final")
                .run(ITERATIONS);
    }

    static final class Joined {
        final CompletionSource<Integer> source = new CompletionSource<>();
        volatile Object joined;
    }

    /**
     * A blocking join racing completion: the joiner's Signaller is either registered before the
     * swap (and unparked by the completer) or finds the result; it never sleeps through it. The
     * join is bounded (10 s) so a lost wake-up shows as a timeout instead of a hang.
     */
    @Test
    void joinRacingCompletionNeverMissesTheWakeUp() {
        Race.of("complete vs join", Joined::new)
                .actor(s -> s.source.trySetResult(7))
                .actor(s -> s.joined = Race.joinedOrTimeout(s.source.awaitable()))
                .arbiter(s -> "joined " + s.joined)
                .acceptable("joined 7", "the joiner returned the value, whether it parked or found it complete")
                .forbidden("joined timeout", "lost wake-up: the joiner slept through the completion")
                .run(Stress.scaled(5_000));
    }

    static final class TimedJoin {
        final CompletionSource<Integer> source = new CompletionSource<>();
        final long deadlineNanos =
                java.util.concurrent.ThreadLocalRandom.current().nextLong(20_000);
        volatile String first;
        volatile Object after;
    }

    /**
     * A timed join whose deadline (a few microseconds) falls on the completion, then an untimed
     * join: the timed one either returns the value or times out with the awaitable unaffected,
     * and the untimed one always returns the value (a timed-out join's Signaller was removed and
     * does not disturb later waiters).
     */
    @Test
    void timedJoinAtTheDeadlineThenUntimedJoin() {
        Race.of("complete vs join(timeout) at the deadline, then join()", TimedJoin::new)
                .actor(s -> s.source.trySetResult(3))
                .actor(s -> {
                    try {
                        s.first = "value " + s.source.awaitable().join(Duration.ofNanos(s.deadlineNanos));
                    } catch (TimeoutException e) {
                        s.first = "timed out";
                    }
                    s.after = Race.joinedOrTimeout(s.source.awaitable());
                })
                .arbiter(s -> s.first + ", then " + s.after)
                .acceptable("value 3, then 3", "completion came before the deadline")
                .acceptable("timed out, then 3", "the deadline came first; the untimed join then got the value")
                .forbidden("timed out, then timeout", "the later untimed join lost its wake-up")
                .run(Stress.scaled(5_000));
    }
}
