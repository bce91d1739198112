package dev.awaitable.reliability.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Programs;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timed awaits racing completion at the deadline, then untimed awaits, in bulk on each backend:
 * many async methods each await {@code source.withTimeout(d)} while another thread completes the
 * source right around {@code d}; whichever won, each method then awaits the source itself, which
 * must return the value (a timeout never affects the awaited work). Outcomes of the timed await
 * are counted, not asserted: both must be possible, neither must hang.
 */
class TimedAwaitStressTest {

    static final int METHODS = Stress.scaled(2_000);

    @AfterAll
    static void restoreBackend() {
        Async.useBackend("statemachine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void timedAwaitAtTheDeadlineThenUntimedAwait(String backend) throws Exception {
        List<Awaitable<String>> methods = new ArrayList<>();
        int deadlineMillis = 2;
        long deadlineNanos = deadlineMillis * 1_000_000L;
        // The completer completes each source at a random moment between half and one and a half
        // deadlines after its method started: some before the timeout, some after, some right on it.
        BlockingQueue<Object[]> due = new LinkedBlockingQueue<>();
        Thread completer = Thread.ofPlatform().name("deadline-completer").start(() -> {
            for (int i = 0; i < METHODS; i++) {
                Object[] next;
                try {
                    next = due.take();
                } catch (InterruptedException e) {
                    return;
                }
                long at = (Long) next[1];
                while (System.nanoTime() < at) {
                    Thread.onSpinWait();
                }
                @SuppressWarnings("unchecked")
                CompletionSource<Integer> s = (CompletionSource<Integer>) next[0];
                s.setResult(i);
            }
        });
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < METHODS; i++) {
            CompletionSource<Integer> s = new CompletionSource<>();
            Program<String> p = Program.<String>builder("timed-then-untimed")
                    .tryCatch(
                            Program.block()
                                    .await(f -> s.awaitable().withTimeout(Duration.ofMillis(deadlineMillis)), "first")
                                    .run(f -> f.set("how", "in time")),
                            TimeoutException.class,
                            Program.block().run(f -> f.set("how", "timed out")))
                    .await(f -> s.awaitable(), "second")
                    .returns(f -> f.get("how") + ", then " + f.get("second"));
            long started = System.nanoTime();
            methods.add(Programs.startOn(backend, p));
            due.add(new Object[] {s, started + (long) (deadlineNanos * (0.5 + r.nextDouble()))});
            if ((i & 15) == 15) {
                Thread.sleep(1); // let the completer keep up, so most completions land near their deadline
            }
        }
        completer.join(60_000);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < METHODS; i++) {
            String outcome;
            try {
                outcome = methods.get(i).join(Duration.ofSeconds(30));
            } catch (TimeoutException e) {
                throw new AssertionError(backend + ": method " + i + " hung: " + methods.get(i));
            }
            assertThat(outcome).endsWith(", then " + i);
            outcomes.merge(outcome.substring(0, outcome.indexOf(',')), 1, Integer::sum);
        }
        Tally.FAULTS.addAndGet(outcomes.getOrDefault("timed out", 0));
        System.out.println(backend + ": timed await at the deadline, then untimed: " + outcomes);
    }
}
