package dev.awaitable.reliability.stress;

import dev.awaitable.Async;
import dev.awaitable.AsyncInterruptedException;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import dev.awaitable.reliability.race.Race;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Interrupts before and during awaits: a blocking {@code join} on a platform thread, and an await
 * in a loom body. An interrupt ends the wait with {@link AsyncInterruptedException} and leaves the
 * interrupt status set; a completion racing it wins or loses cleanly; the awaited work is not
 * affected, so a later (untimed) await of it returns its value.
 */
class InterruptStressTest {

    static final int ITERATIONS = Stress.scaled(5_000);

    @AfterAll
    static void restoreBackend() {
        Async.useBackend("statemachine");
    }

    /** Interrupted before it joins: join throws at once, status kept; after clearing it, join returns the value. */
    @Test
    void interruptBeforeJoin() {
        for (int i = 0; i < ITERATIONS; i++) {
            CompletionSource<Integer> s = new CompletionSource<>();
            Thread.currentThread().interrupt();
            Tally.FAULTS.incrementAndGet();
            try {
                s.awaitable().join();
                throw new AssertionError("join returned although the thread was interrupted and nothing completed");
            } catch (AsyncInterruptedException expected) {
                if (!Thread.interrupted()) {
                    throw new AssertionError("join cleared the interrupt status");
                }
            }
            s.setResult(i);
            if (s.awaitable().join() != i) {
                throw new AssertionError("wrong value after the interrupt");
            }
        }
    }

    static final class Joiner {
        final CompletionSource<Integer> source = new CompletionSource<>();
        volatile Thread joiner;
        volatile String first;
        volatile String then;
    }

    /** An interrupt racing the completion of what a platform thread is joining. */
    @Test
    void interruptDuringJoinRacesCompletion() {
        Race.of("blocking join: interrupt vs completion", Joiner::new)
                .actor(s -> {
                    Thread t;
                    while ((t = s.joiner) == null) {
                        Thread.onSpinWait();
                    }
                    Tally.FAULTS.incrementAndGet();
                    t.interrupt();
                    s.source.trySetResult(5);
                })
                .actor(s -> {
                    s.joiner = Thread.currentThread();
                    try {
                        s.first = "joined " + s.source.awaitable().join(Duration.ofSeconds(10));
                    } catch (AsyncInterruptedException e) {
                        s.first =
                                "interrupted, status " + Thread.currentThread().isInterrupted();
                    } catch (TimeoutException e) {
                        s.first = "timed out";
                    }
                    Thread.interrupted();
                    try {
                        s.then = "then " + s.source.awaitable().join(Duration.ofSeconds(10));
                    } catch (TimeoutException e) {
                        s.then = "then timed out";
                    }
                })
                .arbiter(s -> s.first + ", " + s.then)
                .acceptable(
                        "joined 5, then 5", "the completion came first (or the interrupt came after the join returned)")
                .acceptable(
                        "interrupted, status true, then 5",
                        "the interrupt ended the join; the status stayed set; the value came later")
                .forbidden("interrupted, status false, then 5", "the interrupt status was swallowed")
                .forbidden("timed out, then 5", "neither the interrupt nor the completion woke the joiner")
                .run(ITERATIONS);
    }

    static final class Parked {
        final CompletionSource<Integer> source = new CompletionSource<>();
        final CompletableFuture<Thread> thread = new CompletableFuture<>();
        final Awaitable<String> body = Async.run(() -> {
            thread.complete(Thread.currentThread());
            String first;
            try {
                first = "value " + Async.await(source.awaitable());
            } catch (AsyncInterruptedException e) {
                first = "interrupted, status " + Thread.currentThread().isInterrupted();
                Thread.interrupted();
            }
            return first + ", then " + Async.await(source.awaitable());
        });
    }

    /**
     * A loom body parked in await is interrupted while its source completes; it then awaits the
     * same source again. Fewer iterations (2,000): each one starts a body and wakes virtual threads
     * through the carriers, about 2 ms on a two-core VM.
     */
    @Test
    void interruptDuringLoomAwaitRacesCompletion() {
        Async.useBackend("loom");
        Race.of("loom await: interrupt vs completion", Parked::new)
                .actor(s -> s.source.trySetResult(8))
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.thread.join().interrupt();
                })
                .arbiter(s -> {
                    try {
                        return s.body.join(Duration.ofSeconds(10));
                    } catch (TimeoutException e) {
                        return "hung";
                    } catch (RuntimeException e) {
                        return "body failed: " + e;
                    }
                })
                .acceptable(
                        "value 8, then 8",
                        "the completion woke the body first; the late interrupt was not acted on by await")
                .acceptable(
                        "interrupted, status true, then 8",
                        "the interrupt ended the await; the second await got the value")
                .forbidden("hung", "the body never resumed")
                .run(ITERATIONS * 2 / 5);
    }

    /** A loom body interrupted before it awaits something pending gets AsyncInterruptedException at once, status kept. */
    @Test
    void interruptBeforeLoomAwait() {
        Async.useBackend("loom");
        for (int i = 0; i < ITERATIONS; i++) {
            CompletionSource<Integer> s = new CompletionSource<>();
            Awaitable<String> body = Async.run(() -> {
                Thread.currentThread().interrupt();
                try {
                    Async.await(s.awaitable());
                    return "returned";
                } catch (AsyncInterruptedException e) {
                    return "interrupted, status " + Thread.interrupted();
                }
            });
            Tally.FAULTS.incrementAndGet();
            String outcome = ContinuationJoin.join(body);
            if (!outcome.equals("interrupted, status true")) {
                throw new AssertionError("iteration " + i + ": " + outcome);
            }
        }
    }

    static final class ContinuationJoin {
        static <T> T join(Awaitable<T> a) {
            try {
                return a.join(Duration.ofSeconds(10));
            } catch (TimeoutException e) {
                throw new AssertionError("not complete after 10 s: " + a, e);
            }
        }
    }
}
