package dev.awaitable.testkit;

import dev.awaitable.Async;
import java.util.List;

/**
 * Runs a {@link Program} as direct-style code: a loop that awaits with {@link Async#await},
 * using Java's own try/catch/finally. What a program looks like on a backend with stack
 * capture (the loom backend).
 */
public final class DirectInterpreter {
    private DirectInterpreter() {}

    /** Runs the program body on the calling (async) thread and returns its result. */
    public static <T> T execute(Program<T> program) throws Exception {
        Frame frame = new Frame();
        try {
            exec(program.steps(), frame);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new RuntimeException(t);
        }
        return program.result(frame);
    }

    private static void exec(List<Step> steps, Frame f) throws Throwable {
        for (Step s : steps) {
            switch (s) {
                case Step.Compute c -> c.action().accept(f);
                case Step.Throw t -> throw t.exception().apply(f);
                case Step.Await a -> f.store(a.into(), Async.await(a.target().apply(f)));
                case Step.Loop l -> {
                    while (l.condition().test(f)) {
                        exec(l.body(), f);
                    }
                }
                case Step.Try t -> {
                    try {
                        exec(t.body(), f);
                    } catch (Throwable x) {
                        if (t.catchType() != null && t.catchType().isInstance(x)) {
                            f.caught(x);
                            exec(t.handler(), f);
                        } else {
                            throw x;
                        }
                    } finally {
                        if (!t.finallySteps().isEmpty()) {
                            exec(t.finallySteps(), f);
                        }
                    }
                }
            }
        }
    }
}
