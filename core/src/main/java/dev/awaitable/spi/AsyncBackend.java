package dev.awaitable.spi;

import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.CancellationToken;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * How async bodies run and suspend: the plug-in point between the Awaitable API and a runtime.
 * Found with {@link java.util.ServiceLoader} and chosen by name ({@code -Dawaitable.backend=NAME}
 * or {@code Async.useBackend(NAME)}).
 *
 * <p>Contexts, cancellation, combinators, streams and channels are shared code in the API, so
 * every backend is judged on the same semantics; a backend supplies only the runtime: where
 * context-free continuations and offloaded work run ({@link #scheduler()}), timers
 * ({@link #schedule}), and direct-style bodies ({@link #run}, {@link #await}).
 *
 * <p>Implementations must be thread-safe and should start their threads lazily.
 */
public interface AsyncBackend {

    /** The name users select it by ({@code statemachine}, {@code loom}). */
    String name();

    /** One line for listings and reports. */
    String description();

    /**
     * Runs continuations that captured no context, forced yields without a context, and work
     * offloaded with {@code Awaitables.run}.
     */
    Executor scheduler();

    /** Runs {@code task} once, after {@code delayNanos}, on a thread of the backend's choosing. */
    ScheduledAction schedule(Runnable task, long delayNanos);

    /**
     * Starts a direct-style body ({@code Async.run}); the result completes as the body returns
     * or throws. Starting on a thread with an {@code AsyncContext} binds the body to it: its
     * code runs on that context between awaits.
     *
     * @throws UnsupportedOperationException with a clear message if this backend cannot run
     *         direct-style code
     */
    <T> Awaitable<T> run(AsyncBody<T> body);

    /**
     * A direct-style await ({@code Async.await}): the result of {@code awaitable}, suspending the
     * calling body until it is complete, or ending early when {@code token} is cancelled.
     */
    <T> T await(AwaitableLike<T> awaitable, CancellationToken token);

    /** Whether {@link #run} and {@link #await} work on this backend. */
    default boolean supportsDirectStyle() {
        return true;
    }

    /** Facts about the active configuration, for reports (e.g. whether context affinity is on). */
    default Map<String, String> properties() {
        return Map.of();
    }
}
