package dev.awaitable.scenarios;

import dev.awaitable.Async;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs scenarios on backends and never fails itself: each (scenario, backend) pair becomes one
 * {@link ScenarioResult}, whatever happens.
 *
 * <ul>
 *   <li>Each run gets a fresh daemon platform thread ({@code scenario-ID-BACKEND}), so a run that
 *       hangs is abandoned after its timeout (and interrupted) while the next one starts: the result
 *       says {@code timed out after Ns} and where the run was stuck, and the process never hangs.</li>
 *   <li>An exception thrown by a run (an unknown backend, a bug in the experiment) becomes a failed
 *       result carrying the exception's type and message.</li>
 *   <li>Runs are sequential: the backend is selected JVM-wide ({@code Async.useBackend}), so two
 *       runs at once would measure each other. The backend in use before is selected again at the end.</li>
 * </ul>
 */
public final class ScenarioRunner {

    private ScenarioRunner() {}

    /**
     * Runs every scenario on every backend, scenario by scenario in list order (each on the
     * backends in the order given), each bounded by its own {@link Scenario#timeout()}.
     */
    public static List<ScenarioResult> run(List<? extends Scenario> scenarios, List<String> backends) {
        return run(scenarios, backends, null);
    }

    /**
     * Like {@link #run(List, List)}, with one timeout for every run instead of each scenario's
     * own ({@code null}: each scenario's own).
     */
    public static List<ScenarioResult> run(
            List<? extends Scenario> scenarios, List<String> backends, Duration timeout) {
        Objects.requireNonNull(scenarios, "scenarios");
        Objects.requireNonNull(backends, "backends");
        String before = backendInUse();
        List<ScenarioResult> results = new ArrayList<>(scenarios.size() * backends.size());
        try {
            for (Scenario s : scenarios) {
                for (String b : backends) {
                    results.add(runOne(s, b, timeout == null ? s.timeout() : timeout));
                }
            }
        } finally {
            restore(before);
        }
        return results;
    }

    /** One scenario on one backend, bounded by {@code timeout}. */
    public static ScenarioResult runOne(Scenario s, String backend, Duration timeout) {
        Objects.requireNonNull(s, "scenario");
        Objects.requireNonNull(timeout, "timeout");
        FutureTask<Outcome> task = new FutureTask<>(() -> s.run(backend));
        Thread runner = new Thread(task, "scenario-" + s.id() + "-" + backend);
        runner.setDaemon(true);
        runner.start();
        try {
            Outcome o = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return result(s, backend, o.passed(), o.observed());
        } catch (TimeoutException e) {
            String stuck = stuckAt(runner);
            task.cancel(true);
            return result(s, backend, false, "timed out after " + format(timeout) + stuck);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return result(s, backend, false, "threw " + Probes.describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            return result(s, backend, false, "interrupted while running");
        }
    }

    private static ScenarioResult result(Scenario s, String backend, boolean passed, String observed) {
        return new ScenarioResult(s.id(), s.title(), backend, passed, s.expected(), observed);
    }

    /** " (stuck in Class.method(File:line))" for the innermost frame of this package, or of anything but the JDK. */
    private static String stuckAt(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        StackTraceElement pick = null;
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith(ScenarioRunner.class.getPackageName())) {
                pick = f;
                break;
            }
        }
        if (pick == null) {
            for (StackTraceElement f : stack) {
                if (!f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")) {
                    pick = f;
                    break;
                }
            }
        }
        if (pick == null) {
            return "";
        }
        String cls = pick.getClassName();
        return " (stuck in " + cls.substring(cls.lastIndexOf('.') + 1) + "." + pick.getMethodName()
                + (pick.getLineNumber() > 0 ? ":" + pick.getLineNumber() : "") + ")";
    }

    /** {@code 30s}, or {@code 500ms} below a whole second. */
    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String backendInUse() {
        try {
            return Async.backend().name();
        } catch (RuntimeException e) {
            return null; // none resolvable yet: nothing to restore
        }
    }

    private static void restore(String backend) {
        if (backend != null) {
            try {
                Async.useBackend(backend);
            } catch (RuntimeException ignored) {
                // it was in use, so it is on the class path; nothing sensible to do otherwise
            }
        }
    }
}
