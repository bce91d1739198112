package dev.awaitable.analyzer;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.DeadlockException;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.UnobservedFaultHandler;
import dev.awaitable.jfr.DeadlockDetectedEvent;
import dev.awaitable.jfr.ResumeEvent;
import dev.awaitable.jfr.StatisticsEvent;
import dev.awaitable.jfr.SuspendEvent;
import dev.awaitable.jfr.UnobservedFaultEvent;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;

/**
 * Recordings made by the tests themselves, each once per test JVM and shared by the test classes
 * (a recording and its JMC analysis take a second or two). Files go to a temp folder deleted on exit.
 */
final class Recordings {
    /** Suspensions per phase of {@link #awaits()}; two phases, with statistics samples between. */
    static final int AWAITS_PER_PHASE = 200;

    static final String PINNED_CLASS = SlowInit.class.getName();

    private static final Map<String, Path> FILES = new HashMap<>();
    private static final Map<Path, Analysis> ANALYSES = new HashMap<>();
    private static Path dir;

    private Recordings() {}

    /**
     * Statemachine bodies suspending on CompletionSources completed by another thread, with
     * per-await events on. The backend is warmed up first: its statistics hook registers when
     * the backend is first used, and a recording already running at that moment gets no
     * {@code dev.awaitable.Statistics} events (as the benchmarks' recordings, which start after
     * warm-up, never are).
     */
    static synchronized Path awaits() throws Exception {
        Path file = FILES.get("awaits");
        if (file == null) {
            file = file("awaits.jfr");
            suspendAndResume(1);
            try (Recording r = new Recording()) {
                r.enable(SuspendEvent.NAME);
                r.enable(ResumeEvent.NAME);
                r.enable(StatisticsEvent.NAME).withPeriod(Duration.ofMillis(100));
                r.start();
                Thread.sleep(250);
                suspendAndResume(AWAITS_PER_PHASE);
                Thread.sleep(250);
                suspendAndResume(AWAITS_PER_PHASE);
                Thread.sleep(250);
                r.stop();
                r.dump(file);
            }
            FILES.put("awaits", file);
        }
        return file;
    }

    /** One detected deadlock and one unobserved fault, recorded by Awaitable's always-on fault events. */
    static synchronized Path faults() throws Exception {
        Path file = FILES.get("faults");
        if (file == null) {
            file = file("faults.jfr");
            try (Recording r = new Recording()) {
                r.enable(DeadlockDetectedEvent.NAME);
                r.enable(UnobservedFaultEvent.NAME);
                r.start();
                detectDeadlock();
                loseAFault();
                r.stop();
                r.dump(file);
            }
            FILES.put("faults", file);
        }
        return file;
    }

    /**
     * A virtual thread that blocks inside a class initializer. JDK 24+ no longer pins on monitors
     * (JEP 491), but a virtual thread still cannot unmount while a class initializer is on its
     * stack, so its sleep pins the carrier and JFR reports {@code jdk.VirtualThreadPinned}.
     */
    static synchronized Path pinned() throws Exception {
        Path file = FILES.get("pinned");
        if (file == null) {
            file = file("pinned.jfr");
            try (Recording r = new Recording()) {
                r.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
                r.enable("jdk.ActiveSetting"); // the settings, as -XX:StartFlightRecording records them
                r.start();
                Thread t = Thread.ofVirtual().start(() -> {
                    if (SlowInit.VALUE != 42) {
                        throw new AssertionError();
                    }
                });
                t.join();
                r.stop();
                r.dump(file);
            }
            FILES.put("pinned", file);
        }
        return file;
    }

    /**
     * The same kind of pins as {@link #pinned()} with the JDK's {@code profile} threshold of 20 ms:
     * a 5 ms pin (below the threshold, so not recorded) and a 40 ms one (recorded). Other class
     * initializers than {@link #pinned()}'s, since each runs once per JVM.
     */
    static synchronized Path pinnedAt20ms() throws Exception {
        Path file = FILES.get("pinned20");
        if (file == null) {
            file = file("pinned-20ms.jfr");
            try (Recording r = new Recording()) {
                r.enable("jdk.VirtualThreadPinned")
                        .withThreshold(Duration.ofMillis(20))
                        .withStackTrace();
                r.enable("jdk.ActiveSetting");
                r.start();
                pinIn(() -> ShortInit.VALUE);
                pinIn(() -> LongInit.VALUE);
                r.stop();
                r.dump(file);
            }
            FILES.put("pinned20", file);
        }
        return file;
    }

    /**
     * What the JDK's sections are for, provoked at known frames of {@link Workload} with every
     * threshold at 0: a CPU-bound loop on a thread of its own, a contended monitor, a thread
     * parked on a latch, a sleep, and socket I/O over loopback.
     */
    static synchronized Path blocking() throws Exception {
        Path file = FILES.get("blocking");
        if (file == null) {
            file = file("blocking.jfr");
            try (Recording r = new Recording()) {
                r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                for (String type : List.of(
                        "jdk.JavaMonitorEnter",
                        "jdk.ThreadPark",
                        "jdk.ThreadSleep",
                        "jdk.SocketRead",
                        "jdk.SocketWrite")) {
                    r.enable(type).withThreshold(Duration.ZERO).withStackTrace();
                }
                r.enable("jdk.ActiveSetting");
                r.start();
                Workload.run();
                r.stop();
                r.dump(file);
            }
            FILES.put("blocking", file);
        }
        return file;
    }

