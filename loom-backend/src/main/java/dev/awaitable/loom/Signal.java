package dev.awaitable.loom;

/**
 * What a parked await registers as its continuation: records when the awaited completion
 * signalled (for resume latency), marks the await done, and wakes the strand ({@link Strand#wake}).
 *
 * <p>One per strand, reused by every await (no allocation per suspension). An await that ends
 * without its signal (token cancellation, interrupt) abandons it: the strand gets a new one, and
 * the old one, still registered on the abandoned awaitable, finds it is no longer its strand's
 * signal and does nothing when it runs. So a late signal can never end a later await.
 */
final class Signal implements Runnable {
    private final Strand strand;
    /** Set by the completer; the await loops until it is. */
    volatile boolean fired;

    Signal(Strand strand) {
        this.strand = strand;
    }

    @Override
    public void run() {
        Strand s = strand;
        if (s.signal != this) {
            return; // abandoned await
        }
        if (s.suspendedAt != 0L) {
            s.signalledAt = System.nanoTime();
        }
        fired = true;
        // Race (stale wake): once `fired` is visible the strand may go on without parking, and
        // this signal is reused by its next await, which resets `fired` and parks. The wake below
        // may then reach that next await: benign, as it is only an unpark (and at most a carry
        // of the strand's run by this thread, if it may carry it): the await loop re-checks
        // `fired` and parks again. It never writes `fired`, so it cannot end the next await.
        s.wake();
    }
}
