package dev.awaitable;

import dev.awaitable.internal.Backends;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.spi.WovenBody;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
 * <p>Direct style needs stack capture, so it runs as written on the {@code loom} backend (an
 * await parks a virtual thread). The {@code statemachine} backend runs state machines
 * ({@link dev.awaitable.spi.AsyncBackend} explains the split): hand-written ones, or the ones the
 * weaver ({@code awaitable-maven-plugin}, or the {@code awaitable-weaver} java agent) generates
 * from direct-style bodies; it rejects unwoven direct-style bodies with a message saying so. Also
 * the place to pick the backend.
 */
public final class Async {

    private Async() {}

    /**
     * Starts {@code body} as an async method (.NET's {@code async} lambda); its awaitable
     * completes as the body returns or throws. The body runs on the calling thread until its
     * first suspension, like a C# async method; an await resumes it on the context captured
     * there. Not to be confused with {@link Awaitables#run}, .NET's {@code Task.Run}: an offload
     * of work that does not await to the backend's scheduler.
     *
     * <p>Thread identity on a context (loom backend): a body started on a thread with an
     * {@link AsyncContext} (a {@link SingleThreadContext}'s loop, say) runs between awaits on that
     * context, but as a virtual thread mounted on the context's thread, not as that thread
     * itself. {@code context.isCurrent()} and {@link AsyncContext#current()} are true there, but
     * {@code Thread.currentThread()} is the virtual thread: a check such as
     * {@code Thread.currentThread() == uiThread} (Swing's and JavaFX's are of this kind) fails, and
     * the context thread's {@code ThreadLocal}s are not visible. Check {@code context.isCurrent()},
     * and pass state explicitly instead of through thread-locals. Hand-written machines on the
     * statemachine backend run on the context's thread itself.
     */
    public static <T> Awaitable<T> run(AsyncBody<T> body) {
        return Backends.current().run(Objects.requireNonNull(body, "body"));
    }

    /**
     * Starts a body without a result. A body the weaver turned into a state machine is both an
     * {@code AsyncAction} and an {@code AsyncBody}: it goes to the backend as it is, so the
     * statemachine backend can start it.
     */
    @SuppressWarnings("unchecked")
    public static Awaitable<Void> run(AsyncAction body) {
        Objects.requireNonNull(body, "body");
        if (body instanceof WovenBody<?> && body instanceof AsyncBody<?> machine) {
            return Backends.current().run((AsyncBody<Void>) machine);
        }
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

    /*
     * Typed awaits. Java checks exceptions at compile time, and an await rethrows whatever the
     * awaited work failed with, checked or not, without declaring it; so a catch of a checked
     * exception around a plain await does not compile ("exception X is never thrown in body of
     * corresponding try statement"). These forms declare the types the caller wants to catch.
     * They change nothing at run time: the original exception is rethrown, unwrapped.
     */

    /**
     * {@link #await(AwaitableLike)}, declaring {@code throws X} so the caller can catch a
     * checked exception by its type:
     * <pre>{@code
     * try {
     *     page = await(fetch(url).withTimeout(Duration.ofSeconds(2)), TimeoutException.class);
     * } catch (TimeoutException e) {
     *     page = cached;
     * }
     * }</pre>
     * The class is for the compiler only: whatever the awaitable failed with is rethrown,
     * original and unwrapped (another checked exception too, undeclared, as the plain await does).
     */
    public static <T, X extends Throwable> T await(AwaitableLike<T> awaitable, Class<X> rethrows) throws X {
        Objects.requireNonNull(rethrows, "rethrows");
        return await(awaitable);
    }

    /** {@link #await(AwaitableLike, Class)} for two checked exception types. */
    public static <T, X1 extends Throwable, X2 extends Throwable> T await(
            AwaitableLike<T> awaitable, Class<X1> rethrows1, Class<X2> rethrows2) throws X1, X2 {
        Objects.requireNonNull(rethrows1, "rethrows1");
        Objects.requireNonNull(rethrows2, "rethrows2");
        return await(awaitable);
    }

    /** {@link #await(AwaitableLike, CancellationToken)}, declaring {@code throws X} (see {@link #await(AwaitableLike, Class)}). */
    public static <T, X extends Throwable> T await(
            AwaitableLike<T> awaitable, CancellationToken token, Class<X> rethrows) throws X {
        Objects.requireNonNull(rethrows, "rethrows");
        return await(awaitable, token);
    }

    /**
     * Awaits a {@link CompletionStage} (a {@link CompletableFuture}, say) directly: its value,
     * or its failure unwrapped from {@link java.util.concurrent.CompletionException} and
     * {@link java.util.concurrent.ExecutionException}; its cancellation as
     * {@link java.util.concurrent.CancellationException}. A future that is already done costs no
     * suspension. Same as {@code await(Awaitable.fromFuture(stage))}.
     */
    public static <T> T await(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        if (stage instanceof CompletableFuture<T> f && f.isDone() && !f.isCompletedExceptionally()) {
            return f.getNow(null);
        }
        return await(Awaitable.fromFuture(stage));
    }

    /** {@link #await(CompletionStage)}, declaring {@code throws X} (see {@link #await(AwaitableLike, Class)}). */
    public static <T, X extends Throwable> T await(CompletionStage<T> stage, Class<X> rethrows) throws X {
        Objects.requireNonNull(rethrows, "rethrows");
        return await(stage);
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
