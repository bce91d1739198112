package dev.awaitable;

/**
 * The body of a direct-style async method ({@link Async#run(AsyncBody)}): ordinary sequential
 * code that awaits with {@link Async#await}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface AsyncBody<T> {
    T run() throws Exception;
}
