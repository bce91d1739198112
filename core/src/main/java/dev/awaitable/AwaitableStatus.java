package dev.awaitable;

/** Where an awaitable is in its life: pending, then exactly one terminal state. */
public enum AwaitableStatus {
    /** Not complete yet. */
    PENDING,
    /** Completed with a value. */
    SUCCEEDED,
    /** Completed with an exception. */
    FAULTED,
    /** Completed by cancellation. */
    CANCELLED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
