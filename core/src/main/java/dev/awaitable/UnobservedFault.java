package dev.awaitable;

/**
 * A fault that nobody observed before its awaitable became unreachable.
 *
 * @param exception what the awaitable faulted with
 * @param awaitable a description of the awaitable (its class, or the async method it ran)
 */
public record UnobservedFault(Throwable exception, String awaitable) {}
