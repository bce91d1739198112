package dev.awaitable;

/**
 * A reusable source of results for {@link ValueAwaitable}s (.NET's {@code IValueTaskSource<T>}).
 *
 * <p>One object serves a sequence of operations; each operation is identified by a token (a
 * version number) handed out with its {@code ValueAwaitable}. Every call carries the token, and
 * an implementation must reject a token that is not the current operation's, so a stale
 * awaiter fails loudly instead of reading another operation's result. Implement it by
 * delegating to a {@link ManualResetSourceCore} field.
 *
 * @param <T> the result type
 */
public interface AwaitableSource<T> {

    /** The status of operation {@code token}; throws {@link IllegalStateException} if the token is stale. */
    AwaitableStatus status(int token);

    /**
     * Registers the one continuation of operation {@code token}; runs it at once if already
     * complete.
     *
     * @param continueOnCapturedContext resume on the context current now, if any
     */
    void onCompleted(Runnable continuation, int token, boolean continueOnCapturedContext);

    /** The result of operation {@code token}, or its exception rethrown; stale tokens throw. */
    T getResult(int token);
}
