package dev.awaitable.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * Whether the backend runs a body's code on the thread the C# model names: the caller's for
     * the first segment, the completer's for an inline continuation, the context's after a
     * capture. False only for the loom backend without {@code --add-opens}, where the order of
     * events is kept, bodies run on default-scheduler virtual threads, and starting a body on a
     * context fails at once ({@link #assertStartOnContextFailsClearly}).
     */
    protected static boolean threadAffinity() {
        return !"UNAVAILABLE".equals(Async.backend().properties().get("contextAffinity"));
    }

    /** Without thread affinity, a body started on {@code context} fails at once with an error that names the flag. */
    protected static void assertStartOnContextFailsClearly(SingleThreadContext context) {
        Awaitable<Object> attempt =
                context.submit(() -> start(Program.<Object>builder("on-context").returns(f -> null)));
        assertThatThrownBy(() -> await(attempt))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(context.name())
                .hasMessageContaining("--add-opens java.base/java.lang=ALL-UNNAMED");
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
