package dev.awaitable.spi;

/** A timer registration from {@link AsyncBackend#schedule}. */
@FunctionalInterface
public interface ScheduledAction {

    /**
     * Cancels the action if it has not started; the timer must release what it holds for it.
     *
     * @return true if this call prevented it from running
     */
    boolean cancel();
}
