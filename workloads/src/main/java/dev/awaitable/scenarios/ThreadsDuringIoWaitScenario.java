package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code threads-during-io-wait}: no thread is blocked while an await waits for I/O; a thousand
 * concurrent waits need a handful of platform threads, where blocking code needs one per request.
 *
 * <p>Claim (asynchronous-programming-internals-lesson.md, "Deep Dive: where threads do (and don't)
 * get used"; how-csharp-async-await-works-under-the-hood.md, "Task vs Thread"): for I/O-bound work
 * no thread sits blocked during the wait; the OS (here: one completer thread) calls the
 * continuation when the data arrives. A server can hold thousands of concurrent requests on a
 * handful of threads; with synchronous blocking, each request needs a dedicated thread.
 *
 * <p>The experiment: {@value #N} async "requests", each awaiting its own pending I/O-like
 * awaitable (a {@link CompletionSource}), all started before any completes; one {@code io-completer}
 * platform thread completes them all afterwards. The live platform threads are counted with
 * {@link ThreadMXBean} (which does not count virtual threads) before the requests start, while all
 * {@value #N} wait, and at the peak through completion and resumption. The backend's pools are
 * started by one delay and one offloaded task beforehand, so the count is what the waits add.
 * For contrast, the same {@value #N} requests as blocking code: one platform thread each, parked on
 * a latch until its I/O completes (informational; not part of the check, since it measures the
 * JDK, not the backend).
 *
 * <p>Where the two backends differ: a statemachine request is a suspended machine with no thread
 * at all; a loom request is a virtual thread, parked, that holds no platform thread while it waits.
 */
final class ThreadsDuringIoWaitScenario extends AbstractScenario<ThreadsDuringIoWaitScenario.Facts> {

    static final int N = 1000;
    /** "A handful": what the waits may add at most; the backends' pools are fixed (about one thread per core). */
    private static final int HANDFUL = 2 * Runtime.getRuntime().availableProcessors() + 8;

    /**
     * @param pending       requests still waiting when counted (all of them, if none completed early)
     * @param before        live platform threads before the requests started
     * @param waiting       live platform threads while all requests waited
     * @param peak          peak live platform threads from the start through completion and resumption
     * @param backendThreads names of the backend's own platform threads ({@code awaitable-sm-*}, {@code awaitable-loom-*})
     * @param onVirtual     requests whose code ran on a virtual thread
     * @param completed     requests that completed with their value
     * @param blocking      the blocking contrast
     */
    record Facts(
            int pending,
            int before,
            int waiting,
            int peak,
            List<String> backendThreads,
            int onVirtual,
            int completed,
            Blocking blocking) {}

    /** The blocking contrast: platform threads before and while {@value #N} requests block. */
    record Blocking(int before, int waiting, String failure) {}

    ThreadsDuringIoWaitScenario() {
        super(
                "threads-during-io-wait",
                "where threads are and are not used: " + N
                        + " concurrent I/O-like awaits on a handful of platform threads",
                "I/O-bound awaits block no thread: thousands of concurrent requests run on a handful of threads, "
                        + "where synchronous blocking needs a dedicated thread per request",
                "asynchronous-programming-internals-lesson.md, Deep Dive (where threads do and don't get used)",
                "while " + N + " awaits wait, the live platform threads grow by at most " + HANDFUL
                        + " (a handful, independent of N), versus about +" + N + " for blocking thread-per-request");
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    Outcome judge(Facts f) {
        int added = f.peak() - f.before();
        boolean passed = f.pending() == N && added <= HANDFUL && f.completed() == N;
        String model = f.onVirtual() > 0
                ? f.onVirtual() + " bodies, each a parked virtual thread"
                : "suspended state machines, no thread each";
        Blocking b = f.blocking();
        String contrast = b.failure() != null
                ? "blocking thread-per-request could not be measured: " + b.failure()
                : "blocking thread-per-request: " + b.waiting() + " (+" + (b.waiting() - b.before()) + ")";
        return Outcome.of(
                passed,
                f.pending() + " of " + N + " awaits pending at once (" + model + "): "
                        + f.waiting() + " live platform threads (+" + (f.waiting() - f.before()) + " over " + f.before()
                        + "), peak through completion " + f.peak() + " (+" + added + "); the backend's own: "
                        + f.backendThreads().size() + " " + f.backendThreads() + "; " + f.completed() + " completed; "
                        + contrast);
    }

    /** The name prefix of each backend's own platform threads. */
    private static String threadPrefix(String backend) {
        return STATEMACHINE.equals(backend) ? "awaitable-sm-" : "awaitable-" + backend + "-";
    }

    private interface Handler {
        /** Starts one request: an async method awaiting {@code io}; records whether its code runs on a virtual thread. */
        Awaitable<Integer> handle(Awaitable<Integer> io, AtomicInteger onVirtual);
    }

    private static Facts experiment(Handler handler) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Probes.join(Awaitables.delay(Duration.ofMillis(1)), "a warm-up delay");
        Probes.join(Awaitables.run(() -> 0), "a warm-up task");

        List<CompletionSource<Integer>> io = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            io.add(new CompletionSource<>());
        }
        CountDownLatch go = new CountDownLatch(1);
        Thread completer = Probes.daemon("io-completer", () -> {
            Probes.await(go);
            for (CompletionSource<Integer> s : io) {
                s.setResult(1);
            }
        });
        try {
            int before = mx.getThreadCount();
            mx.resetPeakThreadCount();
            AtomicInteger onVirtual = new AtomicInteger();
            List<Awaitable<Integer>> requests = new ArrayList<>(N);
            for (CompletionSource<Integer> s : io) {
                requests.add(handler.handle(s.awaitable(), onVirtual));
            }
            int pending = (int) requests.stream().filter(r -> !r.isCompleted()).count();
            int waiting = mx.getThreadCount();
            List<String> backendThreads = backendThreads();
            go.countDown();
            List<Integer> results = Probes.join(Awaitables.whenAll(requests), "the " + N + " requests");
            int peak = mx.getPeakThreadCount();
            int completed = (int) results.stream().filter(v -> v == 1).count();
            completer.join(Probes.WAIT.toMillis()); // gone before the contrast counts threads
            return new Facts(pending, before, waiting, peak, backendThreads, onVirtual.get(), completed, blocking());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the io-completer", e);
        } finally {
            go.countDown();
        }
    }

    /** The selected backend's platform threads, by their name prefix. */
    private static List<String> backendThreads() {
        String prefix = threadPrefix(Async.backend().name());
        TreeSet<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) { // platform threads only
            if (t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return List.copyOf(names);
    }

    /** {@value #N} requests as blocking code: a platform thread each, parked until its I/O completes. */
    private static Blocking blocking() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int before = mx.getThreadCount();
        CountDownLatch started = new CountDownLatch(N);
        CountDownLatch ioDone = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(N);
        try {
            for (int i = 0; i < N; i++) {
                Thread t = new Thread(
                        null,
                        () -> {
                            started.countDown();
                            Probes.await(ioDone);
                        },
                        "blocking-request-" + i,
                        128 * 1024);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            if (!Probes.await(started)) {
                return new Blocking(
                        before, mx.getThreadCount(), "only " + (N - started.getCount()) + " threads started in time");
            }
            return new Blocking(before, mx.getThreadCount(), null);
        } catch (Throwable e) { // OutOfMemoryError: unable to create native thread, on a small machine
            return new Blocking(before, mx.getThreadCount(), Probes.describe(e));
        } finally {
            ioDone.countDown();
            for (Thread t : threads) {
                try {
                    t.join(Probes.WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        return experiment((io, onVirtual) -> {
            HandleRequestMachine m = new HandleRequestMachine(io);
            m.builder.start(m);
            return m.builder.awaitable();
        });
    }

    /**
     * <pre>{@code
     * static async Task<int> HandleRequestAsync(Task<int> io) {
     *     return await io;              // the I/O: no thread waits here
     * }
     * }</pre>
     */
    static final class HandleRequestMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> io;
        int state;
        Awaiter<Integer> awaiter;

        HandleRequestMachine(Awaitable<Integer> io) {
            this.io = io;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    awaiter = io.getAwaiter();
                    if (!awaiter.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(awaiter, this);
                        return;
                    }
                }
                int v = awaiter.getResult();
                awaiter = null;
                state = -1;
                builder.setResult(v);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    Facts onLoom() {
        return experiment((io, onVirtual) -> Async.run(() -> {
            if (Thread.currentThread().isVirtual()) {
                onVirtual.incrementAndGet();
            }
            return Async.await(io);
        }));
    }
}
