package dev.awaitable.benchmarks;

import dev.awaitable.Async;

/**
 * Which backend a woven benchmark runs on, from its method name: the direct-style source runs
 * woven on {@code statemachine}, and on {@code loom} (the lambda as written, a virtual thread per
 * body) in the methods whose name ends in {@code Loom}. The backend is a JVM-wide setting; JMH
 * runs each benchmark method in its own fork, so one choice per trial is enough.
 */
final class WovenBackend {

    private WovenBackend() {}

    /** Selects the backend for {@code benchmark}, a JMH benchmark name or a method name. */
    static void selectFor(String benchmark) {
        Async.useBackend(benchmark.endsWith("Loom") ? "loom" : "statemachine");
    }
}
