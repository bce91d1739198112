package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Awaitable} and {@link CompletionSource}: completion, awaiting, results, conversion. */
class AwaitableContract extends Contract {

    /** An awaitable completes once; a second completion is rejected and changes nothing. */
    @Test
    void completesOnceAndRejectsSecondCompletion() {
        CompletionSource<Integer> s = new CompletionSource<>();
        assertThat(s.awaitable().status()).isEqualTo(AwaitableStatus.PENDING);
        s.setResult(1);
        assertThatThrownBy(() -> s.setResult(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already completed");
        assertThat(s.trySetException(new RuntimeException())).isFalse();
        assertThat(s.trySetCancelled()).isFalse();
        assertThat(s.awaitable().status()).isEqualTo(AwaitableStatus.SUCCEEDED);
        assertThat(s.awaitable().getResult()).isEqualTo(1);
    }

    /** An awaitable may be awaited any number of times, before and after it completes. */
    @Test
    void awaitedManyTimesBeforeAndAfterCompletion() {
        CompletionSource<Integer> s = new CompletionSource<>();
        Awaitable<Integer> a = s.awaitable();
        Awaitable<Integer> first =
                start(Program.<Integer>builder("await-pending").await(f -> a).returnsLast());
        Awaitable<Integer> second =
                start(Program.<Integer>builder("await-pending-2").await(f -> a).returnsLast());
        s.setResult(42);
        Awaitable<Integer> third = start(Program.<Integer>builder("await-completed")
                .await(f -> a, "x")
                .await(f -> a, "y")
                .returns(f -> f.getInt("x") + f.getInt("y")));
        assertThat(await(first)).isEqualTo(42);
        assertThat(await(second)).isEqualTo(42);
        assertThat(await(third)).isEqualTo(84);
        assertThat(a.join()).isEqualTo(42);
        assertThat(a.join()).isEqualTo(42);
    }

    /** A continuation registered after completion runs exactly once, at once, on the registering thread. */
    @Test
    void continuationAfterCompletionRunsOnceAtOnce() {
        Awaitable<String> a = Awaitable.completed("done");
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        a.getAwaiter().onCompleted(() -> {
            runs.incrementAndGet();
            ranOn.set(Thread.currentThread());
        });
        assertThat(runs).hasValue(1);
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    /** Continuations registered before completion each run once, in registration order, on the completing thread. */
    @Test
    void continuationsBeforeCompletionRunOnceInOrderOnCompleter() throws Exception {
        CompletionSource<String> s = new CompletionSource<>();
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            s.awaitable()
                    .onCompleted(() -> log.add(n + "@" + Thread.currentThread().getName()));
        }
        Thread completer = new Thread(() -> s.setResult("x"), "completer");
        completer.start();
        completer.join();
        assertThat(log).containsExactly("0@completer", "1@completer", "2@completer", "3@completer", "4@completer");
    }

    /** getResult rethrows the original exception, unwrapped, checked exceptions included. */
    @Test
    void getResultRethrowsOriginalExceptionUnwrapped() {
        IOException boom = new IOException("boom");
        Awaitable<String> a = Awaitable.failed(boom);
        assertThat(a.status()).isEqualTo(AwaitableStatus.FAULTED);
        assertThatThrownBy(a::getResult).isSameAs(boom);
        assertThatThrownBy(a::join).isSameAs(boom);
        assertThat(a.exception()).isSameAs(boom);
    }

    /** cancelled(token) needs a token on which cancellation was requested, as .NET's FromCanceled does. */
    @Test
    void cancelledNeedsACancelledToken() {
        assertThatThrownBy(() -> Awaitable.cancelled(CancellationToken.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        CancellationTokenSource cts = new CancellationTokenSource();
        assertThatThrownBy(() -> Awaitable.cancelled(cts.token())).isInstanceOf(IllegalArgumentException.class);
        cts.cancel();
        Awaitable<String> a = Awaitable.cancelled(cts.token());
        assertThatThrownBy(a::getResult)
                .isInstanceOfSatisfying(
                        OperationCanceledException.class,
                        e -> assertThat(e.token()).isEqualTo(cts.token()));
    }

    /**
     * A cancelled awaitable rethrows cancellation as CancellationException, and exception() is
     * that same exception (so "CANCELLED: " + exception() says why), unlike .NET's null.
     */
    @Test
    void cancellationSurfacesAsCancellationException() {
        Awaitable<String> a = Awaitable.cancelled();
        assertThat(a.isCancelled()).isTrue();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(a::getResult);
        assertThat(thrown).isInstanceOf(CancellationException.class).isInstanceOf(OperationCanceledException.class);
        assertThat(a.exception()).isSameAs(thrown);
        CompletionSource<String> byToken = new CompletionSource<>();
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        byToken.setCancelled(cts.token());
        assertThat(byToken.awaitable().exception())
                .isInstanceOfSatisfying(
                        OperationCanceledException.class,
                        e -> assertThat(e.token()).isEqualTo(cts.token()));
        assertThat(Awaitable.completed(1).exception()).isNull();
        assertThat(new CompletionSource<String>().awaitable().exception()).isNull();
    }

    /** An awaiter never blocks: getResult before completion throws IllegalStateException. */
    @Test
    void getResultBeforeCompletionThrows() {
        Awaitable<String> a = new CompletionSource<String>().awaitable();
        assertThatThrownBy(a::getResult)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before completion");
    }

    /** join(timeout) gives up with TimeoutException; the awaitable is unaffected. */
    @Test
    void timedJoinTimesOut() throws Exception {
        CompletionSource<String> s = new CompletionSource<>();
        assertThatThrownBy(() -> s.awaitable().join(Duration.ofMillis(20))).isInstanceOf(TimeoutException.class);
        s.setResult("late");
        assertThat(s.awaitable().join(Duration.ofSeconds(1))).isEqualTo("late");
    }

    /** join waits for a completion from another thread. */
    @Test
    void joinWaitsForCompletionFromAnotherThread() {
        CompletionSource<String> s = new CompletionSource<>();
        Thread t = new Thread(() -> {
            sleep(30);
            s.setResult("ok");
        });
        t.start();
        assertThat(s.awaitable().join()).isEqualTo("ok");
    }

    /** Completed instances for null, booleans and small ints are shared: a synchronous completion with them allocates nothing. */
    @Test
    void commonCompletedValuesAreCached() {
        assertThat(Awaitable.completed(null)).isSameAs(Awaitable.completed(null));
        assertThat(Awaitable.completed(true)).isSameAs(Awaitable.completed(Boolean.TRUE));
        assertThat(Awaitable.completed(false)).isSameAs(Awaitable.completed(false));
        assertThat(Awaitable.completed(7)).isSameAs(Awaitable.completed(7));
        assertThat(Awaitable.completed(-128)).isSameAs(Awaitable.completed(-128));
        assertThat(Awaitable.completed(100_000).getResult()).isEqualTo(100_000);
        assertThat(Awaitable.completed((Object) null).getResult()).isNull();
    }

    /** toCompletableFuture mirrors success, failure and cancellation. */
    @Test
    void toCompletableFutureMirrorsOutcome() throws Exception {
        assertThat(Awaitable.completed("v").toCompletableFuture().get()).isEqualTo("v");
        IOException boom = new IOException("x");
        CompletableFuture<Object> failed = Awaitable.failed(boom).toCompletableFuture();
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasCause(boom);
        assertThat(Awaitable.cancelled().toCompletableFuture().isCancelled()
                        || Awaitable.cancelled().toCompletableFuture().isCompletedExceptionally())
                .isTrue();
        CompletionSource<Integer> s = new CompletionSource<>();
        CompletableFuture<Integer> f = s.awaitable().toCompletableFuture();
        assertThat(f).isNotDone();
        s.setResult(3);
        assertThat(f.get()).isEqualTo(3);
    }

    /** fromFuture unwraps CompletionException and maps cancellation to CANCELLED. */
    @Test
    void fromFutureUnwrapsAndMapsCancellation() {
        assertThat(Awaitable.fromFuture(CompletableFuture.completedFuture(5)).getResult())
                .isEqualTo(5);
        IllegalArgumentException cause = new IllegalArgumentException("bad");
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Awaitable<Integer> a = Awaitable.fromFuture(f.thenApply(x -> x));
        f.completeExceptionally(cause);
        assertThat(a.exception()).isSameAs(cause);
        CompletableFuture<Integer> c = new CompletableFuture<>();
        Awaitable<Integer> ca = Awaitable.fromFuture(c);
        c.cancel(true);
        assertThat(ca.isCancelled()).isTrue();
        CompletableFuture<Integer> wrapped = CompletableFuture.failedFuture(new CompletionException(cause));
        assertThat(Awaitable.fromFuture(wrapped).exception()).isSameAs(cause);
    }

    /** map transforms the value; faults and cancellation pass through. */
    @Test
    void mapTransformsValueAndPassesFaultsThrough() {
        assertThat(Awaitable.completed(2).map(x -> x * 10).getResult()).isEqualTo(20);
        IOException boom = new IOException();
        assertThat(Awaitable.<Integer>failed(boom).map(x -> x * 10).exception()).isSameAs(boom);
        assertThat(Awaitable.<Integer>cancelled().map(x -> x).isCancelled()).isTrue();
        IllegalStateException thrown = new IllegalStateException("mapper");
        assertThat(Awaitable.completed(1)
                        .map(x -> {
                            throw thrown;
                        })
                        .exception())
                .isSameAs(thrown);
    }

    /** An exception thrown before the first await is stored in the awaitable, not thrown to the caller. */
    @Test
    void exceptionBeforeFirstAwaitIsStoredNotThrown() {
        IllegalStateException early = new IllegalStateException("before any await");
        CompletionSource<Integer> never = new CompletionSource<>();
        Awaitable<Integer> a = start(Program.<Integer>builder("throws-early")
                .raise(f -> early)
                .await(f -> never.awaitable())
                .returnsLast());
        assertThat(a.isFaulted()).isTrue();
        assertThatThrownBy(a::getResult).isSameAs(early);
    }

    /** An exception after an await faults the awaitable and surfaces at the await of it, unwrapped. */
    @Test
    void exceptionAfterAwaitSurfacesAtAwait() {
        CompletionSource<Integer> s = new CompletionSource<>();
        IOException late = new IOException("after await");
        Awaitable<Integer> inner = start(Program.<Integer>builder("inner")
                .await(f -> s.awaitable())
                .raise(f -> late)
                .returnsLast());
        Awaitable<String> outer = start(Program.<String>builder("outer")
                .tryCatch(
                        Program.block().await(f -> inner),
                        IOException.class,
                        Program.block().run(f -> f.set("caught", f.caught())))
                .returns(f -> f.get("caught") == late ? "caught it" : "missed"));
        assertThat(outer.isCompleted()).isFalse();
        s.setResult(1);
        assertThat(await(outer)).isEqualTo("caught it");
    }

    /** A program's result flows through awaits of values completed later. */
    @Test
    void resultFlowsThroughPendingAwaits() {
        CompletionSource<Integer> a = new CompletionSource<>();
        CompletionSource<Integer> b = new CompletionSource<>();
        Awaitable<Integer> sum = start(Program.<Integer>builder("sum")
                .await(f -> a.awaitable(), "x")
                .await(f -> b.awaitable(), "y")
                .returns(f -> f.getInt("x") + f.getInt("y")));
        a.setResult(40);
        assertThat(sum.isCompleted()).isFalse();
        b.setResult(2);
        assertThat(await(sum)).isEqualTo(42);
    }

    /** Cancellation thrown inside an async body cancels its awaitable (it is not a fault). */
    @Test
    void cancellationInsideBodyCancelsAwaitable() {
        Awaitable<Integer> a = start(Program.<Integer>builder("cancels")
                .raise(f -> new OperationCanceledException(dev.awaitable.CancellationToken.NONE))
                .returnsLast());
        assertThat(a.status()).isEqualTo(AwaitableStatus.CANCELLED);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
