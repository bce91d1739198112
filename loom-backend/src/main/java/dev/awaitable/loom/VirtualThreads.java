package dev.awaitable.loom;

import dev.awaitable.AsyncContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;

/**
 * The JDK internals the per-body scheduler needs, reached once by reflection and kept as
 * {@link MethodHandle}s (so the JIT inlines them):
 *
 * <ul>
 *   <li>{@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)}: a virtual-thread builder
 *       whose threads run on the given scheduler. Package-private since JDK 21 (the JDK's own tests
 *       use it); present unchanged in JDK 25.</li>
 *   <li>{@code java.lang.VirtualThread.scheduler}: a virtual thread's scheduler, which for our
 *       threads is their {@link Strand}: how an await finds the body it runs in, with no
 *       {@link ThreadLocal} (so no thread-local map per parked body).</li>
 *   <li>{@code Thread.currentCarrierThread()}: the platform thread running the caller.</li>
 *   <li>{@code Thread.threadLocals}: whether a thread has any thread-local map yet. An await asks
 *       for {@code AsyncContext.current()}, which reads a {@link ThreadLocal}, and a read on a thread
 *       without a map creates one (about 136 bytes per parked body); a body thread with no map has
 *       entered no context, so the read is skipped ({@link #currentContext()}).</li>
 * </ul>
 *
 * <p>All three need {@code java.lang} opened to this module ({@code --add-opens
 * java.base/java.lang=dev.awaitable.loom}, or {@code =ALL-UNNAMED} on the class path). Without it,
 * or with {@code -Dawaitable.loom.affinity=false}, {@link #unavailableReason()} says why and the
 * backend runs in {@link ContextAffinity#UNAVAILABLE} mode.
 */
final class VirtualThreads {

    /** The name of every body's virtual thread (one shared string: no allocation per body). */
    static final String BODY_THREAD_NAME = "awaitable-loom-body";
    /** The name of the virtual threads of {@link LoomBackend#scheduler()} tasks. */
    static final String TASK_THREAD_NAME = "awaitable-loom-task";

    private static final MethodHandle BUILDER;
    private static final MethodHandle SCHEDULER;
    private static final MethodHandle CARRIER;
    private static final MethodHandle THREAD_LOCALS;
    private static final String UNAVAILABLE_REASON;

    static {
        MethodHandle builder = null;
        MethodHandle scheduler = null;
        MethodHandle carrier = null;
        MethodHandle threadLocals = null;
        String reason = null;
        if (!Boolean.parseBoolean(System.getProperty("awaitable.loom.affinity", "true"))) {
            reason = "turned off with -Dawaitable.loom.affinity=false";
        } else {
            try {
                MethodHandles.Lookup self = MethodHandles.lookup();
                Class<?> builderClass = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
                builder = MethodHandles.privateLookupIn(builderClass, self)
                        .findConstructor(builderClass, MethodType.methodType(void.class, Executor.class))
                        .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
                Class<?> virtualThread = Class.forName("java.lang.VirtualThread");
                scheduler = MethodHandles.privateLookupIn(virtualThread, self)
                        .findGetter(virtualThread, "scheduler", Executor.class)
                        .asType(MethodType.methodType(Executor.class, Thread.class));
                carrier = MethodHandles.privateLookupIn(Thread.class, self)
                        .findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
                Class<?> mapClass = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
                threadLocals = MethodHandles.privateLookupIn(Thread.class, self)
                        .findGetter(Thread.class, "threadLocals", mapClass)
                        .asType(MethodType.methodType(Object.class, Thread.class));
                reason = selfTest(builder, scheduler);
            } catch (ReflectiveOperationException | RuntimeException e) {
                reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (reason != null) {
            builder = scheduler = carrier = threadLocals = null;
        }
        BUILDER = builder;
        SCHEDULER = scheduler;
        CARRIER = carrier;
        THREAD_LOCALS = threadLocals;
        UNAVAILABLE_REASON = reason;
    }

    private VirtualThreads() {}

    /** Builds (does not start) a thread with a marker scheduler and reads the scheduler back. */
    private static String selfTest(MethodHandle builder, MethodHandle scheduler) {
        try {
            Executor marker = Runnable::run;
            Thread t = ((Thread.Builder.OfVirtual) builder.invokeExact(marker)).unstarted(() -> {});
            return (Executor) scheduler.invokeExact(t) == marker
                    ? null
                    : "the virtual-thread builder ignored its scheduler";
        } catch (Throwable e) {
            return "self-test failed: " + e;
        }
    }

    /** Null if the per-body scheduler works on this JVM, else why not. */
    static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    static boolean available() {
        return UNAVAILABLE_REASON == null;
    }

    /** An unstarted virtual thread that runs on {@code scheduler}. Only when {@link #available()}. */
    static Thread newThread(Executor scheduler, String name, Runnable task) {
        try {
            return ((Thread.Builder.OfVirtual) BUILDER.invokeExact(scheduler))
                    .name(name)
                    .unstarted(task);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual thread with a custom scheduler", e);
        }
    }

    /** The scheduler of a virtual thread, or null when the internals are unavailable. */
    static Executor schedulerOf(Thread virtualThread) {
        MethodHandle h = SCHEDULER;
        if (h == null) {
            return null;
        }
        try {
            return (Executor) h.invokeExact(virtualThread);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code AsyncContext.current()}, without creating a thread-local map on a virtual thread that
     * has none (and so has entered no context).
     */
    static AsyncContext currentContext() {
        MethodHandle h = THREAD_LOCALS;
        if (h != null) {
            Thread t = Thread.currentThread();
            try {
                if (t.isVirtual() && (Object) h.invokeExact(t) == null) {
                    return null;
                }
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        return AsyncContext.current();
    }

    /**
     * The platform thread executing the caller: the current thread itself, or a virtual thread's
     * carrier; null when the internals are unavailable and the caller is virtual.
     */
    static Thread currentCarrier() {
        Thread t = Thread.currentThread();
        MethodHandle h = CARRIER;
        if (!t.isVirtual() || h == null) {
            return t.isVirtual() ? null : t;
        }
        try {
            return (Thread) h.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
