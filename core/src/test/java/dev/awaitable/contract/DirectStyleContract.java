package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Async#run} / {@link Async#await}: direct style where the backend has it, a clear refusal where not. */
class DirectStyleContract extends Contract {

    /**
     * A backend without stack capture refuses a direct-style body with a message that names the
     * way out; every direct-style contract below checks that instead of itself on such a backend.
     * Returns true if the backend refused.
     */
    private static boolean refusedWhereUnsupported() {
        if (Async.backend().supportsDirectStyle()) {
            return false;
        }
        assertThatThrownBy(() -> Async.run(() -> 1))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("loom");
        return true;
    }

    /** Awaiting something already complete needs no suspension: it works on every backend, in or out of a body. */
    @Test
    void awaitOfCompletedWorksEverywhere() {
        assertThat(Async.await(Awaitable.completed(3))).isEqualTo(3);
        if (refusedWhereUnsupported()) {
            return;
        }
        assertThat(await(Async.run(() -> Async.await(Awaitable.completed(4))))).isEqualTo(4);
    }

    /** Sequential awaits in a body: the value flows, and the body may await pending work. */
    @Test
    void directStyleSequentialAwaits() {
        if (refusedWhereUnsupported()) {
            return;
        }
        CompletionSource<Integer> a = new CompletionSource<>();
        Awaitable<Integer> sum = Async.run(() -> {
            int x = Async.await(a.awaitable());
            int y = Async.await(Awaitables.delay(Duration.ofMillis(5)).map(v -> 2));
            return x + y;
        });
        a.setResult(40);
        assertThat(await(sum)).isEqualTo(42);
    }

    /** Exceptions thrown by a body fault its awaitable and are rethrown unwrapped at await. */
    @Test
    void directStyleExceptions() {
        if (refusedWhereUnsupported()) {
            return;
        }
        IOException boom = new IOException("body");
        Awaitable<Integer> failing = Async.run(() -> {
            Async.await(Awaitables.delay(Duration.ofMillis(1)));
            throw boom;
        });
        Awaitable<String> catching = Async.run(() -> {
            try {
                Async.await(failing);
                return "missed";
            } catch (Exception e) { // await rethrows the original checked exception undeclared
                return e == boom ? "caught" : "other";
            }
        });
        assertThat(await(catching)).isEqualTo("caught");
    }

    /** The body runs synchronously up to its first suspension, as an async method does. */
    @Test
    void directStyleRunsEagerlyUntilFirstSuspension() {
        if (refusedWhereUnsupported()) {
            return;
        }
        Order order = new Order();
        CompletionSource<Integer> io = new CompletionSource<>();
        order.expect(1);
        Awaitable<Integer> body = Async.run(() -> {
            order.expect(2);
            int v = Async.await(io.awaitable());
            order.expect(4);
            return v;
        });
        order.expect(3);
        io.setResult(1);
        await(body);
        order.finish(5);
        order.assertFinished(5);
    }

    /** An await with a token ends with OperationCanceledException when the token is cancelled. */
    @Test
    void directStyleAwaitWithToken() {
        if (refusedWhereUnsupported()) {
            return;
        }
        CancellationTokenSource cts = new CancellationTokenSource();
        CompletionSource<Integer> never = new CompletionSource<>();
        Awaitable<String> body = Async.run(() -> {
            try {
                Async.await(never.awaitable(), cts.token());
                return "completed";
            } catch (OperationCanceledException e) {
                return "cancelled";
            }
        });
        cts.cancel();
        assertThat(await(body)).isEqualTo("cancelled");
    }
}
