package dev.awaitable.reliability.race;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.race.ContinuationRaceTest.Probe;
import dev.awaitable.statemachine.AsyncMethod;
import dev.awaitable.testkit.ManualAwaiter;
import org.junit.jupiter.api.Test;

/**
 * Completion of a method's box racing registration on it. A box is completed only by its own
 * machine, so it completes with a release store of the result ({@code
 * Awaitable.publishResultExclusive}) and, once the machine has returned, one swap of the
 * continuations by the resume loop ({@code Awaitable.runContinuations}), no CAS. Race: a
 * registrar that reads the continuations before the swap must be run by the loop; one that
 * reads them after must see the result, since the store came first; so every continuation runs
 * exactly once and a joiner never misses its wake-up.
 */
class ExclusiveCompletionRaceTest {

    static final int ITERATIONS = Stress.scaled(10_000);

    /** {@code async int Relay(Awaitable<int> input) => await input + 1;} */
    static final class Relay extends AsyncMethod<Integer> {
        final Awaitable<Integer> input;
        int state;

        Relay(Awaitable<Integer> input) {
            this.input = input;
        }

        @Override
        public void moveNext() {
            try {
                Awaiter<Integer> aw = input.getAwaiter();
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    awaitOnCompleted(aw, this);
                    return;
                }
                setResult(aw.getResult() + 1);
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    static final class Registered {
        final CompletionSource<Integer> input = new CompletionSource<>();
        final Relay relay = new Relay(input.awaitable());
        final Probe k = new Probe();
        volatile String completer;

        Registered() {
            relay.start(); // suspended on input
        }
    }

    @Test
    void aContinuationOnAMethodRunsExactlyOnce() {
        Race.of("method completes (exclusive) vs register one continuation", Registered::new)
                .actor(s -> {
                    s.completer = Thread.currentThread().getName();
                    s.input.trySetResult(1); // resumes the relay here; its setResult completes the box
                })
                .actor(s -> s.relay.unsafeOnCompleted(s.k))
                .arbiter(s -> "ran by " + s.k.who(s.completer) + ", result " + s.relay.getResult())
                .acceptable("ran by completer, result 2", "registered before the swap: the completing method ran it")
                .acceptable(
                        "ran by registrar, result 2",
                        "registered after the swap: the registrar saw DONE and the stored result, and ran it")
                .forbidden("ran by none, result 2", "lost continuation: registered after the swap but never run")
                .forbidden("ran by 2 times, result 2", "run by both sides")
                .run(ITERATIONS);
    }

    /** {@code async int Sum(a, Awaitable<int> b) => await a + await b;} */
    static final class Sum extends AsyncMethod<Integer> {
        final ManualAwaiter<Integer> a;
        final Awaitable<Integer> b;
        int state;
        int first;

        Sum(ManualAwaiter<Integer> a, Awaitable<Integer> b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    state = 1;
                    awaitOnCompleted(a, this);
                    return;
                }
                if (state == 1) {
                    first = a.getResult();
                    Awaiter<Integer> bw = b.getAwaiter();
                    if (!bw.isCompleted()) {
                        state = 2;
                        awaitOnCompleted(bw, this);
                        return;
                    }
                }
                setResult(first + b.getResult());
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    static final class TwoLoops {
        final ManualAwaiter<Integer> a =
                new ManualAwaiter<>(); // resumes sum directly: a loop's failure reaches actor A
        final CompletionSource<Integer> b = new CompletionSource<>();
        final Sum sum = new Sum(a, b.awaitable());
        final Probe k = new Probe();
        volatile String resumerOfA;

        TwoLoops() {
            sum.start(); // suspended on a
            sum.unsafeOnCompleted(k);
        }
    }

    /**
     * Race (two resume loops on one box): thread A completes {@code a}, so its loop runs the
     * segment that suspends on {@code b}; thread B completes {@code b}, so its loop runs the
     * last segment, which completes the method. A's loop, once that segment returned, checks
     * whether the box completed, and may see B's completion: both loops then take the
     * continuations, and the swap must give them to exactly one (the other finds them taken and
     * must not fail on that).
     */
    @Test
    void twoLoopsThatSeeOneCompletionRunItsContinuationOnce() {
        Race.of("loop that suspended the method vs loop that completes it", TwoLoops::new)
                .actor(s -> {
                    s.resumerOfA = Thread.currentThread().getName();
                    s.a.complete(1); // resumes sum in this thread's loop: it suspends on b, or completes if b is done
                })
                .actor(s -> s.b.trySetResult(2))
                .arbiter(s -> "ran "
                        + s.k.who(s.resumerOfA).replace("completer", "on A").replace("registrar", "on B") + ", result "
                        + s.sum.getResult())
                .acceptable(
                        "ran on A, result 3",
                        "A's loop took it: b was done when sum reached it, or A's check after the segment won the swap")
                .acceptable("ran on B, result 3", "B's loop took it: it completed sum and won the swap")
                .forbidden("ran none, result 3", "lost continuation: each loop left it to the other")
                .forbidden("ran 2 times, result 3", "both loops ran it")
                .run(ITERATIONS);
    }

    static final class Joined {
        final CompletionSource<Integer> input = new CompletionSource<>();
        final Relay relay = new Relay(input.awaitable());
        volatile Object joined;

        Joined() {
            relay.start();
        }
    }

    @Test
    void aJoinOnAMethodNeverMissesTheWakeUp() {
        Race.of("method completes (exclusive) vs join", Joined::new)
                .actor(s -> s.input.trySetResult(6))
                .actor(s -> s.joined = Race.joinedOrTimeout(s.relay))
                .arbiter(s -> "joined " + s.joined)
                .acceptable("joined 7", "the joiner returned the value, whether it parked or found it complete")
                .forbidden("joined timeout", "lost wake-up: the joiner slept through the completion")
                .run(Stress.scaled(5_000));
    }
}
