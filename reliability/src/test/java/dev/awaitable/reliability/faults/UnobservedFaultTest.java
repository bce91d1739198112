package dev.awaitable.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.UnobservedFault;
import dev.awaitable.UnobservedFaultHandler;
import dev.awaitable.reliability.Programs;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import dev.awaitable.testkit.Gc;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unobserved faults at scale and in the corners the core contract (UnobservedFaultContract: one
 * fire-and-forget body, the three ways to observe, one early whenAll fault, a handler that throws
 * twice) does not reach: hundreds of faults on both backends with exactly one report each and none
 * for observed ones; GC while a whenAll is still pending; one report for an unobserved whenAll,
 * not one per input; a fault copied by {@code map} reported once; whenAny losers and timeouts;
 * and a handler that throws on every report of a batch.
 */
class UnobservedFaultTest {

    static final int FAULTS = Stress.scaled(300);
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<UnobservedFault> reported = new CopyOnWriteArrayList<>();
    private UnobservedFaultHandler previous;
    private String marker;

    @BeforeEach
    void install() {
        marker = UUID.randomUUID().toString();
        previous = Awaitables.setUnobservedFaultHandler(reported::add);
    }

    @AfterEach
    void restore() {
        Awaitables.setUnobservedFaultHandler(previous);
        Async.useBackend("statemachine");
    }

    /** Reports of this test's faults, by message. */
    private Map<String, Long> mine() {
        return reported.stream()
                .map(f -> String.valueOf(f.exception().getMessage()))
                .filter(m -> m.contains(marker))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private long mineCount() {
        return mine().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Hundreds of methods fault after a real suspension; half are observed (awaited by another
     * method, joined, or inspected), half dropped. After GC every dropped fault is reported
     * exactly once and no observed one is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void eachUnobservedFaultIsReportedOnceAndNoObservedOne(String backend) throws Exception {
        List<Awaitable<?>> observedLater = new ArrayList<>();
        List<CompletionSource<Integer>> triggers = new ArrayList<>();
        for (int i = 0; i < FAULTS; i++) {
            CompletionSource<Integer> trigger = new CompletionSource<>();
            triggers.add(trigger);
            String message = (i % 2 == 0 ? "dropped " : "observed ") + i + " " + marker;
            Awaitable<Integer> failing = Programs.startOn(
                    backend,
                    Program.<Integer>builder("fails-" + i)
                            .await(f -> trigger.awaitable())
                            .raise(f -> new IllegalStateException(message))
                            .returnsLast());
            if (i % 2 == 1) {
                observedLater.add(
                        switch (i % 3) {
                            case 0 -> failing; // joined below
                            case 1 ->
                                Programs.startOn(
                                        backend,
                                        Program.<Integer>builder("observer")
                                                .tryCatch(
                                                        Program.block().await(f -> failing),
                                                        IllegalStateException.class,
                                                        Program.block())
                                                .returns(f -> 0));
                            default -> failing; // exception() below
                        });
            }
        }
        for (CompletionSource<Integer> t : triggers) {
            t.setResult(1);
        }
        Tally.FAULTS.addAndGet(FAULTS);
        for (Awaitable<?> a : observedLater) {
            try {
                a.join(WAIT);
            } catch (IllegalStateException expected) {
                // observed by join
            }
            a.exception();
        }
        observedLater.clear();
        triggers.clear();
        int dropped = (FAULTS + 1) / 2;
        assertThat(Gc.until(() -> mineCount() >= dropped, WAIT))
                .as("reports so far: %d of %d", mineCount(), dropped)
                .isTrue();
        Gc.settle();
        Map<String, Long> reports = mine();
        assertThat(reports).allSatisfy((message, count) -> {
            assertThat(message).startsWith("dropped ");
            assertThat(count).as(message).isEqualTo(1L);
        });
        assertThat(reports).hasSize(dropped);
    }

    /**
     * The first input of a whenAll faults while the others are pending, and collections run
     * meanwhile, repeatedly; the whenAll is then awaited by a method that catches. Nothing is
     * reported: the input's fault belongs to the whenAll, whose fault was observed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void whenAllWithAnEarlyFaultAndGcWhilePendingReportsNothing(String backend) throws Exception {
        CompletionSource<Integer> rest = new CompletionSource<>();
        Awaitable<String> awaiting = awaitWhenAllOfEarlyFault(backend, rest);
        for (int i = 0; i < 3; i++) {
            Gc.settle(); // the faulted first input is unreachable except through the pending whenAll
        }
        rest.setResult(2);
        assertThat(awaiting.join(WAIT)).isEqualTo("caught early " + marker);
        Gc.settle();
        Gc.settle();
        assertThat(mine()).isEmpty();
    }

    private Awaitable<String> awaitWhenAllOfEarlyFault(String backend, CompletionSource<Integer> rest) {
        String m = marker;
        Awaitable<Integer> early = Programs.startOn(
                backend,
                Program.<Integer>builder("early")
                        .raise(f -> new IllegalStateException("early " + m))
                        .returnsLast());
        Tally.FAULTS.incrementAndGet();
        Awaitable<List<Integer>> all = Awaitables.whenAll(early, rest.awaitable());
        return Programs.startOn(
                backend,
                Program.<String>builder("awaits whenAll")
                        .tryCatch(
                                Program.block().await(f -> all),
                                IllegalStateException.class,
                                Program.block()
                                        .run(f -> f.set(
                                                "msg", "caught " + f.caught().getMessage())))
                        .returns(f -> f.get("msg")));
    }

    /** An unobserved whenAll of three faulted inputs is ONE report (its AggregateException), not one per input. */
    @Test
    void unobservedWhenAllIsOneReportNotOnePerInput() {
        dropWhenAllOfThreeFaults();
        assertThat(Gc.until(() -> aggregates() >= 1, WAIT)).isTrue();
        Gc.settle();
        Gc.settle();
        assertThat(aggregates()).isEqualTo(1);
        assertThat(mine()).as("the inputs' own faults").isEmpty();
    }

    /** Reports of this test's whenAll: an AggregateException whose first inner fault carries the marker. */
    private long aggregates() {
        return reported.stream()
                .filter(f -> f.exception() instanceof dev.awaitable.AggregateException a
                        && a.exceptions().size() == 3
                        && String.valueOf(a.exceptions().get(0).getMessage()).contains(marker))
                .count();
    }

    private void dropWhenAllOfThreeFaults() {
        List<CompletionSource<Integer>> inputs =
                List.of(new CompletionSource<>(), new CompletionSource<>(), new CompletionSource<>());
        Awaitables.whenAll(inputs.stream().map(CompletionSource::awaitable).toList());
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).setException(new IllegalStateException("input " + i + " " + marker));
        }
        Tally.FAULTS.addAndGet(3);
    }

