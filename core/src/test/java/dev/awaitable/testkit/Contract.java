package dev.awaitable.testkit;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.SingleThreadContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of every contract test: the backend under test is the one selected for the module
 * ({@code -Dawaitable.backend}); programs run through its {@link ProgramRunner}. Blocking waits
 * in tests are bounded, so a broken backend fails a test instead of hanging the build.
 */
public abstract class Contract {

    /** Upper bound for anything a contract test waits for. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    private final List<SingleThreadContext> loops = new ArrayList<>();

    protected static String backend() {
        return Async.backend().name();
    }

    protected static ProgramRunner runner() {
        return ProgramRunner.current();
    }

    protected static <T> Awaitable<T> start(Program<T> program) {
        return runner().start(program);
    }

    /** The platform thread running the caller's code now (a virtual thread's carrier). */
    protected static String executingThread() {
        return runner().executingThread();
    }

    /** Joins with the test timeout. */
    protected static <T> T await(Awaitable<T> a) {
        try {
            return a.join(WAIT);
        } catch (TimeoutException e) {
            if (a.isCompleted()) {
                throw dev.awaitable.internal.Sneaky.raise(e); // the awaitable's own fault, rethrown by join
            }
            throw new AssertionError("timed out: " + a, e);
        }
    }

    /** An event loop closed after the test. */
    protected SingleThreadContext loop(String name) {
        SingleThreadContext c = SingleThreadContext.start(name);
        loops.add(c);
        return c;
    }

    @AfterEach
    void closeLoops() {
        for (SingleThreadContext c : loops) {
            try {
                if (!c.close(WAIT)) {
                    throw new AssertionError("event loop " + c.name() + " did not stop: it is stuck in an action");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
    }
}
