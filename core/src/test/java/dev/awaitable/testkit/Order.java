package dev.awaitable.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ordering assertions in the style of kotlinx.coroutines' TestBase: each point of a test calls
 * {@code expect(n)} with the step number it must be; {@code finish(n)} marks the last. Safe to
 * call from any thread; a wrong order is recorded and reported by {@link #assertFinished}.
 */
public final class Order {
    private final AtomicInteger last = new AtomicInteger();
    private final List<String> errors = new ArrayList<>();
    private volatile int finishedAt;

    public void expect(int step) {
        int prev = last.getAndSet(step);
        if (prev != step - 1) {
            synchronized (errors) {
                errors.add("expected step " + step + " right after " + (step - 1) + " but it came after " + prev
                        + " (on " + Thread.currentThread().getName() + ")");
            }
        }
    }

    public void finish(int step) {
        expect(step);
        finishedAt = step;
    }

    /** Fails unless every step came in order and {@code finish(step)} was reached. */
    public void assertFinished(int step) {
        synchronized (errors) {
            if (!errors.isEmpty()) {
                throw new AssertionError(String.join("; ", errors));
            }
        }
        if (finishedAt != step) {
            throw new AssertionError("expected to finish at step " + step + " but the last step was " + last.get());
        }
    }
}
