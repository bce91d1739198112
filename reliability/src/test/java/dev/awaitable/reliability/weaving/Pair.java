package dev.awaitable.reliability.weaving;

/**
 * A value the generated programs construct with an await among the constructor's arguments
 * ({@code new Pair(Async.await(..), s).text()}), so the uninitialized object is on the operand
 * stack across the await.
 */
public final class Pair {

    private final int left;
    private final String right;

    public Pair(int left, String right) {
        this.left = left;
        this.right = right;
    }

    public String text() {
        return left + ":" + right;
    }
}
