package dev.awaitable.statemachine.examples;

import dev.awaitable.Awaitable;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.io.IOException;
import java.util.List;

/**
 * Example: try/catch/finally across an await.
 *
 * <pre>{@code
 * // Direct style (loom backend):
 * static Awaitable<String> read(Awaitable<String> source, List<String> log) {
 *     return Async.run(() -> {
 *         log.add("open");
 *         try {
 *             return "read " + Async.await(source);
 *         } catch (IOException e) {
 *             return "failed: " + e.getMessage();
 *         } finally {
 *             log.add("close");
 *         }
 *     });
 * }
 * }</pre>
 *
 * The try block spans the suspension, so the machine cannot use one Java try statement for it:
 * the exception from the awaited work surfaces in state 1 at {@code getResult()}, inside the
 * machine's own try, and the finally action runs on every exit path of the protected region.
 */
public final class TryCatchFinally {
    private TryCatchFinally() {}

    public static Awaitable<String> read(Awaitable<String> source, List<String> log) {
        Machine m = new Machine(source, log);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    private static final class Machine implements AsyncStateMachine {
        final AsyncMethodBuilder<String> builder = AsyncMethodBuilder.create();
        final Awaitable<String> source;
        final List<String> log;
        int state;

        Machine(Awaitable<String> source, List<String> log) {
            this.source = source;
            this.log = log;
        }

        @Override
        public void moveNext() {
            String result;
            try {
                if (state == 0) {
                    log.add("open");
                }
                boolean inProtectedRegion = true;
                try {
                    if (state == 0) {
                        Awaitable<String> aw = source.getAwaiter(); // C#: TaskAwaiter<T>
                        if (!aw.isCompleted()) {
                            state = 1;
                            inProtectedRegion = false; // suspending is not leaving the try
                            builder.awaitOnCompleted(aw, this);
                            return;
                        }
                    }
                    result = "read " + source.getAwaiter().getResult();
                } catch (Exception e) {
                    if (!(e instanceof IOException io)) {
                        throw e;
                    }
                    result = "failed: " + io.getMessage();
                } finally {
                    if (inProtectedRegion) {
                        log.add("close");
                    }
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
                return;
            }
            state = -1;
            builder.setResult(result);
        }
    }
}
