package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AggregateException;
import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationRegistration;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.internal.Backends;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.spi.ScheduledAction;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Cooperative cancellation: sources, tokens, registrations, and cancellation flowing as an exception. */
class CancellationContract extends Contract {

    /** cancel() runs every callback once, most recently registered first, on the cancelling thread. */
    @Test
    void cancelRunsCallbacksLifoOnce() {
        CancellationTokenSource cts = new CancellationTokenSource();
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            cts.token().register(() -> ran.add(n));
        }
        assertThat(cts.isCancellationRequested()).isFalse();
        cts.cancel();
        cts.cancel();
        assertThat(cts.token().isCancellationRequested()).isTrue();
        assertThat(ran).containsExactly(2, 1, 0);
    }

    /** Registering on an already cancelled token runs the callback at once. */
    @Test
    void registerAfterCancelRunsAtOnce() {
        CancellationToken t = CancellationToken.cancelled();
        AtomicInteger runs = new AtomicInteger();
        t.register(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
    }

    /** A closed registration never runs. */
    @Test
    void closedRegistrationDoesNotRun() {
        CancellationTokenSource cts = new CancellationTokenSource();
        AtomicInteger runs = new AtomicInteger();
        CancellationRegistration r = cts.token().register(runs::incrementAndGet);
        assertThat(r.unregister()).isTrue();
        assertThat(r.unregister()).isFalse();
        cts.cancel();
        assertThat(runs).hasValue(0);
    }

    /** Closing a registration inside its own callback returns at once instead of deadlocking. */
    @Test
    void closeInsideOwnCallbackDoesNotDeadlock() {
        CancellationTokenSource cts = new CancellationTokenSource();
        CancellationRegistration[] self = new CancellationRegistration[1];
        AtomicBoolean closed = new AtomicBoolean();
        self[0] = cts.token().register(() -> {
            self[0].close();
            closed.set(true);
        });
        cts.cancel();
        assertThat(closed).isTrue();
    }

    /** Closing a registration whose callback runs on another thread waits until the callback finished. */
    @Test
    void closeWaitsForCallbackRunningElsewhere() throws Exception {
        CancellationTokenSource cts = new CancellationTokenSource();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        CancellationRegistration r = cts.token().register(() -> {
            entered.countDown();
            await(release);
            finished.set(true);
        });
        Thread canceller = new Thread(cts::cancel);
        canceller.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread releaser = new Thread(() -> {
            sleep(50);
            release.countDown();
        });
        releaser.start();
        r.close();
        assertThat(finished).isTrue();
        canceller.join();
    }

    /** Every callback runs even when some throw; the failures come back together. */
    @Test
    void throwingCallbacksAreAggregated() {
        CancellationTokenSource cts = new CancellationTokenSource();
        AtomicInteger ran = new AtomicInteger();
        cts.token().register(() -> {
            ran.incrementAndGet();
            throw new IllegalStateException("one");
        });
        cts.token().register(ran::incrementAndGet);
        cts.token().register(() -> {
            ran.incrementAndGet();
            throw new IllegalArgumentException("two");
        });
        assertThatThrownBy(cts::cancel)
                .isInstanceOf(AggregateException.class)
                .satisfies(
                        e -> assertThat(((AggregateException) e).exceptions()).hasSize(2));
        assertThat(ran).hasValue(3);
    }

    /** throwIfCancellationRequested throws OperationCanceledException carrying the token. */
    @Test
    void throwIfCancellationRequested() {
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.token().throwIfCancellationRequested();
        cts.cancel();
        assertThatThrownBy(() -> cts.token().throwIfCancellationRequested())
                .isInstanceOf(OperationCanceledException.class)
                .isInstanceOf(CancellationException.class)
                .satisfies(e ->
                        assertThat(((OperationCanceledException) e).token()).isEqualTo(cts.token()));
        assertThat(CancellationToken.NONE.canBeCancelled()).isFalse();
        CancellationToken.NONE.throwIfCancellationRequested();
    }

    /** cancelAfter cancels on the timer; a later cancelAfter replaces the earlier one. */
    @Test
    void cancelAfterCancelsLater() {
        CancellationTokenSource cts = new CancellationTokenSource();
        CompletionSource<Long> when = new CompletionSource<>();
        long start = System.nanoTime();
        cts.token().register(() -> when.trySetResult(System.nanoTime() - start));
        cts.cancelAfter(Duration.ofSeconds(30));
        cts.cancelAfter(Duration.ofMillis(30));
        long elapsed = await(when.awaitable());
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(25).toNanos());
        cts.close();
    }

    /** A linked source is cancelled when any parent is; closing it detaches it from the parents. */
    @Test
    void linkedSourceFollowsParents() {
        CancellationTokenSource a = new CancellationTokenSource();
        CancellationTokenSource b = new CancellationTokenSource();
        CancellationTokenSource linked = CancellationTokenSource.createLinked(a.token(), b.token());
        assertThat(linked.isCancellationRequested()).isFalse();
        b.cancel();
        assertThat(linked.isCancellationRequested()).isTrue();
        assertThat(a.isCancellationRequested()).isFalse();

        CancellationTokenSource c = new CancellationTokenSource();
        CancellationTokenSource detached = CancellationTokenSource.createLinked(c.token());
        detached.close();
        c.cancel();
        assertThat(detached.isCancellationRequested()).isFalse();
    }

    /** Pre-cancelled tokens are equal and hash alike, as .NET's {@code new CancellationToken(true)} are. */
    @Test
    void preCancelledTokensAreEqual() {
        CancellationToken a = CancellationToken.cancelled();
        CancellationToken b = CancellationToken.cancelled();
        assertThat(a.isCancellationRequested()).isTrue();
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(CancellationToken.NONE);
    }

    /** A linked source's throwing callback makes the parent's cancel() throw, as its Javadoc promises. */
    @Test
    void linkedSourceCallbackFailureReachesParentCancel() {
        CancellationTokenSource parent = new CancellationTokenSource();
        CancellationTokenSource linked = CancellationTokenSource.createLinked(parent.token());
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger ran = new AtomicInteger();
        linked.token().register(() -> {
            throw boom;
        });
        parent.token().register(ran::incrementAndGet);
        assertThatThrownBy(parent::cancel)
                .isInstanceOfSatisfying(
                        AggregateException.class,
                        e -> assertThat(e.exceptions())
                                .singleElement()
                                .isInstanceOfSatisfying(
                                        AggregateException.class,
                                        inner -> assertThat(inner.exceptions()).containsExactly(boom)));
        assertThat(linked.isCancellationRequested()).isTrue();
        assertThat(ran).hasValue(1);
    }

    /** cancelAfter on a closed source throws and schedules nothing: no timer can cancel it later. */
    @Test
    void cancelAfterOnClosedSourceSchedulesNothing() {
        AsyncBackend real = Async.backend();
        AtomicInteger scheduled = new AtomicInteger();
        Backends.use(new CountingSchedules(real, scheduled));
        try {
            CancellationTokenSource cts = new CancellationTokenSource();
            cts.close();
            assertThatThrownBy(() -> cts.cancelAfter(Duration.ofNanos(1))).isInstanceOf(IllegalStateException.class);
            assertThat(scheduled).hasValue(0);
            assertThat(cts.isCancellationRequested()).isFalse();
        } finally {
            Backends.use(real);
        }
    }

    /** Closing releases the cancelAfter timer: the source is never cancelled by it. */
    @Test
    void closeReleasesTheTimer() {
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancelAfter(Duration.ofMillis(20));
        cts.close();
        sleep(80);
        assertThat(cts.isCancellationRequested()).isFalse();
    }

    /** The current backend, counting what is scheduled on its timer. */
    private record CountingSchedules(AsyncBackend backend, AtomicInteger scheduled) implements AsyncBackend {
        @Override
        public String name() {
            return backend.name();
        }

        @Override
        public String description() {
            return backend.description();
        }

        @Override
        public Executor scheduler() {
            return backend.scheduler();
        }

        @Override
        public ScheduledAction schedule(Runnable task, long delayNanos) {
            scheduled.incrementAndGet();
            return backend.schedule(task, delayNanos);
        }

        @Override
        public <T> Awaitable<T> run(AsyncBody<T> body) {
            return backend.run(body);
        }

        @Override
        public <T> T await(AwaitableLike<T> awaitable, CancellationToken token) {
            return backend.await(awaitable, token);
        }
    }

    /** Cancellation is cooperative and flows as an exception: a body that checks the token ends CANCELLED. */
    @Test
    void cancellationFlowsAsExceptionThroughBody() {
        CancellationTokenSource cts = new CancellationTokenSource();
        CompletionSource<Integer> step = new CompletionSource<>();
        Awaitable<Integer> p = start(Program.<Integer>builder("cooperative")
                .await(f -> step.awaitable())
                .run(f -> cts.token().throwIfCancellationRequested())
                .returnsLast());
        cts.cancel();
        assertThat(p.isCompleted()).isFalse(); // nothing forced it: cancellation is cooperative
        step.setResult(1);
        assertThat(p.isCancelled()).isTrue();
        assertThatThrownBy(p::getResult).isInstanceOf(OperationCanceledException.class);
    }

    /** A cancelled delay ends CANCELLED at once, and an awaiting body sees OperationCanceledException. */
    @Test
    void cancelledDelayEndsAwaitingBody() {
        CancellationTokenSource cts = new CancellationTokenSource();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Awaitable<String> p = start(Program.<String>builder("delay-cancel")
                .tryCatch(
                        Program.block().await(f -> Awaitables.delay(Duration.ofHours(1), cts.token())),
                        CancellationException.class,
                        Program.block().run(f -> log.add("cancelled")))
                .returns(f -> String.join(",", log)));
        cts.cancel();
        assertThat(await(p)).isEqualTo("cancelled");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
