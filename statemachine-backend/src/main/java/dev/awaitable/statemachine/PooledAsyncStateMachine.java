package dev.awaitable.statemachine;

/**
 * A state machine that can be reused across calls, for {@link PoolingValueAsyncMethodBuilder}
 * (the role .NET's {@code PoolingAsyncValueTaskMethodBuilder} gives its boxes).
 */
public interface PooledAsyncStateMachine extends AsyncStateMachine {

    /**
     * Returns to the initial state: {@code state = 0} and every hoisted reference cleared, so a
     * pooled machine keeps nothing of its last call reachable. Called by the builder when the
     * call's result has been consumed, before the machine goes back to its pool.
     */
    void reset();
}
