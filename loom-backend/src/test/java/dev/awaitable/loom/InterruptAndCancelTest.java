package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Async;
import dev.awaitable.AsyncInterruptedException;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.testkit.Contract;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How a parked await ends other than by completion: interrupt, token cancellation, timeout. */
class InterruptAndCancelTest extends Contract {

    /** Interrupting a body parked in await ends the await with AsyncInterruptedException and leaves the interrupt status set. */
    @Test
    void interruptEndsAParkedAwait() throws Exception {
        CompletionSource<Integer> never = new CompletionSource<>();
        CompletableFuture<Thread> bodyThread = new CompletableFuture<>();
        Awaitable<String> body = Async.run(() -> {
            bodyThread.complete(Thread.currentThread());
            try {
                Async.await(never.awaitable());
                return "completed";
            } catch (AsyncInterruptedException e) {
                return "interrupted, status " + Thread.currentThread().isInterrupted();
            }
        });
        assertThat(body.isCompleted()).isFalse();
        bodyThread.get().interrupt();
        assertThat(await(body)).isEqualTo("interrupted, status true");
        assertThat(never.awaitable().isCompleted()).isFalse();
    }

    /** A cancelled token ends a parked await with OperationCanceledException carrying that token; the awaited work goes on. */
    @Test
    void tokenEndsAParkedAwait() {
        CancellationTokenSource cts = new CancellationTokenSource();
        CompletionSource<Integer> work = new CompletionSource<>();
        AtomicReference<OperationCanceledException> seen = new AtomicReference<>();
        Awaitable<String> body = Async.run(() -> {
            try {
                Async.await(work.awaitable(), cts.token());
                return "completed";
            } catch (OperationCanceledException e) {
                seen.set(e);
                return "cancelled";
            }
        });
        cts.cancel();
        assertThat(await(body)).isEqualTo("cancelled");
        assertThat(seen.get().token()).isEqualTo(cts.token());
        work.setResult(1);
        assertThat(work.awaitable().resultNow()).isEqualTo(1);
    }

    /** The late completion of an abandoned await never ends a later await of the same body. */
    @Test
    void abandonedAwaitDoesNotWakeALaterOne() throws Exception {
        CancellationTokenSource cts = new CancellationTokenSource();
        CompletionSource<Integer> first = new CompletionSource<>();
        CompletionSource<Integer> second = new CompletionSource<>();
        CompletableFuture<Void> parkedOnSecond = new CompletableFuture<>();
        Awaitable<Integer> body = Async.run(() -> {
            try {
                Async.await(first.awaitable().configureAwait(false), cts.token());
            } catch (OperationCanceledException expected) {
                // abandoned: first's completion must not matter any more
            }
            parkedOnSecond.complete(null);
            return Async.await(second.awaitable());
        });
        cts.cancel();
        parkedOnSecond.get();
        first.setResult(1);
        Thread.sleep(20);
        assertThat(body.isCompleted()).isFalse();
        second.setResult(2);
        assertThat(await(body)).isEqualTo(2);
    }

    /** withTimeout ends an await in a body with TimeoutException while the awaited work goes on. */
    @Test
    void timeoutEndsAnAwait() {
        CompletionSource<Integer> slow = new CompletionSource<>();
        Awaitable<String> body = Async.run(() -> {
            try {
                Async.await(slow.awaitable().withTimeout(Duration.ofMillis(10)));
                return "completed";
            } catch (Exception e) { // await rethrows the checked TimeoutException undeclared
                return e instanceof TimeoutException ? "timed out" : "other: " + e;
            }
        });
        assertThat(await(body)).isEqualTo("timed out");
        assertThat(slow.awaitable().isCompleted()).isFalse();
    }

    /** An await on a platform thread blocks it until completion, and an interrupt ends it with AsyncInterruptedException. */
    @Test
    void platformThreadAwaitBlocksAndIsInterruptible() throws Exception {
        CompletionSource<Integer> later = new CompletionSource<>();
        Awaitables.delay(Duration.ofMillis(5)).map(v -> later.trySetResult(4));
        assertThat(Async.await(later.awaitable())).isEqualTo(4);

        CompletionSource<Integer> never = new CompletionSource<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Async.await(never.awaitable());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.interrupt();
        t.join();
        assertThat(failure.get()).isInstanceOf(AsyncInterruptedException.class);
    }

    /** An await on a platform thread with a cancelled token ends with OperationCanceledException. */
    @Test
    void platformThreadAwaitHonoursTheToken() {
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancelAfter(Duration.ofMillis(5));
        CompletionSource<Integer> never = new CompletionSource<>();
        assertThatThrownBy(() -> Async.await(never.awaitable(), cts.token()))
                .isInstanceOf(OperationCanceledException.class);
    }
}