    /**
     * A recording of an unrelated program, made the way a user would: {@code java
     * -XX:StartFlightRecording=filename=...} in a child JVM of the running JDK, on a single-file
     * source program that allocates, collects garbage and sleeps.
     */
    static synchronized Path foreign() throws Exception {
        Path file = FILES.get("foreign");
        if (file == null) {
            file = file("foreign.jfr");
            Path source = dir.resolve("Churn.java");
            Files.writeString(source, """
                    import java.util.ArrayList;
                    import java.util.List;

                    public class Churn {
                        public static void main(String[] args) throws Exception {
                            List<Object> keep = new ArrayList<>();
                            long sum = 0;
                            for (int i = 0; i < 3_000_000; i++) {
                                int[] a = new int[16 + (i & 31)];
                                a[0] = i;
                                keep.add(a);
                                if (keep.size() > 20_000) {
                                    sum += keep.size();
                                    keep.clear();
                                }
                            }
                            System.gc();
                            Thread.sleep(200);
                            System.out.println(sum);
                        }
                    }
                    """);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(
                            java.toString(),
                            "-Xmx64m",
                            "-XX:StartFlightRecording=filename=" + file + ",dumponexit=true",
                            source.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("churn.log").toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("child JVM did not finish");
            }
            if (p.exitValue() != 0 || !Files.exists(file)) {
                throw new IllegalStateException(
                        "child JVM failed (" + p.exitValue() + "): " + Files.readString(dir.resolve("churn.log")));
            }
            FILES.put("foreign", file);
        }
        return file;
    }

    /** The full analysis (JMC rules included) of a recording, once. */
    static synchronized Analysis analysis(Path file) throws Exception {
        Analysis a = ANALYSES.get(file);
        if (a == null) {
            a = JfrAnalyzer.analyze(file);
            ANALYSES.put(file, a);
        }
        return a;
    }

    static synchronized Path file(String name) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("awaitable-jfr-test");
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(d)));
        }
        return dir.resolve(name);
    }

    private static void deleteAll(Path d) {
        try (var files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(d);
        } catch (IOException e) {
            // temp files; the OS cleans up what is left
        }
    }

    /* ---------------- The work recorded ---------------- */

    private static void suspendAndResume(int n) {
        for (int i = 0; i < n; i++) {
            CompletionSource<Integer> io = new CompletionSource<>();
            Awaitable<Integer> body = PlusOne.start(io.awaitable());
            io.setResult(i);
            if (body.join() != i + 1) {
                throw new AssertionError("body returned " + body.join());
            }
        }
    }

    /** The .Result deadlock, refused: join() on the loop's thread for a body that must resume on that loop. */
    private static void detectDeadlock() throws Exception {
        try (SingleThreadContext ui = SingleThreadContext.start("ui-loop")) {
            CompletionSource<Integer> io = new CompletionSource<>();
            Object outcome = ui.<Object>submit(() -> {
                        Awaitable<Integer> body = PlusOne.start(io.awaitable());
                        try {
                            return body.join();
                        } catch (DeadlockException e) {
                            return e;
                        }
                    })
                    .join();
            if (!(outcome instanceof DeadlockException)) {
                throw new AssertionError("expected a DeadlockException, got " + outcome);
            }
            io.setResult(1);
        }
    }

    /** A faulted awaitable nobody observes, collected until the unobserved-fault handler has run. */
    private static void loseAFault() throws InterruptedException {
        CountDownLatch reported = new CountDownLatch(1);
        UnobservedFaultHandler previous = Awaitables.setUnobservedFaultHandler(f -> reported.countDown());
        try {
            dropFault();
            for (int i = 0; i < 100 && reported.getCount() > 0; i++) {
                System.gc();
                reported.await(50, TimeUnit.MILLISECONDS);
            }
            if (reported.getCount() > 0) {
                throw new AssertionError("the unobserved fault was never reported");
            }
        } finally {
            Awaitables.setUnobservedFaultHandler(previous);
        }
    }

    private static void dropFault() {
        Awaitable<Object> lost = Awaitable.failed(new IllegalStateException("nobody looked"));
        if (!lost.isCompleted()) {
            throw new AssertionError();
        }
    }

    /** {@code async int plusOne(Awaitable<Integer> x) { return await x + 1; }} as the C# compiler shapes it. */
    static final class PlusOne implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> x;
        int state;

        private PlusOne(Awaitable<Integer> x) {
            this.x = x;
        }

        static Awaitable<Integer> start(Awaitable<Integer> x) {
            PlusOne m = new PlusOne(x);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                switch (state) {
                    case 0 -> {
                        Awaiter<Integer> aw = x.getAwaiter();
                        if (!aw.isCompleted()) {
                            state = 1;
                            builder.awaitOnCompleted(aw, this);
                            return;
                        }
                        finish();
                    }
                    case 1 -> finish();
                    default -> throw new IllegalStateException("state " + state);
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }

        private void finish() {
            int v = x.getAwaiter().getResult();
            state = -1;
            builder.setResult(v + 1);
        }
    }

    private static void pinIn(java.util.function.IntSupplier init) throws InterruptedException {
        Thread t = Thread.ofVirtual().start(() -> {
            if (init.getAsInt() != 42) {
                throw new AssertionError();
            }
        });
        t.join();
    }

    /** Pins its carrier for 5 ms: below a 20 ms threshold. */
    static final class ShortInit {
        static final int VALUE;

        static {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            VALUE = 42;
        }

        private ShortInit() {}
    }

    /** Pins its carrier for 40 ms: above a 20 ms threshold. */
    static final class LongInit {
        static final int VALUE;

        static {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            VALUE = 42;
        }

        private LongInit() {}
    }

    /** Initializing this class blocks for a while: on a virtual thread, that pins its carrier. */
    static final class SlowInit {
        static final int VALUE;

        static {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            VALUE = 42;
        }

        private SlowInit() {}
    }

    static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
    }
}
