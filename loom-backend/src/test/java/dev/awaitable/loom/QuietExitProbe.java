package dev.awaitable.loom;

import static dev.awaitable.Async.await;

import dev.awaitable.Async;
import dev.awaitable.AsyncScope;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.OperationCanceledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link QuietExitTest} in a fresh JVM, as Maven's {@code exec:java} runs a program: the
 * program's {@code main} in a thread of a thread group of its own; when it returns, the host
 * joins the group's non-daemon threads, then interrupts every thread left in the group and joins
 * each with a timeout, naming those that stay ("will linger despite being asked to die via
 * interruption"). The program uses the loom backend with timers left pending (a long delay, a
 * cancelAfter never closed), a fired cancelAfter, a structured scope, an offload and an
 * unobserved fault, so every kind of library thread has started. Prints what lingered and any
 * library thread that is not a daemon; then main returns and the JVM must exit by itself.
 */
public final class QuietExitProbe {
    private QuietExitProbe() {}

    public static void main(String[] args) throws Exception {
        ThreadGroup group = new ThreadGroup("program");
        Thread program = new Thread(group, QuietExitProbe::program, "program-main");
        program.start();
        program.join();

        List<String> lingering = new ArrayList<>();
        for (Thread t : threadsOf(group)) {
            if (!t.isDaemon()) {
                t.join(2_000); // exec:java waits for these without a bound
            }
        }
        for (Thread t : threadsOf(group)) {
            t.interrupt();
            t.join(1_000);
            if (t.isAlive()) {
                lingering.add(t.getName());
            }
        }
        List<String> nonDaemon = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("awaitable-") && !t.isDaemon()) {
                nonDaemon.add(t.getName());
            }
        }
        System.out.println("lingering=" + lingering);
        System.out.println("non-daemon library threads=" + nonDaemon);
        System.out.println("library threads=" + libraryThreadNames());
    }

    private static void program() {
        // Timers first used from the program's own thread, as a plain main does.
        Awaitables.delay(Duration.ofHours(1)); // pending forever: the timer keeps an entry
        new CancellationTokenSource().cancelAfter(Duration.ofHours(1)); // never closed
        Awaitable<Integer> body = Async.run(() -> {
            await(Awaitables.delay(Duration.ofMillis(5)));
            return await(AsyncScope.run(
                            dev.awaitable.CancellationToken.NONE,
                            scope -> scope.fork(t -> Async.run(() -> {
                                await(Awaitables.delay(Duration.ofMillis(5), t));
                                return 41;
                            }))))
                    + 1;
        });
        CancellationTokenSource soon = new CancellationTokenSource();
        soon.cancelAfter(Duration.ofMillis(5));
        try {
            Awaitables.delay(Duration.ofHours(1), soon.token()).join();
        } catch (OperationCanceledException expected) {
            // fired by the timer
        }
        Awaitables.run(() -> 1).join();
        Awaitable.failed(new IllegalStateException("unobserved, on purpose")); // starts the cleaner thread
        System.out.println("result=" + body.join());
    }

    private static List<Thread> threadsOf(ThreadGroup group) {
        Thread[] all = new Thread[group.activeCount() + 16];
        int n = group.enumerate(all, true);
        List<Thread> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (all[i] != Thread.currentThread()) {
                list.add(all[i]);
            }
        }
        return list;
    }

    private static List<String> libraryThreadNames() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("awaitable-")) {
                names.add(t.getName());
            }
        }
        names.sort(null);
        return names;
    }
}
