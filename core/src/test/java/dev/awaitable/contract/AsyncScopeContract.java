package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Async;
import dev.awaitable.AsyncScope;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncScope}: children (async methods in program form, so hand-written machines on the
 * statemachine backend and direct-style bodies on loom) end before the scope does; the first
 * failure cancels the siblings and is rethrown with the others suppressed; the outer token
 * cancels the children; closing cancels and waits.
 */
class AsyncScopeContract extends Contract {

    private static final Duration LONG = Duration.ofHours(1);

    /** A child that waits {@code millis} on the scope's token, then returns {@code value}. */
    private static Awaitable<Integer> sleeper(CancellationToken token, int millis, int value) {
        return start(Program.<Integer>builder("sleeper-" + value)
                .await(f -> Awaitables.delay(Duration.ofMillis(millis), token))
                .returns(f -> value));
    }

    /** join completes when every child has, and each child's value is there. */
    @Test
    void joinWaitsForEveryChild() {
        AsyncScope scope = new AsyncScope();
        Awaitable<Integer> a = scope.fork(t -> sleeper(t, 5, 1));
        Awaitable<Integer> b = scope.fork(t -> sleeper(t, 1, 2));
        Awaitable<Integer> c = scope.fork(t -> Awaitable.completed(3));
        Awaitable<Void> all = scope.join();
        Awaitable<Boolean> everyChildDoneFirst =
                all.configureAwait(false).map(v -> a.isCompleted() && b.isCompleted() && c.isCompleted());
        assertThat(await(everyChildDoneFirst)).isTrue();
        assertThat(a.getResult() + b.getResult() + c.getResult()).isEqualTo(6);
        await(scope.closeAsync());
    }

    /**
     * A failing child with siblings blocked in awaits: the first failure cancels the scope's token,
     * the siblings waiting on it end cancelled, a sibling whose cleanup fails adds its failure as
     * suppressed, and join rethrows the first failure only after every child has ended.
     */
    @Test
    void firstFailureCancelsSiblingsBlockedInAwaitsAndIsRethrownWithTheOthersSuppressed() {
        IOException first = new IOException("first");
        IllegalStateException later = new IllegalStateException("cleanup failed");
        CompletionSource<Integer> never = new CompletionSource<>();
        AsyncScope scope = new AsyncScope();
        Awaitable<Integer> delayed = scope.fork(t -> sleeper(t, (int) LONG.toMillis(), 1));
        Awaitable<Integer> waiting = scope.fork(t -> start(Program.<Integer>builder("waits-on-io")
                .await(f -> never.awaitable().withCancellation(t), "v")
                .returnsLast()));
        Awaitable<Integer> failingCleanup = scope.fork(t -> start(Program.<Integer>builder("cleanup-fails")
                .tryCatch(
                        Program.block().await(f -> Awaitables.delay(LONG, t)),
                        CancellationException.class,
                        Program.block()
                                .await(f -> Awaitables.delay(Duration.ofMillis(2)))
                                .raise(f -> later))
                .returns(f -> 0)));
        Awaitable<Integer> failing = scope.fork(t -> start(Program.<Integer>builder("fails")
                .await(f -> Awaitables.delay(Duration.ofMillis(2)))
                .raise(f -> first)
                .returns(f -> 0)));
        Awaitable<Void> all = scope.join();
        assertThatThrownBy(() -> await(all)).isSameAs(first);
        assertThat(first.getSuppressed()).containsExactly(later);
        assertThat(scope.token().isCancellationRequested()).isTrue();
        assertThat(delayed.isCancelled()).isTrue();
        assertThat(waiting.isCancelled()).isTrue();
        assertThat(failingCleanup.exception()).isSameAs(later);
        assertThat(failing.exception()).isSameAs(first);
        assertThat(scope.fork(t -> Awaitable.completed(1)).isCancelled())
                .as("no child starts in a failed scope")
                .isTrue();
        await(scope.closeAsync()); // join reported the failure: the close does not again
    }