    /** map over a faulted awaitable copies the fault; dropping both reports it once (the copy carries it). */
    @Test
    void faultCopiedByMapIsReportedOnce() {
        dropMappedFault();
        assertThat(Gc.until(() -> mineCount() >= 1, WAIT)).isTrue();
        Gc.settle();
        Gc.settle();
        assertThat(mine().values()).containsExactly(1L);
    }

    private void dropMappedFault() {
        CompletionSource<Integer> s = new CompletionSource<>();
        s.awaitable().map(v -> v + 1).map(v -> v * 2);
        s.setException(new IllegalStateException("mapped " + marker));
        Tally.FAULTS.incrementAndGet();
    }

    /**
     * Documented (.NET does the same): whenAny does not observe its losers, so a loser that
     * faults and is dropped is reported, once; the winner's fault, awaited, is not.
     */
    @Test
    void faultingWhenAnyLoserIsReportedOnce() throws Exception {
        awaitWhenAnyWithFaultingLoser(); // drops the whenAny too: it holds its inputs, the loser among them
        assertThat(Gc.until(() -> mineCount() >= 1, WAIT)).isTrue();
        Gc.settle();
        assertThat(mine()).containsOnlyKeys("loser " + marker).containsValue(1L);
    }

    private void awaitWhenAnyWithFaultingLoser() throws TimeoutException {
        CompletionSource<Integer> winner = new CompletionSource<>();
        CompletionSource<Integer> loser = new CompletionSource<>();
        Awaitable<Awaitable<Integer>> any = Awaitables.whenAny(winner.awaitable(), loser.awaitable());
        winner.setException(new IllegalStateException("winner " + marker));
        loser.setException(new IllegalStateException("loser " + marker));
        Tally.FAULTS.addAndGet(2);
        try {
            any.join(WAIT).join(WAIT);
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageContaining("winner");
        }
    }

    /** A timeout nobody awaits is a fault like any other: its TimeoutException is reported once. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void unobservedTimeoutIsReportedOnce(String backend) throws Exception {
        Async.useBackend(backend);
        CompletionSource<Integer> never = new CompletionSource<>();
        try {
            timeOutAndDrop(never);
            assertThat(Gc.until(() -> timeouts() >= 1, WAIT)).isTrue();
            Gc.settle();
            assertThat(timeouts()).isEqualTo(1);
        } finally {
            java.lang.ref.Reference.reachabilityFence(never); // the source stays pending and reachable throughout
        }
    }

    /** Reports of this test's timeouts (an unusual duration, so no other test's timeout matches). */
    private long timeouts() {
        return reported.stream()
                .filter(f -> f.exception() instanceof TimeoutException
                        && String.valueOf(f.exception().getMessage()).contains(UNUSUAL.toString()))
                .count();
    }

    private static final Duration UNUSUAL = Duration.ofNanos(1_234_567);

    private static void timeOutAndDrop(CompletionSource<Integer> never) throws InterruptedException {
        Awaitable<Integer> timed = never.awaitable().withTimeout(UNUSUAL);
        Tally.FAULTS.incrementAndGet();
        while (!timed.isCompleted()) {
            Thread.sleep(1);
        }
    }

    /**
     * A handler that throws on every report: a whole batch of unobserved faults is still reported,
     * each once, and awaitables completing meanwhile are unaffected.
     */
    @Test
    void handlerThrowingOnEveryReportBreaksNothing() {
        AtomicInteger calls = new AtomicInteger();
        Awaitables.setUnobservedFaultHandler(f -> {
            reported.add(f);
            calls.incrementAndGet();
            throw new IllegalStateException("handler bug");
        });
        int n = 30;
        dropFaults(n);
        assertThat(Gc.until(() -> mineCount() >= n, WAIT))
                .as("reported %d of %d", mineCount(), n)
                .isTrue();
        Gc.settle();
        assertThat(mine()).hasSize(n).allSatisfy((m, count) -> assertThat(count).isEqualTo(1L));
        CompletionSource<Integer> still = new CompletionSource<>();
        Awaitable<Integer> mapped = still.awaitable().map(v -> v + 1);
        still.setResult(1);
        assertThat(mapped.resultNow()).isEqualTo(2);
        dropFaults(1); // and the cleaner thread is still alive
        assertThat(Gc.until(() -> mineCount() >= n + 1, WAIT)).isTrue();
    }

    private void dropFaults(int n) {
        int base = (int) mineCount();
        for (int i = 0; i < n; i++) {
            Awaitable.failed(new IllegalStateException("batch " + (base + i) + " " + marker));
        }
        Tally.FAULTS.addAndGet(n);
    }
}
