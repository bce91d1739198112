package dev.awaitable;

/** A direct-style async body without a result ({@link Async#run(AsyncAction)}). */
@FunctionalInterface
public interface AsyncAction {
    void run() throws Exception;
}
