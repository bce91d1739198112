package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.spi.AsyncBackend;
import java.util.List;
import java.util.Objects;

/**
 * Direct-style async: {@link #run} is an {@code async} method, {@link #await} is {@code await}.
 *
 * <pre>{@code
 * Awaitable<Integer> sum = Async.run(() -> {
 *     int a = Async.await(fetchA());
 *     int b = Async.await(fetchB());
 *     return a + b;
 * });
 * }</pre>
 *
 * <p>Direct style needs stack capture, so it runs on the {@code loom} backend (an await parks a
 * virtual thread). The {@code statemachine} backend runs hand-written state machines
 * ({@link dev.awaitable.spi.AsyncBackend} explains the split) and rejects direct-style bodies
 * with a message saying so. Also the place to pick the backend.
 */
public final class Async {

    private Async() {}

    /** Starts {@code body} as an async method; its awaitable completes as the body returns or throws. */
    public static <T> Awaitable<T> run(AsyncBody<T> body) {
        return Backends.current().run(Objects.requireNonNull(body, "body"));
    }

    /** Starts a body without a result. */
    public static Awaitable<Void> run(AsyncAction body) {
        Objects.requireNonNull(body, "body");
        return Backends.current().run(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Awaits {@code awaitable}: returns at once if it is complete (no suspension, no
     * allocation), otherwise suspends the calling body until it is. Rethrows the original
     * exception; cancellation as {@link java.util.concurrent.CancellationException}.
     */
    public static <T> T await(AwaitableLike<T> awaitable) {
        Awaiter<T> a = awaitable.getAwaiter();
        if (a.isCompleted()) {
            return a.getResult();
        }
        return Backends.current().await(awaitable, CancellationToken.NONE);
    }

    /**
     * Like {@link #await(AwaitableLike)}, but ends early with {@link OperationCanceledException}
     * when {@code token} is cancelled (the awaited work itself goes on).
     */
    public static <T> T await(AwaitableLike<T> awaitable, CancellationToken token) {
        token.throwIfCancellationRequested();
        Awaiter<T> a = awaitable.getAwaiter();
        if (a.isCompleted()) {
            return a.getResult();
        }
        return Backends.current().await(awaitable, token);
    }

    /* ---------------- Backend selection ---------------- */

    /** The backend in use (resolved on first use; see {@link #useBackend}). */
    public static AsyncBackend backend() {
        return Backends.current();
    }

    /**
     * Uses the named backend from now on in this JVM, over {@code -Dawaitable.backend} and the
     * default. For tools and tests that run both backends in one process.
     */
    public static AsyncBackend useBackend(String name) {
        return Backends.use(name);
    }

    /** The backend to use when {@code -Dawaitable.backend} is not given. */
    public static void setDefaultBackend(String name) {
        Backends.setDefault(name);
    }

    /** Names of the backends found on the class path. */
    public static List<String> availableBackends() {
        return Backends.availableNames();
    }
}
