package dev.awaitable.reliability;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.testkit.Program;
import dev.awaitable.testkit.ProgramRunner;

/**
 * Starts a {@link Program} on a named backend the way that backend runs async methods (a machine
 * on {@code statemachine}, a direct-style body on {@code loom}), through the backend's own
 * contract {@link ProgramRunner} from its test-jar.
 */
public final class Programs {
    private Programs() {}

    /** Selects {@code backend} and starts {@code program} on the calling thread. */
    public static <T> Awaitable<T> startOn(String backend, Program<T> program) {
        Async.useBackend(backend);
        return ProgramRunner.current().start(program);
    }
}
