package dev.awaitable.loom;

import dev.awaitable.AsyncBody;
import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.CancellationToken;
import dev.awaitable.internal.Diagnostics;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.spi.ScheduledAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The loom backend ({@code -Dawaitable.backend=loom}): an async body is ordinary sequential code
 * on its own virtual thread, and an await of something incomplete parks that thread.
 *
 * <ul>
 *   <li>{@code Async.run(body)} behaves like a C# async method call: the body runs on the
 *       caller's thread until its first real suspension (or its end), then the caller goes on.
 *       From another body, the caller's carrier is handed over to the new body for that part.</li>
 *   <li>A body started on a thread whose current context is an {@link AsyncContext} (an event
 *       loop, say) is bound to it: between awaits its code runs on that context's thread, and
 *       {@code AsyncContext.current()} is that context inside it. Each await decides anew where
 *       the body resumes: on the captured context, or, after {@code configureAwait(false)}, on
 *       the backend's carriers or inline on the platform thread that completed the awaited work.
 *       This needs the JDK's internal per-thread scheduler ({@link #contextAffinity()}).</li>
 *   <li>An await ends early with {@link dev.awaitable.OperationCanceledException} when its token
 *       is cancelled, and with {@link dev.awaitable.AsyncInterruptedException} (interrupt status
 *       kept) when the body's thread is interrupted. From a platform thread an await blocks, with
 *       the core's deadlock detection.</li>
 *   <li>{@link #scheduler()} starts a virtual thread per task; {@link #schedule} is one daemon
 *       timer thread. Threads start on first use.</li>
 * </ul>
 *
 * <p>Where we differ from .NET: a continuation that the completing thread would run inline is run
 * inline only if that thread is a platform thread; a completion on another body's virtual thread
 * (which cannot carry a second one) dispatches the woken body instead, so it runs after the
 * completer's current segment rather than inside its {@code setResult}.
 *
 * <p>Pinning: on JDK 21-23 ({@link #pinsOnMonitors()}) a body that awaits while holding a monitor
 * pins its carrier, and so does a body whose first segment runs on a caller that holds one: the
 * carrier thread (an event loop, or the caller of {@code Async.run}) is blocked until the await
 * completes, which deadlocks if only that thread could complete it. Each pinned park is recorded
 * as the JFR event {@code jdk.VirtualThreadPinned}. JDK 24+ does not pin on monitors.
 */
public final class LoomBackend implements AsyncBackend {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /**
     * The JDK's poller mode this backend needs: 1, pollers on platform threads. A body blocked in
     * socket I/O parks on the JDK's poller. On Linux the default mode runs the pollers as virtual
     * threads of the JDK's default scheduler (mode 2; 3, per carrier, on JDK 25), and they poll
     * only while that scheduler runs. Bodies run on their own schedulers and carriers, so a body
     * blocked in a socket read or accept was woken only when some default-scheduler virtual
     * thread happened to run: seen as a read that never returned on an otherwise idle JVM, and as
     * an accept loop that could not keep up under load. The property is read once, when the
     * JDK's Poller initializes (the first socket operation a virtual thread blocks in), so it is
     * set when this class initializes, unless the user chose a mode (then the backend warns once).
     * A JVM that blocked a virtual thread in socket I/O before this class initialized keeps the
     * JDK's default mode, which cannot be seen from here: pass {@code -Djdk.pollerMode=1} there.
     */
    static final String POLLER_MODE_PROPERTY = "jdk.pollerMode";

    private static final AtomicBoolean POLLER_WARNED = new AtomicBoolean();

    static {
        if (System.getProperty(POLLER_MODE_PROPERTY) == null) {
            System.setProperty(POLLER_MODE_PROPERTY, "1");
        }
    }

    private final ContextAffinity affinity;
    private final boolean scheduled;
    private final Executor scheduler;

    /** The backend as found by {@link java.util.ServiceLoader}: per-body schedulers when the JDK allows. */
    public LoomBackend() {
        this(contextAffinity());
    }

    /** A backend in the given mode; tests use it to run without affinity next to the default. */
    LoomBackend(ContextAffinity affinity) {
        if (affinity == ContextAffinity.PER_BODY_SCHEDULER && !VirtualThreads.available()) {
            throw new IllegalStateException("per-body schedulers unavailable: " + VirtualThreads.unavailableReason());
        }
        this.affinity = Objects.requireNonNull(affinity, "affinity");
        this.scheduled = affinity == ContextAffinity.PER_BODY_SCHEDULER;
        this.scheduler = new TaskScheduler(scheduled);
        if (scheduled
                && !"1".equals(System.getProperty(POLLER_MODE_PROPERTY))
                && POLLER_WARNED.compareAndSet(false, true)) {
            Diagnostics.log()
                    .warn(
                            "loom backend: -D{}={}: the JDK polls sockets on its default scheduler's virtual threads, "
                                    + "so a body blocked in socket I/O wakes only when that scheduler runs; use -D{}=1",
                            POLLER_MODE_PROPERTY,
                            System.getProperty(POLLER_MODE_PROPERTY),
                            POLLER_MODE_PROPERTY);
        }
    }

    /** The mode this JVM supports: per-body schedulers if {@code java.lang} is open to the backend. */
    public static ContextAffinity contextAffinity() {
        return VirtualThreads.available() ? ContextAffinity.PER_BODY_SCHEDULER : ContextAffinity.UNAVAILABLE;
    }

    /**
     * True if a virtual thread that parks while holding a monitor pins its carrier on the running
     * JDK (JDK 21-23; JEP 491 lifted it in JDK 24). The JFR event {@code jdk.VirtualThreadPinned}
     * records each pinned park either way.
     */
    public static boolean pinsOnMonitors() {
        return Runtime.version().feature() < 24;
    }

    @Override
    public String name() {
        return "loom";
    }

    @Override
    public String description() {
        return "direct style on virtual threads ("
                + (scheduled
                        ? "per-body schedulers: context affinity, eager start on the caller's thread)"
                        : "default scheduler: no context affinity)");
    }

    @Override
    public Executor scheduler() {
        return scheduler;
    }

    @Override
    public ScheduledAction schedule(Runnable task, long delayNanos) {
        return LoomTimer.schedule(task, delayNanos);
    }

    @Override
    public <T> Awaitable<T> run(AsyncBody<T> body) {
        Objects.requireNonNull(body, "body");
        LoomBody<T> b;
        if (scheduled) {
            b = new LoomBody<>(body, VirtualThreads.currentContext(), true);
            b.strand.thread = VirtualThreads.newThread(b.strand, VirtualThreads.BODY_THREAD_NAME, b);
        } else {
            warnOnce();
            AsyncContext context = AsyncContext.current();
            if (context != null) {
                throw new UnsupportedOperationException("loom backend: Async.run on context '" + context.name() + "'"
                        + " needs context affinity, which is unavailable (" + unavailableBecause()
                        + "): the body could not resume on the context. " + ADD_OPENS);
            }
            b = new LoomBody<>(body, null, false);
            b.strand.thread =
                    Thread.ofVirtual().name(VirtualThreads.BODY_THREAD_NAME).unstarted(b);
        }
        b.strand.start();
        return b;
    }

    @Override
    public <T> T await(AwaitableLike<T> awaitable, CancellationToken token) {
        return LoomAwait.await(awaitable, token);
    }

    /** How many of the backend's own carrier threads are alive now (for thread-count reports). */
    public static int carrierThreads() {
        return Carriers.live();
    }

    /** contextAffinity, its reason when unavailable, pinsOnMonitors, carriers, jdk. */
    @Override
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("contextAffinity", affinity.name());
        if (!scheduled) {
            String reason = VirtualThreads.unavailableReason();
            p.put("contextAffinityUnavailableBecause", reason == null ? "selected by the caller" : reason);
        }
        p.put("eagerStart", scheduled ? "on the caller's thread" : "caller waits for the first suspension");
        p.put("pinsOnMonitors", Boolean.toString(pinsOnMonitors()));
        p.put("carriers", Integer.toString(Carriers.PARALLELISM));
        p.put("inlineResume", Boolean.toString(Strand.INLINE_RESUME));
        p.put("jdk", Runtime.version().toString());
        p.put(POLLER_MODE_PROPERTY, String.valueOf(System.getProperty(POLLER_MODE_PROPERTY)));
        return p;
    }

    /** How to turn context affinity on, for the warning and for the failures it prevents. */
    private static final String ADD_OPENS = "Pass --add-opens java.base/java.lang=ALL-UNNAMED (class path) or "
            + "=dev.awaitable.loom (module path) to the java command to enable it.";

    private static String unavailableBecause() {
        String reason = VirtualThreads.unavailableReason();
        return reason == null ? "selected by the caller" : reason;
    }

    /** Once per JVM, on the log and, when no SLF4J provider would show it, on stderr. */
    private static void warnOnce() {
        if (WARNED.compareAndSet(false, true)) {
            Diagnostics.warn("loom backend: context affinity is unavailable (" + unavailableBecause()
                    + "); async bodies run on the default virtual-thread scheduler, Async.run on a thread with "
                    + "an AsyncContext (an event loop) fails, and Async.run waits for a body's first suspension "
                    + "instead of running it on the caller's thread. " + ADD_OPENS);
        }
    }

    @Override
    public String toString() {
        return "LoomBackend[" + affinity + ']';
    }
}
