package dev.awaitable.internal;

import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.spi.ScheduledAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Finds and selects the {@link AsyncBackend}.
 *
 * <p>Order: an explicit {@link #use} (tools that run both backends in one process); else the
 * system property {@code awaitable.backend}; else the programmatic default; else the only
 * backend on the class path. Anything else (none found, an unknown name, several and no
 * choice) is one {@link IllegalStateException} that lists what is on the class path and how
 * to choose.
 */
public final class Backends {

    public static final String PROPERTY = "awaitable.backend";

    private static volatile AsyncBackend selected;
    private static volatile AsyncBackend explicit;
    private static volatile String programmaticDefault;
    private static volatile Map<String, AsyncBackend> available;

    private Backends() {}

    /** The backend in use; resolved on first call. */
    public static AsyncBackend current() {
        AsyncBackend b = explicit;
        if (b != null) {
            return b;
        }
        b = selected;
        return b != null ? b : resolve();
    }

    /** The backend in use, or null if none can be resolved (no error). */
    public static AsyncBackend currentOrNull() {
        try {
            return current();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Selects {@code name} now, over the property and the default. */
    public static AsyncBackend use(String name) {
        AsyncBackend b = find(name, "Async.useBackend");
        explicit = b;
        return b;
    }

    /** Selects the given instance now (tests and harnesses that build their own). */
    public static void use(AsyncBackend backend) {
        explicit = backend;
    }

    /** Sets the backend used when {@code -Dawaitable.backend} is not given. */
    public static synchronized void setDefault(String name) {
        find(name, "Async.setDefaultBackend");
        programmaticDefault = name;
        selected = null;
    }

    /** Names of the backends on the class path, sorted. */
    public static List<String> availableNames() {
        return new ArrayList<>(available().keySet());
    }

    /** The named backend from the class path, or an error listing what is there. */
    public static AsyncBackend byName(String name) {
        return find(name, "lookup");
    }

    private static synchronized AsyncBackend resolve() {
        AsyncBackend b = selected;
        if (b != null) {
            return b;
        }
        String fromProperty = System.getProperty(PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            b = find(fromProperty.trim(), "-D" + PROPERTY);
        } else if (programmaticDefault != null) {
            b = find(programmaticDefault, "Async.setDefaultBackend");
        } else {
            Map<String, AsyncBackend> all = available();
            if (all.size() != 1) {
                throw new IllegalStateException(
                        all.isEmpty()
                                ? "no Awaitable backend on the class path: add dev.awaitable:awaitable-loom or "
                                        + "dev.awaitable:awaitable-statemachine"
                                : "no Awaitable backend selected and several are on the class path " + all.keySet()
                                        + ": choose one with -D" + PROPERTY + "=NAME or Async.setDefaultBackend(NAME)");
            }
            b = all.values().iterator().next();
        }
        selected = b;
        return b;
    }

    private static AsyncBackend find(String name, String source) {
        Map<String, AsyncBackend> all = available();
        AsyncBackend b = all.get(name);
        if (b == null) {
            throw new IllegalStateException("unknown Awaitable backend '" + name + "' (from " + source + "); "
                    + (all.isEmpty() ? "none is on the class path" : "on the class path: " + all.keySet()));
        }
        return b;
    }

    private static Map<String, AsyncBackend> available() {
        Map<String, AsyncBackend> m = available;
        if (m != null) {
            return m;
        }
        synchronized (Backends.class) {
            if (available == null) {
                Map<String, AsyncBackend> found = new LinkedHashMap<>();
                load(ServiceLoader.load(AsyncBackend.class), found);
                load(ServiceLoader.load(AsyncBackend.class, Backends.class.getClassLoader()), found);
                Map<String, AsyncBackend> sorted = new LinkedHashMap<>();
                found.keySet().stream().sorted().forEach(k -> sorted.put(k, found.get(k)));
                available = sorted;
            }
            return available;
        }
    }

    private static void load(ServiceLoader<AsyncBackend> loader, Map<String, AsyncBackend> into) {
        for (ServiceLoader.Provider<AsyncBackend> p : loader.stream().toList()) {
            AsyncBackend b = p.get();
            into.putIfAbsent(b.name(), b);
        }
    }

    /* ---------------- Timers without a backend ---------------- */

    /**
     * Schedules on the current backend's timer, or, when no backend can be resolved (a token's
     * {@code cancelAfter} in a program that never awaits), on a small shared daemon timer, so
     * cancellation works with the API alone.
     */
    public static ScheduledAction schedule(Runnable task, long delayNanos) {
        AsyncBackend b = currentOrNull();
        if (b != null) {
            return b.schedule(task, delayNanos);
        }
        var f = FallbackTimer.EXECUTOR.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static final class FallbackTimer {
        static final ScheduledThreadPoolExecutor EXECUTOR =
                new ScheduledThreadPoolExecutor(1, r -> LibraryThreads.newThread(r, "awaitable-fallback-timer"));

        static {
            EXECUTOR.setRemoveOnCancelPolicy(true);
        }
    }
}
