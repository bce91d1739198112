package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.UnobservedFault;
import dev.awaitable.UnobservedFaultHandler;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Gc;
import dev.awaitable.testkit.Program;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unobserved faults are reported exactly once, only when nobody observed them, after the
 * awaitable became unreachable (.NET's UnobservedTaskException, but never silent).
 */
class UnobservedFaultContract extends Contract {

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
    }

    private long mine() {
        return reported.stream()
                .filter(f -> String.valueOf(f.exception().getMessage()).contains(marker))
                .count();
    }

    /** A fire-and-forget body that fails is reported once, after GC, with its exception. */
    @Test
    void fireAndForgetFailureIsReportedOnce() {
        fireAndForget(marker);
        assertThat(Gc.until(() -> mine() >= 1, WAIT)).isTrue();
        Gc.settle();
        assertThat(mine()).isEqualTo(1);
        UnobservedFault f = reported.stream()
                .filter(x -> x.exception().getMessage().contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(f.awaitable()).contains("fire-and-forget");
    }

    private static void fireAndForget(String marker) {
        CompletionSource<Integer> s = new CompletionSource<>();
        start(Program.<Integer>builder("fire-and-forget")
                .await(f -> s.awaitable())
                .raise(f -> new IllegalStateException("lost " + marker))
                .returnsLast());
        s.setResult(1);
    }

    /** An observed fault (awaited, joined, or inspected) is never reported. */
    @Test
    void observedFaultIsNotReported() {
        observeThreeWays(marker);
        Gc.settle();
        assertThat(mine()).isZero();
    }

    private static void observeThreeWays(String marker) {
        Awaitable<Object> a = Awaitable.failed(new IllegalStateException("a " + marker));
        try {
            a.getResult();
        } catch (IllegalStateException expected) {
            // observed
        }
        Awaitable.failed(new IllegalStateException("b " + marker)).exception();
        Awaitable<Integer> body = start(Program.<Integer>builder("awaited")
                .await(f -> Awaitable.failed(new IllegalStateException("c " + marker)))
                .returnsLast());
        body.exception();
    }

    /** whenAll whose first input faults while the others are pending reports nothing spurious once awaited. */
    @Test
    void whenAllWithEarlyFaultReportsNothingSpurious() {
        whenAllEarlyFault(marker);
        Gc.settle();
        Gc.settle();
        assertThat(mine()).isZero();
    }

    private static void whenAllEarlyFault(String marker) {
        CompletionSource<Integer> a = new CompletionSource<>();
        CompletionSource<Integer> b = new CompletionSource<>();
        Awaitable<List<Integer>> all = Awaitables.whenAll(a.awaitable(), b.awaitable());
        a.setException(new IllegalStateException("early " + marker));
        System.gc();
        b.setResult(2);
        all.exception();
    }

    /** A handler that throws breaks nothing: later faults are still reported. */
    @Test
    void throwingHandlerBreaksNothing() {
        Awaitables.setUnobservedFaultHandler(f -> {
            reported.add(f);
            throw new IllegalStateException("handler bug");
        });
        fireAndForget(marker + "-1");
        assertThat(Gc.until(() -> mine() >= 1, WAIT)).isTrue();
        fireAndForget(marker + "-2");
        assertThat(Gc.until(() -> mine() >= 2, WAIT)).isTrue();
    }

    /** A cancelled awaitable is not a fault and is never reported. */
    @Test
    void cancellationIsNotReported() {
        Awaitable.cancelled();
        Gc.settle();
        assertThat(reported.stream().filter(f -> f.exception() instanceof java.util.concurrent.CancellationException))
                .isEmpty();
    }
}
