package dev.awaitable.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Collects garbage until a condition holds (reference cleared, cleaner ran), or times out. */
public final class Gc {
    private Gc() {}

    /** True once {@code condition} holds after GCs; false after {@code timeout}. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            System.gc();
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Several GCs, for "nothing else happens" checks. */
    public static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
