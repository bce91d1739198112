package dev.awaitable;

/**
 * Receives progress updates from an operation: .NET's {@code IProgress<T>}. An async method
 * takes one as a parameter and calls {@link #report} as it goes; {@link Progress} is the
 * implementation that hands each update to the context its creator was on.
 *
 * @param <T> the type of a progress value
 */
@FunctionalInterface
public interface ProgressReporter<T> {

    /** Reports a progress update; returns at once (never waits for the update to be handled). */
    void report(T value);
}
