package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.streams.Emitter;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link AsyncStream}: generated streams, iteration across suspensions, early exit, cancellation. */
class StreamContract extends Contract {

    /** A producer (in program form) emitting 0..n-1, with a delay between items, counting its cleanups. */
    static AsyncStream<Integer> numbers(int n, AtomicInteger cleanups, AtomicReference<Throwable> producerSaw) {
        return AsyncStream.generate((Emitter<Integer> out, dev.awaitable.CancellationToken token) ->
                start(Program.<Void>builder("producer")
                        .tryCatchFinally(
                                Program.block()
                                        .repeat(
                                                n,
                                                "i",
                                                Program.block()
                                                        .await(f -> Awaitables.delay(Duration.ofMillis(1)))
                                                        .await(f -> out.emit(f.getInt("i")))),
                                Throwable.class,
                                Program.block()
                                        .run(f -> producerSaw.set(f.caught()))
                                        .raise(f -> f.caught()),
                                Program.block().run(f -> cleanups.incrementAndGet()))
                        .returnsNothing()));
    }

    /** Every item arrives, in order, through suspensions on both sides. */
    @Test
    void allItemsInOrder() {
        AtomicInteger cleanups = new AtomicInteger();
        List<Integer> items =
                await(numbers(10, cleanups, new AtomicReference<>()).toList());
        assertThat(items).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(cleanups).hasValue(1);
    }

    /** A consumer body iterating with moveNext/current sees every item. */
    @Test
    void consumerBodyIterates() {
        AsyncIterator<Integer> it =
                numbers(5, new AtomicInteger(), new AtomicReference<>()).iterator();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Awaitable<Void> consumer = start(Program.<Void>builder("consumer")
                .await(f -> it.moveNext(), "more")
                .loop(
                        f -> (Boolean) f.get("more"),
                        Program.block().run(f -> seen.add(it.current())).await(f -> it.moveNext(), "more"))
                .await(f -> it.closeAsync())
                .returnsNothing());
        await(consumer);
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
    }

    /** Early exit: closing after two items resumes the producer with cancellation; its cleanup runs exactly once. */
    @Test
    void earlyExitClosesProducerExactlyOnce() {
        AtomicInteger cleanups = new AtomicInteger();
        AtomicReference<Throwable> producerSaw = new AtomicReference<>();
        AsyncIterator<Integer> it = numbers(1000, cleanups, producerSaw).iterator();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Awaitable<Void> consumer = start(Program.<Void>builder("takes-two")
                .repeat(2, "n", Program.block().await(f -> it.moveNext()).run(f -> seen.add(it.current())))
                .await(f -> it.closeAsync())
                .await(f -> it.closeAsync()) // idempotent
                .returnsNothing());
        await(consumer);
        assertThat(seen).containsExactly(0, 1);
        assertThat(cleanups).hasValue(1);
        assertThat(producerSaw.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(await(it.moveNext().asAwaitable())).isFalse();
    }

    /** A producer failure surfaces at the consumer's moveNext, with the original exception. */
    @Test
    void producerFailureSurfacesAtMoveNext() {
        IOException boom = new IOException("producer broke");
        AsyncStream<Integer> s = AsyncStream.generate((out, token) -> start(Program.<Void>builder("failing")
                .await(f -> out.emit(1))
                .raise(f -> boom)
                .returnsNothing()));
        List<Integer> seen = new ArrayList<>();
        Awaitable<Void> all = s.forEach(seen::add);
        assertThatThrownBy(() -> await(all)).isSameAs(boom);
        assertThat(seen).containsExactly(1);
    }

    /** withCancellation hands the token to the producer. */
    @Test
    void withCancellationReachesProducer() {
        CancellationTokenSource cts = new CancellationTokenSource();
        AtomicReference<dev.awaitable.CancellationToken> seen = new AtomicReference<>();
        AsyncStream<Integer> s = AsyncStream.generate((out, token) -> {
            seen.set(token);
            return Awaitable.completedNull();
        });
        await(s.withCancellation(cts.token()).toList());
        assertThat(seen.get()).isEqualTo(cts.token());
    }

    /** Operators: map and filter over a suspending stream; of/fromIterable/empty sources. */
    @Test
    void operatorsAndSimpleSources() {
        AsyncStream<Integer> evensTimesTen = numbers(8, new AtomicInteger(), new AtomicReference<>())
                .filter(x -> x % 2 == 0)
                .map(x -> x * 10);
        assertThat(await(evensTimesTen.toList())).containsExactly(0, 20, 40, 60);
        assertThat(await(AsyncStream.of("a", "b").toList())).containsExactly("a", "b");
        assertThat(await(AsyncStream.empty().toList())).isEmpty();
    }

    /** A cancelled token stops iteration of a plain source with cancellation. */
    @Test
    void cancelledTokenStopsIteration() {
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        Awaitable<List<Integer>> list =
                AsyncStream.of(1, 2, 3).withCancellation(cts.token()).toList();
        assertThat(list.isCancelled()).isTrue();
    }
}
