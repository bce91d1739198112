package dev.awaitable;

/**
 * Receives each {@link UnobservedFault}, once, on a background thread. Set with
 * {@link Awaitables#setUnobservedFaultHandler}; the default logs through SLF4J at error level.
 * A handler that throws is logged and breaks nothing.
 */
@FunctionalInterface
public interface UnobservedFaultHandler {
    void handle(UnobservedFault fault);
}
