package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.AsyncContext;
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

    /** A body started on a loop runs off it with no current context: contexts are not honoured in this mode. */
    @Test
    void contextsAreNotHonoured() {
        SingleThreadContext ui = loop("ui");
        Awaitable<Boolean> body = await(ui.submit(() -> Async.run(() -> {
            Async.await(Awaitables.yieldNow());
            return AsyncContext.current() == null && Thread.currentThread().isVirtual();
        })));
        assertThat(await(body)).isTrue();
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
