package dev.awaitable.weaver.harness;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.SingleThreadContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a fixture, a {@code public static Awaitable<?> name(Env)} method, on a backend under a
 * schedule, and reports its {@link Outcome}. Woven fixtures run on statemachine, the same
 * fixtures unwoven on loom; the two must agree.
 */
public final class FixtureRunner implements AutoCloseable {

    private final SingleThreadContext context = SingleThreadContext.start("fixture-loop");
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fixture-completer");
        t.setDaemon(true);
        return t;
    });

    /** The outcome of a run that did not end in time. */
    public static final String TIMED_OUT = "timed out";

    /** The fixture methods of a class, by name. */
    public static List<Method> fixtures(Class<?> fixtureClass) {
        List<Method> methods = new ArrayList<>();
        for (Method m : fixtureClass.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers())
                    && Modifier.isPublic(m.getModifiers())
                    && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] == Env.class
                    && Awaitable.class.isAssignableFrom(m.getReturnType())) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        return methods;
    }

    private final long timeoutMillis;

    /** A runner that waits up to {@code timeoutMillis} for a run to end. */
    public FixtureRunner(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Runs {@code fixture} on {@code backend} under {@code schedule}, waiting for its end; a run
     * that does not end in time has the outcome {@code timed out} (and leaves this runner's
     * context possibly busy: use a fresh runner after one).
     */
    public Outcome run(Method fixture, String backend, Schedule schedule) throws Exception {
        Async.useBackend(backend);
        ScheduledEnv env = new ScheduledEnv(schedule, context, otherThread);
        CompletableFuture<String> result = new CompletableFuture<>();
        Runnable start = () -> {
            try {
                Awaitable<?> body = (Awaitable<?>) fixture.invoke(null, env);
                body.getAwaiter().onCompleted(() -> result.complete(describe(body)));
            } catch (InvocationTargetException e) {
                result.complete("threw at start " + describe(e.getCause()));
            } catch (Throwable t) {
                result.complete("harness failure " + describe(t));
            }
        };
        if (schedule == Schedule.SAME_THREAD) {
            context.post(start);
        } else {
            start.run();
        }
        String outcome;
        try {
            outcome = result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome = TIMED_OUT;
        }
        return new Outcome(outcome, List.copyOf(env.log));
    }

    private static String describe(Awaitable<?> body) {
        try {
            return "value " + body.getResult();
        } catch (Throwable t) {
            return describe(t);
        }
    }

    static String describe(Throwable t) {
        return "threw " + t.getClass().getName() + ": " + t.getMessage();
    }

    @Override
    public void close() {
        context.close();
        otherThread.shutdownNow();
    }
}
