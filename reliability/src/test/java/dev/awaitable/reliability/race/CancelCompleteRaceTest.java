package dev.awaitable.reliability.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.channels.Channel;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import dev.awaitable.reliability.Timers;
import dev.awaitable.testkit.Gc;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancellation racing completion: exactly one wins, the loser changes nothing, and whatever the
 * operation held (a timer entry, a token registration, a channel item) is handed over or released
 * exactly once.
 */
class CancelCompleteRaceTest {

    static final int ITERATIONS = Stress.scaled(10_000);
    /** Timer races cost up to a tick (1 ms) each. */
    static final int TIMER_ITERATIONS = Stress.scaled(1_500);

    /**
     * How long after arming a 1 ns timer the other side acts, at random: the statemachine wheel
     * fires at the next 1 ms tick, the loom timer (a ScheduledThreadPoolExecutor) within tens of
     * microseconds, so each window straddles its timer's usual firing time.
     */
    static long timerWindowNanos() {
        return "loom".equals(Async.backend().name()) ? 30_000 : 1_500_000;
    }

    @AfterAll
    static void restoreBackend() {
        Async.useBackend("statemachine");
    }

    static final class Source {
        final CompletionSource<Integer> source = new CompletionSource<>();
        final AtomicInteger continuationRuns = new AtomicInteger();
        volatile boolean resultWon;
        volatile boolean cancelWon;

        Source() {
            source.awaitable().unsafeOnCompleted(continuationRuns::incrementAndGet);
        }
    }

