package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.internal.Backends;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backend without per-body schedulers (no --add-opens): still correct async, on the default scheduler, and says so. */
class UnavailableAffinityTest extends Contract {

    private AsyncBackend previous;

    @BeforeEach
    void useUnavailableMode() {
        previous = Async.backend();
        Backends.use(new LoomBackend(ContextAffinity.UNAVAILABLE));
    }

    @AfterEach
    void restore() {
        Backends.use(previous);
    }

    /** Async.run still returns only after the body's first suspension, and values and order are as with affinity. */
    @Test
    void eagerOrderHoldsWithoutAffinity() {
        Order order = new Order();
        CompletionSource<Integer> io = new CompletionSource<>();
        order.expect(1);
        Awaitable<Integer> body = Async.run(() -> {
            order.expect(2);
            Awaitable<Integer> inner = Async.run(() -> {
                order.expect(3);
                return Async.await(io.awaitable()) + 1;
            });
            order.expect(4);
            Async.await(Awaitables.delay(Duration.ofMillis(1)));
            return Async.await(inner);
        });
        order.expect(5);
        io.setResult(1);
        assertThat(await(body)).isEqualTo(2);
    }

    /**
     * A body started on a loop fails at once, naming the flag: it could not resume on the loop,
     * and a join on the loop could not be told from a deadlock.
     */
    @Test
    void startOnAContextFailsNamingTheFlag() {
        SingleThreadContext ui = loop("ui");
        assertThat(threadAffinity()).isFalse();
        assertStartOnContextFailsClearly(ui);
    }

    /**
     * A platform thread completing an await waits until the body's next suspension, as an inline
     * continuation would: the body's next segment has run when setResult returns.
     */
    @Test
    void completerWaitsForTheBodysNextSuspension() throws InterruptedException {
        CompletionSource<Integer> io = new CompletionSource<>();
        CompletionSource<Integer> next = new CompletionSource<>();
        Order order = new Order();
        Awaitable<Integer> body = Async.run(() -> {
            int v = Async.await(io.awaitable());
            order.expect(1);
            return v + Async.await(next.awaitable());
        });
        Thread completer = new Thread(() -> {
            io.setResult(1);
            order.expect(2);
        });
        completer.start();
        completer.join();
        order.finish(3);
        next.setResult(2);
        assertThat(await(body)).isEqualTo(3);
        order.assertFinished(3);
    }

    /** The mode is reported with the reason. */
    @Test
    void propertiesSayAffinityIsUnavailable() {
        assertThat(Async.backend().properties())
                .containsEntry("contextAffinity", "UNAVAILABLE")
                .containsKey("contextAffinityUnavailableBecause");
        assertThat(Async.backend().description()).contains("no context affinity");
    }
}
