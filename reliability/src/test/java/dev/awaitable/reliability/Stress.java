package dev.awaitable.reliability;

/**
 * The scale of this module's tests: {@code -Dawaitable.stress=N} (default 1, the quick CI
 * setting) multiplies programs tried, race iterations and stress sizes.
 */
public final class Stress {

    /** The factor from {@code -Dawaitable.stress}; at least 1. */
    public static final int FACTOR = Math.max(1, Integer.getInteger("awaitable.stress", 1));

    private Stress() {}

    /** {@code base} times the factor. */
    public static int scaled(int base) {
        return Math.multiplyExact(base, FACTOR);
    }
}
