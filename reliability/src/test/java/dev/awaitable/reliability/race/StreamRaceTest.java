package dev.awaitable.reliability.race;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CancellationToken;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.reliability.Programs;
import dev.awaitable.reliability.Stress;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.streams.Emitter;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A generated stream closed by one thread while another asks for the next item (GeneratorIterator's
 * notes: "closeAsync may be called while RUNNING; the producer then sees the close at its next
 * emit"). The producer's cleanup runs exactly once, the close completes, and the pending
 * moveNext ends with the next item or with false, never hangs and never throws.
 *
 * <p>Closing from another thread while the consumer is between moveNext and current is outside
 * the one-consumer pattern (.NET forbids disposing an async iterator with a MoveNextAsync in
 * flight); it is raced here because GeneratorIterator explicitly allows a close while RUNNING.
 * The one visible effect: the producer's end clears {@code current}, so a consumer that reads it
 * after the close won may see null.
 */
class StreamRaceTest {

    static final int ITERATIONS = Stress.scaled(10_000);

    static final class Iteration {
        final AtomicInteger cleanups = new AtomicInteger();
        final AsyncIterator<Integer> iterator;
        volatile ValueAwaitable<Boolean> next;
        volatile Integer itemSeenAtOnce;
        volatile Awaitable<Void> closed;

        Iteration() {
            AtomicInteger cleanupsRef = cleanups;
            AsyncStream<Integer> stream =
                    AsyncStream.generate((Emitter<Integer> out, CancellationToken token) -> Programs.startOn(
                            "statemachine",
                            Program.<Void>builder("producer")
                                    .run(f -> f.set("i", 0))
                                    .tryFinally(
                                            Program.block()
                                                    .loop(
                                                            f -> f.getInt("i") < 5,
                                                            Program.block()
                                                                    .run(f -> f.add("i", 1))
                                                                    .await(f -> out.emit(f.getInt("i")))),
                                            Program.block().run(f -> cleanupsRef.incrementAndGet()))
                                    .returnsNothing()));
            iterator = stream.iterator();
            ValueAwaitable<Boolean> first = iterator.moveNext(); // starts the producer, which emits 1 at once
            if (!first.isCompleted() || !first.getResult() || iterator.current() != 1) {
                throw new IllegalStateException("the first item did not arrive synchronously");
            }
        }
    }

    @Test
    void closeVersusMoveNext() {
        Async.useBackend("statemachine");
        Race.of("generated stream: closeAsync vs moveNext", Iteration::new)
                .actor(s -> {
                    ValueAwaitable<Boolean> n = s.iterator.moveNext();
                    s.itemSeenAtOnce = s.iterator.current(); // as a consumer reads it, still racing the close
                    s.next = n;
                })
                .actor(s -> s.closed = s.iterator.closeAsync())
                .arbiter(s -> {
                    String next;
                    try {
                        Boolean more = s.next.asAwaitable().join(Duration.ofSeconds(10));
                        next = more ? "moveNext true, item " + s.itemSeenAtOnce : "moveNext false";
                    } catch (TimeoutException e) {
                        next = "moveNext hung";
                    } catch (RuntimeException e) {
                        next = "moveNext threw " + e.getClass().getSimpleName();
                    }
                    String close;
                    try {
                        s.closed.join(Duration.ofSeconds(10));
                        close = "closed";
                    } catch (TimeoutException e) {
                        close = "close hung";
                    } catch (RuntimeException e) {
                        close = "close threw " + e.getClass().getSimpleName();
                    }
                    return next + ", " + close + ", cleanup ran " + s.cleanups.get();
                })
                .acceptable(
                        "moveNext true, item 2, closed, cleanup ran 1",
                        "moveNext resumed the producer, which emitted 2; the close then cancelled it at emit(2)")
                .acceptable(
                        "moveNext false, closed, cleanup ran 1",
                        "the close came first (or while the producer was running): the pending moveNext ends with false")
                .interesting(
                        "moveNext true, item null, closed, cleanup ran 1",
                        "moveNext delivered 2, but the close ended the producer (which clears current) before the"
                                + " consumer read it")
                .forbidden(
                        "moveNext hung, closed, cleanup ran 1", "the close left the pending moveNext waiting forever")
                .forbidden("moveNext true, item 2, closed, cleanup ran 2", "the producer's cleanup ran twice")
                .run(ITERATIONS);
    }
}
