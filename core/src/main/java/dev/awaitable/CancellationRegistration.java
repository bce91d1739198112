package dev.awaitable;

/**
 * A callback registered on a {@link CancellationToken}. Closing it unregisters the callback
 * (.NET's {@code CancellationTokenRegistration.Dispose}).
 */
public interface CancellationRegistration extends AutoCloseable {

    /** A registration with nothing to undo. */
    CancellationRegistration EMPTY = new CancellationRegistration() {
        @Override
        public boolean unregister() {
            return false;
        }

        @Override
        public void close() {}
    };

    /**
     * Removes the callback without waiting.
     *
     * @return true if it was removed before it started running
     */
    boolean unregister();

    /**
     * Removes the callback; if it is running on another thread right now, waits until it has
     * finished, so after close() returns it is not running and will not run. Closing from
     * inside the callback itself (or from another callback of the same cancel) returns at once
     * instead of deadlocking.
     */
    @Override
    void close();
}
