package dev.awaitable.scenarios;

import java.util.Objects;

/**
 * What one run of a {@link Scenario} observed, and whether that is the expected outcome.
 *
 * @param passed   whether the observation matches {@link Scenario#expected()}
 * @param observed what happened, in words a table can show (orders, counts, exception types and messages)
 */
public record Outcome(boolean passed, String observed) {

    public Outcome {
        Objects.requireNonNull(observed, "observed");
    }

    static Outcome of(boolean passed, String observed) {
        return new Outcome(passed, observed);
    }
}
