package dev.awaitable.reliability.race;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code whenAny} under races: the winner is one of the inputs and is complete, whenAny completes
 * exactly once and never faults itself, and later completions of losers change nothing.
 */
class WhenAnyRaceTest {

    static final int ITERATIONS = Stress.scaled(10_000);

    static final class Two {
        final CompletionSource<Integer> a = new CompletionSource<>();
        final CompletionSource<Integer> b = new CompletionSource<>();
        final Awaitable<Awaitable<Integer>> any = Awaitables.whenAny(a.awaitable(), b.awaitable());
        final AtomicInteger continuationRuns = new AtomicInteger();

        Two() {
            any.unsafeOnCompleted(continuationRuns::incrementAndGet);
        }

        String winner() {
            if (!any.isCompletedSuccessfully()) {
                return "whenAny " + any.status();
            }
            Awaitable<Integer> w = any.resultNow();
            String name = w == a.awaitable() ? "a" : w == b.awaitable() ? "b" : "not an input";
            return "winner " + name + (w.isCompleted() ? "" : " (pending!)") + " " + w.status();
        }
    }

    /** Both inputs complete at once on two threads: exactly one wins; whenAny's continuation runs once. */
    @Test
    void twoInputsCompletingTogether() {
        Race.of("whenAny: two inputs complete together", Two::new)
                .actor(s -> s.a.trySetResult(1))
                .actor(s -> s.b.trySetResult(2))
                .arbiter(s -> s.winner() + ", continuation ran " + s.continuationRuns.get())
                .acceptable(
                        "winner a SUCCEEDED, continuation ran 1", "a's arm fired first; b's arm lost (or was removed)")
                .acceptable("winner b SUCCEEDED, continuation ran 1", "b's arm fired first")
                .forbidden("whenAny PENDING, continuation ran 0", "both inputs completed but whenAny did not")
                .run(ITERATIONS);
    }

    /** A success and a fault race: whenAny succeeds either way, with the faulted input as the winner if it came first. */
    @Test
    void faultVersusSuccess() {
        Race.of("whenAny: a fault vs a success", Two::new)
                .actor(s -> s.a.trySetResult(1))
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.b.trySetException(new IllegalStateException("b failed"));
                })
                .arbiter(s -> {
                    String w = s.winner();
                    s.b.awaitable().exception(); // observe the loser's fault: not what this test is about
                    return w + ", continuation ran " + s.continuationRuns.get();
                })
                .acceptable("winner a SUCCEEDED, continuation ran 1", "the success came first")
                .acceptable(
                        "winner b FAULTED, continuation ran 1",
                        "the fault came first: whenAny itself still succeeds, with b")
                .forbidden("whenAny FAULTED, continuation ran 1", "whenAny took the fault on itself")
                .run(ITERATIONS);
    }

    static final class Building {
        final CompletionSource<Integer> a = new CompletionSource<>();
        final CompletionSource<Integer> b = new CompletionSource<>();
        final CompletionSource<Integer> c = new CompletionSource<>();
        volatile Awaitable<Awaitable<Integer>> any;
    }

    /**
     * whenAny is constructed (registering arms on a, b, c in order) while b completes on another
     * thread: b wins whether it completed before the scan reached it (fast path) or after its arm
     * was registered; completing a and c afterwards changes nothing. Covers the race the
     * implementation calls "racy, but benign" (arms written by the constructor, read by the winner).
     */
    @Test
    void constructionVersusCompletion() {
        Race.of("whenAny: construction vs an input completing", Building::new)
                .actor(s -> s.any = Awaitables.whenAny(s.a.awaitable(), s.b.awaitable(), s.c.awaitable()))
                .actor(s -> s.b.trySetResult(2))
                .arbiter(s -> {
                    Awaitable<Awaitable<Integer>> any = s.any;
                    String before = any.isCompleted()
                            ? "winner " + (any.resultNow() == s.b.awaitable() ? "b" : "other")
                            : "pending";
                    s.a.trySetResult(1);
                    s.c.trySetResult(3);
                    String after = any.resultNow() == s.b.awaitable() ? "b" : "changed";
                    return before + ", after the losers completed: " + after;
                })
                .acceptable(
                        "winner b, after the losers completed: b", "b won however the registration interleaved with it")
                .forbidden(
                        "pending, after the losers completed: b", "b completed but whenAny did not notice until later")
                .run(ITERATIONS);
    }
}
