package dev.awaitable.analyzer;

import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedThread;

/**
 * Which group a thread belongs to, for the CPU section: Awaitable's backends' threads by name
 * (statemachine workers and timer, loom carriers, bodies and timer), the JDK's virtual threads
 * and ForkJoinPool workers, and any other thread under its name with the numbers in it replaced
 * by {@code N}, so {@code http-conn-1} and {@code http-conn-2} are one group.
 *
 * <p>The names are the ones the backends give their threads: {@code awaitable-sm-N} and
 * {@code awaitable-sm-timer} (statemachine's {@code WorkerPool} and {@code TimerWheel}),
 * {@code awaitable-loom-carrier-N}, {@code awaitable-loom-body}, {@code awaitable-loom-task} and
 * {@code awaitable-loom-timer} (the loom backend).
 */
final class ThreadGroups {
    static final String STATEMACHINE_WORKERS = "statemachine workers (awaitable-sm-N)";
    static final String STATEMACHINE_TIMER = "statemachine timer (awaitable-sm-timer)";
    static final String LOOM_CARRIERS = "loom carriers (awaitable-loom-carrier-N)";
    static final String LOOM_BODIES = "loom bodies and tasks (virtual)";
    static final String LOOM_TIMER = "loom timer (awaitable-loom-timer)";
    static final String AWAITABLE_OTHER = "Awaitable runtime (awaitable-*)";
    static final String VIRTUAL = "virtual threads";
    static final String NO_THREAD = "(no thread)";

    private static final Pattern SM_WORKER = Pattern.compile("awaitable-sm-\\d+");
    private static final Pattern LOOM_CARRIER = Pattern.compile("awaitable-loom-carrier-\\d+");
    private static final Pattern FJP_WORKER = Pattern.compile("(ForkJoinPool-\\d+)-worker-\\d+");
    private static final Pattern COMMON_POOL = Pattern.compile("ForkJoinPool\\.commonPool-worker-\\d+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private ThreadGroups() {}

    static String of(RecordedThread t) {
        if (t == null) {
            return NO_THREAD;
        }
        String name = t.getJavaName();
        if (name == null || name.isEmpty()) {
            name = t.getOSName();
        }
        return of(name == null ? "" : name, t.isVirtual());
    }

    static String of(String name, boolean virtual) {
        if (virtual) {
            return name.startsWith("awaitable-loom-") ? LOOM_BODIES : VIRTUAL;
        }
        if (SM_WORKER.matcher(name).matches()) {
            return STATEMACHINE_WORKERS;
        }
        if (name.equals("awaitable-sm-timer")) {
            return STATEMACHINE_TIMER;
        }
        if (LOOM_CARRIER.matcher(name).matches()) {
            return LOOM_CARRIERS;
        }
        if (name.equals("awaitable-loom-timer")) {
            return LOOM_TIMER;
        }
        if (name.startsWith("awaitable-")) {
            return AWAITABLE_OTHER;
        }
        var fjp = FJP_WORKER.matcher(name);
        if (fjp.matches()) {
            return fjp.group(1) + " workers (virtual-thread carriers or an executor)";
        }
        if (COMMON_POOL.matcher(name).matches()) {
            return "ForkJoinPool.commonPool workers";
        }
        if (name.isEmpty()) {
            return "unnamed platform threads";
        }
        return DIGITS.matcher(name).replaceAll("N");
    }

    /**
     * A thread as a sentence names it: {@code thread 'main'}, or for a virtual thread, which has
     * no name unless given one, {@code a virtual thread (#42)}.
     */
    static String describe(String name, Long id, boolean virtual) {
        if (name == null || name.isBlank()) {
            String what = virtual ? "a virtual thread" : "an unnamed thread";
            return id == null ? what : what + " (#" + id + ")";
        }
        return (virtual ? "virtual thread '" : "thread '") + name + "'";
    }
}