    /** trySetResult against trySetCancelled on one CompletionSource: one returns true, and the status says which. */
    @Test
    void completionSourceResultVersusCancel() {
        Race.of("CompletionSource: trySetResult vs trySetCancelled", Source::new)
                .actor(s -> s.resultWon = s.source.trySetResult(1))
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.cancelWon = s.source.trySetCancelled();
                })
                .arbiter(s -> (s.resultWon && s.cancelWon
                                ? "both won"
                                : s.resultWon ? "result won" : s.cancelWon ? "cancel won" : "nobody won")
                        + ", " + s.source.awaitable().status()
                        + ", continuation ran " + s.continuationRuns.get())
                .acceptable(
                        "result won, SUCCEEDED, continuation ran 1", "the value came first; the cancel returned false")
                .acceptable("cancel won, CANCELLED, continuation ran 1", "the cancel came first; the value was refused")
                .forbidden("both won, SUCCEEDED, continuation ran 1", "both completions claimed to win")
                .forbidden("nobody won, PENDING, continuation ran 0", "both completions lost")
                .run(ITERATIONS);
    }

    static final class Delayed {
        final CancellationTokenSource cts = new CancellationTokenSource();
        final Awaitable<Void> delay = Awaitables.delay(Duration.ofNanos(1), cts.token());
        final AtomicInteger continuationRuns = new AtomicInteger();
        final long cancelAfterNanos = ThreadLocalRandom.current().nextLong(timerWindowNanos());

        Delayed() {
            delay.unsafeOnCompleted(continuationRuns::incrementAndGet);
        }
    }

    /**
     * A token cancels a delay while the backend's timer fires it (1 ns: due at the next tick):
     * one wins; the delay's continuation runs once; and when the run is over no timer entry is
     * left behind (a cancelled delay frees its entry, a fired one is gone).
     */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void tokenCancelledDelayVersusTimer(String backend) {
        Async.useBackend(backend);
        long before = Timers.pending(backend);
        Race.of(backend + ": delay's timer vs its token", Delayed::new)
                .jitter(0)
                .actor(s -> {})
                .actor(s -> {
                    long until = System.nanoTime() + s.cancelAfterNanos;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    Tally.FAULTS.incrementAndGet();
                    s.cts.cancel();
                })
                .arbiter(s -> {
                    try {
                        s.delay.join(Duration.ofSeconds(10));
                    } catch (TimeoutException e) {
                        return "still pending";
                    } catch (RuntimeException cancelled) {
                        // reported through the status below
                    }
                    // A completion publishes the result before it runs the continuations, so a
                    // join that sees the result may return before the counting continuation ran
                    // on the completing thread: give it a moment (bounded) before judging.
                    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (s.continuationRuns.get() == 0 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    return s.delay.status() + ", continuation ran " + s.continuationRuns.get();
                })
                .acceptable(
                        "SUCCEEDED, continuation ran 1",
                        "the timer fired first; the token's callback found it complete")
                .acceptable("CANCELLED, continuation ran 1", "the token came first and cancelled the timer entry")
                .forbidden("still pending", "neither the timer nor the token completed the delay")
                .run(TIMER_ITERATIONS);
        assertThat(Gc.until(() -> Timers.pending(backend) <= before, Duration.ofSeconds(10)))
                .as("timer entries left behind on %s: %d, before the race %d", backend, Timers.pending(backend), before)
                .isTrue();
    }

    static final class Timed {
        final CompletionSource<Integer> source = new CompletionSource<>();
        final Awaitable<Integer> timed = source.awaitable().withTimeout(Duration.ofNanos(1));
        final long completeAfterNanos = ThreadLocalRandom.current().nextLong(timerWindowNanos());
    }

    /** withTimeout whose timer fires as the source completes: the result is the value or a TimeoutException, never both, never neither. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void withTimeoutVersusCompletion(String backend) {
        Async.useBackend(backend);
        Race.of(backend + ": withTimeout's timer vs the source", Timed::new)
                .jitter(0)
                .actor(s -> {})
                .actor(s -> {
                    long until = System.nanoTime() + s.completeAfterNanos;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    s.source.trySetResult(9);
                })
                .arbiter(s -> {
                    try {
                        Tally.FAULTS.incrementAndGet();
                        return "value " + s.timed.join(Duration.ofSeconds(10));
                    } catch (TimeoutException e) {
                        return s.timed.isCompleted() ? "TimeoutException" : "still pending";
                    }
                })
                .acceptable("value 9", "the source completed first; the timer was cancelled")
                .acceptable("TimeoutException", "the timer fired first; the source's later value is ignored")
                .forbidden("still pending", "neither side completed the timed awaitable")
                .run(TIMER_ITERATIONS);
    }

    static final class Cancellable {
        final CompletionSource<Integer> source = new CompletionSource<>();
        final CancellationTokenSource cts = new CancellationTokenSource();
        final Awaitable<Integer> waiting = source.awaitable().withCancellation(cts.token());
    }

    /** withCancellation: the source's completion races the token; the wait ends once, one way. */
    @Test
    void withCancellationVersusCompletion() {
        Race.of("withCancellation: the token vs the source", Cancellable::new)
                .actor(s -> s.source.trySetResult(4))
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.cts.cancel();
                })
                .arbiter(s -> s.waiting.status().toString())
                .acceptable("SUCCEEDED", "the source completed first; the token registration was removed")
                .acceptable("CANCELLED", "the token came first; the wait ended, the source completed on its own")
                .forbidden("PENDING", "neither ended the wait")
                .run(ITERATIONS);
    }

    static final class Read {
        final Channel<String> channel = Channel.unbounded();
        final CancellationTokenSource cts = new CancellationTokenSource();
        final ValueAwaitable<String> read = channel.reader().readAsync(cts.token());
        volatile boolean written;
    }

    /**
     * A pending channel read is cancelled while a writer writes: the item goes to the reader or
     * stays in the buffer, never lost (cancelled read, empty buffer) and never duplicated
     * (delivered and buffered).
     */
    @Test
    void cancelledChannelReadVersusWrite() {
        Race.of("Channel: cancel a pending read vs write", Read::new)
                .actor(s -> s.written = s.channel.writer().tryWrite("item"))
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.cts.cancel();
                })
                .arbiter(s -> {
                    String read = switch (s.read.status()) {
                        case SUCCEEDED -> "read " + s.read.getResult();
                        case CANCELLED -> "read cancelled";
                        default -> "read " + s.read.status();
                    };
                    return read + ", buffered " + s.channel.reader().count() + ", write "
                            + (s.written ? "kept" : "refused");
                })
                .acceptable(
                        "read item, buffered 0, write kept",
                        "the write came first: handed straight to the waiting reader")
                .acceptable(
                        "read cancelled, buffered 1, write kept",
                        "the cancel came first: the read left the queue, the item was buffered")
                .forbidden("read cancelled, buffered 0, write kept", "the item was lost to a cancelled reader")
                .forbidden("read item, buffered 1, write kept", "the item was delivered and buffered (duplicated)")
                .run(ITERATIONS);
    }

    static final class Closing {
        final Channel<String> channel = Channel.bounded(1);
        final ValueAwaitable<Boolean> blockedWrite;
        volatile String read;
        volatile boolean completed;

        Closing() {
            channel.writer().tryWrite("a");
            blockedWrite = channel.writer().writeAsync("b"); // full: waits for room
        }
    }

    /**
     * Completing a channel races the read that would move a blocked writer's item into the
     * buffer: the blocked item is either handed over (its write succeeds and the item stays
     * readable) or refused (its write fails with ChannelClosedException and the item is nowhere),
     * never both and never neither; completion() completes only once the buffer is drained.
     */
    @Test
    void channelCompletionVersusReadThatUnblocksAWriter() {
        Race.of("Channel: complete vs a read that unblocks a waiting writer", Closing::new)
                .actor(s -> s.read = s.channel.reader().tryRead())
                .actor(s -> {
                    Tally.FAULTS.incrementAndGet();
                    s.completed = s.channel.writer().tryComplete();
                })
                .arbiter(s -> {
                    String write = switch (s.blockedWrite.status()) {
                        case SUCCEEDED -> "b written";
                        case FAULTED -> {
                            try {
                                s.blockedWrite.getResult();
                                yield "b ?";
                            } catch (dev.awaitable.channels.ChannelClosedException e) {
                                yield "b refused";
                            }
                        }
                        default -> "b " + s.blockedWrite.status();
                    };
                    String left = s.channel.reader().tryRead();
                    String done =
                            s.channel.reader().completion().isCompleted() ? "completion done" : "completion pending";
                    return "read " + s.read + ", " + write + ", then read " + left + ", " + done;
                })
                .acceptable(
                        "read a, b written, then read b, completion done",
                        "the read came first: b moved into the buffer, then completion; draining b completed the channel")
                .acceptable(
                        "read a, b refused, then read null, completion done",
                        "completion came first: the blocked writer was failed; the read drained a and completed the channel")
                .forbidden("read a, b written, then read null, completion done", "b's write succeeded but b was lost")
                .forbidden(
                        "read a, b refused, then read b, completion done",
                        "b's write failed but b was delivered anyway")
                .run(ITERATIONS);
    }
}