    /** Cancelling the outer token cancels every child through the scope's token; join ends cancelled by it. */
    @Test
    void cancellingTheScopeFromOutsideCancelsTheChildren() {
        CancellationTokenSource outer = new CancellationTokenSource();
        AsyncScope scope = new AsyncScope(outer.token());
        List<Awaitable<Integer>> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            children.add(scope.fork(t -> sleeper(t, (int) LONG.toMillis(), n)));
        }
        Awaitable<Void> all = scope.join();
        assertThat(all.isCompleted()).isFalse();
        outer.cancel();
        assertThatThrownBy(() -> await(all))
                .isInstanceOfSatisfying(
                        OperationCanceledException.class,
                        e -> assertThat(e.token()).isEqualTo(outer.token()));
        assertThat(children).allMatch(Awaitable::isCancelled);
        await(scope.closeAsync());
    }

    /**
     * Leaving never leaves a child running: closeAsync cancels what still runs and completes only
     * after each child's cleanup (an await in its finally) has finished; no fork after close.
     */
    @Test
    void closeCancelsAndWaitsForRunningChildren() {
        AsyncScope scope = new AsyncScope();
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Awaitable<Integer> child = scope.fork(t -> start(Program.<Integer>builder("with-cleanup")
                .tryFinally(
                        Program.block().await(f -> Awaitables.delay(LONG, t)),
                        Program.block()
                                .await(f -> Awaitables.delay(Duration.ofMillis(2)))
                                .run(f -> cleanedUp.set(true)))
                .returns(f -> 1)));
        Awaitable<Void> closed = scope.closeAsync();
        assertThat(scope.closeAsync()).isSameAs(closed);
        Awaitable<Boolean> childDoneFirst =
                closed.configureAwait(false).map(v -> child.isCompleted() && cleanedUp.get());
        assertThat(await(childDoneFirst)).isTrue();
        assertThat(child.isCancelled()).isTrue();
        assertThatThrownBy(() -> scope.fork(t -> Awaitable.completed(1))).isInstanceOf(IllegalStateException.class);
    }

    /** A failure no join reported is not lost: the close reports it. */
    @Test
    void closeReportsAFailureNoJoinReported() {
        IOException boom = new IOException("unjoined");
        AsyncScope scope = new AsyncScope();
        scope.fork(t -> Awaitable.failed(boom));
        assertThatThrownBy(() -> await(scope.closeAsync())).isSameAs(boom);
    }

    /**
     * AsyncScope.run, the form for hand-written machines: the body forks children and returns;
     * the scope completes with the body's value only once the children it left running are done.
     */
    @Test
    void runWaitsForChildrenTheBodyLeftRunning() {
        AtomicInteger childFinished = new AtomicInteger();
        Awaitable<Integer> result = AsyncScope.run(
                CancellationToken.NONE,
                scope -> start(Program.<Integer>builder("body")
                        .run(f -> scope.fork(t -> start(Program.<Void>builder("background")
                                .await(f2 -> Awaitables.delay(Duration.ofMillis(5), t))
                                .run(f2 -> childFinished.incrementAndGet())
                                .returnsNothing())))
                        .await(f -> scope.fork(t -> sleeper(t, 1, 41)), "v")
                        .returns(f -> f.getInt("v") + 1)));
        Awaitable<Integer> seenAtCompletion = result.configureAwait(false).map(v -> childFinished.get() * 100 + v);
        assertThat(await(seenAtCompletion)).isEqualTo(142);
    }

    /** AsyncScope.run: a failing child cancels the body blocked in an await on the scope's token, and the failure is the result. */
    @Test
    void runFailsWithTheFirstFailureAndCancelsTheBody() {
        IOException boom = new IOException("child failed");
        Awaitable<Integer> result = AsyncScope.run(
                CancellationToken.NONE,
                scope -> start(Program.<Integer>builder("body")
                        .run(f -> scope.fork(t -> start(Program.<Void>builder("failing")
                                .await(f2 -> Awaitables.delay(Duration.ofMillis(2)))
                                .raise(f2 -> boom)
                                .returnsNothing())))
                        .await(f -> Awaitables.delay(LONG, scope.token()))
                        .returns(f -> 1)));
        assertThatThrownBy(() -> await(result)).isSameAs(boom);
    }

    /**
     * Ordering: an async method started on a loop that awaits the scope's join resumes on the
     * loop, after every child; the children's own steps run where their awaits resume.
     */
    @Test
    void awaitOfJoinResumesOnTheCapturedContext() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        Order order = new Order();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CompletionSource<Integer> gate = new CompletionSource<>();
        AsyncScope scope = new AsyncScope();
        Awaitable<String> body = await(ui.submit(() -> start(Program.<String>builder("joins-on-ui")
                .run(f -> order.expect(1))
                .run(f -> scope.fork(t -> start(Program.<Void>builder("child")
                        .await(f2 -> gate.awaitable().configureAwait(false))
                        .run(f2 -> order.expect(4))
                        .returnsNothing())))
                .run(f -> order.expect(2))
                .await(f -> scope.join())
                .run(f -> order.expect(5))
                .run(f -> threads.add(executingThread()))
                .returns(f -> "done"))));
        order.expect(3); // the body is suspended at the join
        gate.setResult(1); // the child finishes here, inline; the body resumes on the loop
        assertThat(await(body)).isEqualTo("done");
        order.finish(6);
        order.assertFinished(6);
        assertThat(threads).containsExactly("ui");
    }

    /** Direct style (where the backend runs it): try-with-resources; an exception leaving the block cancels and waits for the children. */
    @Test
    void directStyleScopeInTryWithResources() {
        if (!Async.backend().supportsDirectStyle()) {
            assertThatThrownBy(() -> Async.run(() -> 1)).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        AtomicBoolean childCleanedUp = new AtomicBoolean();
        IllegalStateException bodyFailure = new IllegalStateException("body gives up");
        Awaitable<Integer> outcome = Async.run(() -> {
            try (AsyncScope scope = new AsyncScope()) {
                Awaitable<Integer> quick = scope.fork(t -> Async.run(() -> {
                    Async.await(Awaitables.delay(Duration.ofMillis(1), t));
                    return 20;
                }));
                scope.fork(t -> Async.run(() -> {
                    try {
                        Async.await(Awaitables.delay(LONG, t));
                    } finally {
                        childCleanedUp.set(true);
                    }
                }));
                if (Async.await(quick) == 20) {
                    throw bodyFailure;
                }
                return 0;
            }
        });
        assertThatThrownBy(() -> await(outcome)).isSameAs(bodyFailure);
        assertThat(childCleanedUp).isTrue();
    }
}
