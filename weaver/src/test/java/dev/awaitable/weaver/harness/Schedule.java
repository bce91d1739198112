package dev.awaitable.weaver.harness;

/** When the awaitables a fixture awaits complete. */
public enum Schedule {
    /** Already complete: every await takes its fast path, nothing suspends. */
    COMPLETED,
    /**
     * Later on the same thread: the body runs on a single-thread context, and each awaitable
     * is completed by a task posted to that context, so every await suspends and resumes there.
     */
    SAME_THREAD,
    /** On another thread, racing the suspension: the await may or may not find it complete. */
    OTHER_THREAD
}
