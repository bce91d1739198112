package dev.awaitable.weaver.harness;

import dev.awaitable.Awaitable;

/**
 * What a fixture body awaits and where it logs: the awaitables complete by the run's
 * {@link Schedule}, so one fixture runs through its fast paths, its suspensions on the same
 * thread, and its suspensions completed by another thread.
 */
public interface Env {

    /** An awaitable that completes with {@code value}, by the schedule. */
    <T> Awaitable<T> next(T value);

    /** An awaitable that faults with {@code failure}, by the schedule. */
    <T> Awaitable<T> fail(Exception failure);

    /** Records a side effect; the order of these is part of a run's outcome. */
    void log(Object event);
}
