package dev.awaitable;

/**
 * The awaiter pattern: what an await does, as plain calls. An await of {@code x} is
 * <pre>{@code
 * Awaiter<T> a = x.getAwaiter();
 * if (!a.isCompleted()) {          // fast path: already done, no suspension
 *     a.onCompleted(continuation);   // suspend: run the rest later
 *     return;
 * }
 * T value = a.getResult();         // value, or the original exception rethrown
 * }</pre>
 *
 * <p>{@link #onCompleted} captures {@link AsyncContext#current()} (unless the awaitable was
 * configured not to) and resumes there. {@link #unsafeOnCompleted} captures nothing: method
 * builders use it and dispatch to the context they captured themselves, which saves a wrapper
 * per suspension (.NET's {@code ICriticalNotifyCompletion.UnsafeOnCompleted}).
 *
 * @param <T> the result type
 */
public interface Awaiter<T> {

    /** True once the result is available; {@link #getResult()} may be called. */
    boolean isCompleted();

    /**
     * Registers {@code continuation} to run once complete, on the context captured now if the
     * awaitable continues on captured context (the default), else inline on the completing
     * thread. If already complete, the continuation is run (or posted) at once.
     */
    void onCompleted(Runnable continuation);

    /**
     * Registers {@code continuation} to run inline on the completing thread, capturing no
     * context. The caller takes care of where its code resumes.
     */
    void unsafeOnCompleted(Runnable continuation);

    /**
     * The awaitable whose completion this awaiter waits for, or null if it is not an
     * {@link Awaitable} (a yield, a reusable source). Builders record it while suspended, so
     * deadlock detection can follow what a body waits on.
     */
    default Awaitable<?> dependency() {
        return null;
    }

    /** Whether an await through this awaiter resumes on the context captured at the await. */
    default boolean continueOnCapturedContext() {
        return true;
    }

    /**
     * The result: the value, or the original exception rethrown unwrapped (checked exceptions
     * included), or {@link java.util.concurrent.CancellationException} when cancelled.
     *
     * @throws IllegalStateException if not complete: an awaiter never blocks (use
     *         {@link Awaitable#join()} to block)
     */
    T getResult();

    /**
     * {@link #getResult()} for a hand-written machine that catches a checked exception by its
     * type around an await: declares {@code throws X}, so
     * {@code try { v = awaiter.getResult(TimeoutException.class); } catch (TimeoutException e)}
     * compiles. The type is for the compiler only: the original exception is rethrown unwrapped,
     * whatever its type, exactly as {@code getResult()} does.
     */
    default <X extends Throwable> T getResult(Class<X> rethrows) throws X {
        java.util.Objects.requireNonNull(rethrows, "rethrows");
        return getResult();
    }
}
