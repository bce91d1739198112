package dev.awaitable.spi;

import dev.awaitable.Awaitable;

/**
 * An async body that the weaver turned into a state machine of the statemachine backend's shape.
 * A backend that cannot capture a stack (statemachine) starts it with {@link #start()}; a backend
 * that can (loom) runs the body's original code instead, and never sees a machine.
 *
 * <p>A machine is started at most once: {@link #start()} on a value that was already started
 * starts a fresh copy built from the same captured values, so the same body value passed to
 * {@code Async.run} twice runs twice, as a lambda does.
 *
 * @param <T> the body's result ({@code Void} for an action)
 */
public interface WovenBody<T> {

    /** Starts the machine on the calling thread, up to its first suspension, and returns its awaitable. */
    Awaitable<T> start();
}
