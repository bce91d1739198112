package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.streams.LoopControl;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncStream#forEachAsync}: {@code await foreach} whose body awaits; the stream is
 * closed (the producer's cleanup runs) at the end, on break, on failure and on cancellation.
 */
class AsyncForEachContract extends Contract {

    /** The body's awaits finish before the next item is taken; every item in order. */
    @Test
    void bodyAwaitsBeforeTheNextItem() {
        AtomicInteger cleanups = new AtomicInteger();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Awaitable<Void> loop = StreamContract.numbers(4, cleanups, new AtomicReference<>())
                .forEachAsync(i -> start(Program.<Void>builder("body")
                        .run(f -> log.add("start " + i))
                        .await(f -> Awaitables.delay(Duration.ofMillis(1)))
                        .run(f -> log.add("end " + i))
                        .returnsNothing()));
        await(loop);
        assertThat(log).containsExactly("start 0", "end 0", "start 1", "end 1", "start 2", "end 2", "start 3", "end 3");
        assertThat(cleanups.get()).isEqualTo(1);
    }

    /** A body that breaks early: no more items are taken, the producer is closed (its finally runs once), the loop succeeds. */
    @Test
    void breakEarlyClosesTheStream() {
        AtomicInteger cleanups = new AtomicInteger();
        AtomicReference<Throwable> producerSaw = new AtomicReference<>();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Awaitable<Void> loop = StreamContract.numbers(100, cleanups, producerSaw)
                .forEachAsync(i -> start(Program.<LoopControl>builder("body")
                        .run(f -> seen.add(i))
                        .await(f -> Awaitables.delay(Duration.ofMillis(1)))
                        .returns(f -> i == 2 ? LoopControl.BREAK : LoopControl.CONTINUE)));
        Awaitable<Integer> cleanupsAtCompletion = loop.configureAwait(false).map(v -> cleanups.get());
        assertThat(await(cleanupsAtCompletion)).isEqualTo(1);
        assertThat(seen).containsExactly(0, 1, 2);
        assertThat(producerSaw.get()).isInstanceOf(CancellationException.class);
    }

    /** A body that fails: the stream is closed and the loop faults with the body's exception. */
    @Test
    void failingBodyClosesTheStream() {
        IOException boom = new IOException("body failed");
        AtomicInteger cleanups = new AtomicInteger();
        Awaitable<Void> loop = StreamContract.numbers(100, cleanups, new AtomicReference<>())
                .forEachAsync(i -> start(Program.<Void>builder("body")
                        .await(f -> Awaitables.delay(Duration.ofMillis(1)))
                        .raise(f -> boom)
                        .returnsNothing()));
        assertThatThrownBy(() -> await(loop)).isSameAs(boom);
        assertThat(cleanups.get()).isEqualTo(1);
    }

    /** Cancelling the token mid-iteration: the stream is closed and the loop ends cancelled. */
    @Test
    void cancellationClosesTheStream() {
        AtomicInteger cleanups = new AtomicInteger();
        CancellationTokenSource cts = new CancellationTokenSource();
        Awaitable<Void> loop = StreamContract.numbers(1000, cleanups, new AtomicReference<>())
                .forEachAsync(
                        i -> {
                            if (i == 3) {
                                cts.cancel();
                            }
                            return Awaitables.delay(Duration.ofMillis(1));
                        },
                        cts.token());
        assertThatThrownBy(() -> await(loop)).isInstanceOf(CancellationException.class);
        assertThat(cleanups.get()).isEqualTo(1);
    }

    /** Ordering: started on a loop, the body runs on the loop for every item, although the items and awaits complete elsewhere. */
    @Test
    void bodyRunsOnTheContextCapturedAtTheStart() {
        SingleThreadContext ui = loop("ui");
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Awaitable<Void> loop = await(ui.submit(() -> AsyncStream.of(1, 2, 3).forEachAsync(i -> {
            threads.add(Thread.currentThread().getName());
            return Awaitables.delay(Duration.ofMillis(1)).configureAwait(false).map(v -> null);
        })));
        await(loop);
        assertThat(threads).containsExactly("ui", "ui", "ui");
    }
}
