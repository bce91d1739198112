package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AggregateException;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Awaitables}: whenAll, whenAny, delay, yieldNow, run, withTimeout, withCancellation. */
class CombinatorContract extends Contract {

    /** whenAll yields every result in input order, whatever order they complete in. */
    @Test
    void whenAllResultsInInputOrder() {
        CompletionSource<Integer> a = new CompletionSource<>();
        CompletionSource<Integer> b = new CompletionSource<>();
        CompletionSource<Integer> c = new CompletionSource<>();
        Awaitable<List<Integer>> all = Awaitables.whenAll(a.awaitable(), b.awaitable(), c.awaitable());
        c.setResult(3);
        a.setResult(1);
        assertThat(all.isCompleted()).isFalse();
        b.setResult(2);
        assertThat(all.getResult()).containsExactly(1, 2, 3);
        assertThat(Awaitables.whenAll(List.<Awaitable<Integer>>of()).getResult())
                .isEmpty();
    }

    /** whenAll with several failures: await rethrows the first; the AggregateException keeps them all. */
    @Test
    void whenAllKeepsEveryFailureAndRethrowsFirst() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        CompletionSource<Integer> a = new CompletionSource<>();
        CompletionSource<Integer> b = new CompletionSource<>();
        CompletionSource<Integer> ok = new CompletionSource<>();
        Awaitable<List<Integer>> all = Awaitables.whenAll(a.awaitable(), ok.awaitable(), b.awaitable());
        b.setException(second); // completes first, but is second in input order
        ok.setResult(1);
        a.setException(first);
        Awaitable<String> body = start(Program.<String>builder("await-whenAll")
                .tryCatch(
                        Program.block().await(f -> all),
                        Exception.class,
                        Program.block().run(f -> f.set("caught", f.caught())))
                .returns(f -> f.get("caught") == first ? "first" : String.valueOf(f.get("caught"))));
        assertThat(await(body)).isEqualTo("first");
        assertThat(all.exception()).isInstanceOf(AggregateException.class);
        assertThat(((AggregateException) all.exception()).exceptions()).containsExactly(first, second);
    }

    /** The AggregateException shows every failure in a logged stack trace: the first as cause, the others suppressed. */
    @Test
    void aggregateExceptionAttachesTheOthersAsSuppressed() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        IllegalArgumentException third = new IllegalArgumentException("third");
        Awaitable<List<Object>> all = Awaitables.whenAll(
                Awaitable.failed(first), Awaitable.failed(second), Awaitable.completed(1), Awaitable.failed(third));
        AggregateException e = (AggregateException) all.exception();
        assertThat(e.getCause()).isSameAs(first);
        assertThat(e.getSuppressed()).containsExactly(second, third);
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).contains("first", "second", "third");
    }

    /** whenAll with a cancellation and no fault is cancelled. */
    @Test
    void whenAllCancelledWithoutFault() {
        Awaitable<List<Object>> all = Awaitables.whenAll(Awaitable.completed(1), Awaitable.cancelled());
        assertThat(all.isCancelled()).isTrue();
    }

    /** whenAny succeeds with the first input to complete, even a faulted one, and never faults itself. */
    @Test
    void whenAnyReturnsFirstCompleted() {
        CompletionSource<Integer> slow = new CompletionSource<>();
        CompletionSource<Integer> fast = new CompletionSource<>();
        Awaitable<Awaitable<Integer>> any = Awaitables.whenAny(slow.awaitable(), fast.awaitable());
        assertThat(any.isCompleted()).isFalse();
        fast.setException(new IOException("fast failure"));
        slow.setResult(1);
        assertThat(any.isCompletedSuccessfully()).isTrue();
        assertThat(any.getResult()).isSameAs(fast.awaitable());
        fast.awaitable().exception(); // observed
    }

    /** The whenAny timeout pattern: race the work against a delay. */
    @Test
    void whenAnyTimeoutPattern() {
        CompletionSource<String> never = new CompletionSource<>();
        Awaitable<Void> timeout = Awaitables.delay(Duration.ofMillis(20));
        Awaitable<String> p = start(Program.<String>builder("timeout-pattern")
                .await(
                        f -> Awaitables.<Object>whenAny(
                                List.of(never.awaitable().map(x -> (Object) x), timeout.<Object>map(x -> null))),
                        "winner")
                .returns(f -> ((Awaitable<?>) f.get("winner")).isCompleted()
                                && !never.awaitable().isCompleted()
                        ? "timed out"
                        : "work"));
        assertThat(await(p)).isEqualTo("timed out");
    }

    /** delay completes after at least the delay; zero is already complete; negative is rejected. */
    @Test
    void delayTiming() {
        long start = System.nanoTime();
        await(Awaitables.delay(Duration.ofMillis(30)));
        assertThat(System.nanoTime() - start)
                .isGreaterThanOrEqualTo(Duration.ofMillis(29).toNanos());
        assertThat(Awaitables.delay(Duration.ZERO).isCompleted()).isTrue();
        assertThatThrownBy(() -> Awaitables.delay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        assertThat(Awaitables.delay(Duration.ofSeconds(1), cts.token()).isCancelled())
                .isTrue();
    }

    /** yieldNow always suspends and resumes asynchronously. */
    @Test
    void yieldNowSuspends() {
        assertThat(Awaitables.yieldNow().getAwaiter().isCompleted()).isFalse();
        AtomicReference<Thread> after = new AtomicReference<>();
        Awaitable<Void> p = start(Program.<Void>builder("yield")
                .await(f -> Awaitables.yieldNow())
                .run(f -> after.set(Thread.currentThread()))
                .returnsNothing());
        await(p);
        assertThat(after.get()).isNotNull();
    }

    /** run offloads work to the backend's scheduler; its exceptions fault the result. */
    @Test
    void runOffloadsWork() {
        Thread caller = Thread.currentThread();
        Awaitable<Thread> ranOn = Awaitables.run(Thread::currentThread);
        assertThat(await(ranOn)).isNotSameAs(caller);
        IOException boom = new IOException("cpu");
        assertThat(await(Awaitables.run(() -> 6 * 7))).isEqualTo(42);
        Awaitable<Object> failed = Awaitables.run(() -> {
            throw boom;
        });
        assertThatThrownBy(() -> await(failed)).isSameAs(boom);
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        Awaitable<Integer> never = Awaitables.run(() -> 1, cts.token());
        assertThatThrownBy(() -> await(never)).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    /** withTimeout faults with TimeoutException when the work is late, and passes a timely result through. */
    @Test
    void withTimeout() {
        CompletionSource<String> late = new CompletionSource<>();
        Awaitable<String> timed = late.awaitable().withTimeout(Duration.ofMillis(20));
        assertThatThrownBy(() -> await(timed)).isInstanceOf(TimeoutException.class);
        assertThat(late.awaitable().isCompleted()).isFalse(); // the work itself is unaffected
        CompletionSource<String> timely = new CompletionSource<>();
        Awaitable<String> ok = Awaitables.withTimeout(timely.awaitable(), Duration.ofSeconds(10));
        timely.setResult("in time");
        assertThat(await(ok)).isEqualTo("in time");
    }

    /** withCancellation ends the wait (not the work) when the token is cancelled. */
    @Test
    void withCancellation() {
        CompletionSource<String> work = new CompletionSource<>();
        CancellationTokenSource cts = new CancellationTokenSource();
        Awaitable<String> waiting = work.awaitable().withCancellation(cts.token());
        cts.cancel();
        assertThat(waiting.isCancelled()).isTrue();
        assertThat(work.awaitable().isCompleted()).isFalse();
    }
}
