package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AggregateException;
import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.ConfigureAwaitOptions;
import dev.awaitable.DeadlockException;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Composition on {@link Awaitable}: map, flatMap, handle, whenComplete, recover, on
 * {@link dev.awaitable.ConfiguredAwaitable} and {@link ValueAwaitable}, and awaiting a
 * CompletionStage. Each function runs where the code after an await of the source would run.
 */
class CompositionContract extends Contract {

    /** Values flow through every operation; flatMap flattens an async method started for the value. */
    @Test
    void valuesFlowThroughEveryOperation() {
        CompletionSource<Integer> io = new CompletionSource<>();
        AtomicReference<String> seen = new AtomicReference<>();
        Awaitable<Integer> chain = io.awaitable()
                .map(x -> x + 1)
                .flatMap(x -> start(Program.<Integer>builder("times-ten")
                        .await(f -> Awaitables.delay(Duration.ofMillis(1)))
                        .returns(f -> x * 10)))
                .handle((v, e) -> e == null ? v : -1)
                .whenComplete((v, e) -> seen.set(v + "/" + e))
                .recover(e -> -2);
        assertThat(chain.isCompleted()).isFalse();
        io.setResult(4);
        assertThat(await(chain)).isEqualTo(50);
        assertThat(seen.get()).isEqualTo("50/null");
    }

    /**
     * map and flatMap pass a fault through without calling the function, whole (a whenAll's
     * AggregateException stays in exception(), the await rethrows the first); a cancellation stays
     * a cancellation.
     */
    @Test
    void mapAndFlatMapPassFailuresThroughWhole() {
        IOException first = new IOException("first");
        Awaitable<List<Object>> all =
                Awaitables.whenAll(Awaitable.failed(first), Awaitable.failed(new IllegalStateException("second")));
        Awaitable<Integer> mapped = all.map(v -> {
            throw new AssertionError("mapper called for a fault");
        });
        assertThat(mapped.exception()).isInstanceOf(AggregateException.class);
        assertThatThrownBy(() -> await(mapped)).isSameAs(first);
        Awaitable<Integer> flat = Awaitable.<Integer>cancelled().flatMap(v -> {
            throw new AssertionError("next called for a cancellation");
        });
        assertThat(flat.isCancelled()).isTrue();
        assertThat(flat.exception()).isInstanceOf(CancellationException.class);
    }

    /**
     * handle and whenComplete see the exception an await would throw (original, unwrapped); a
     * throwing whenComplete action turns a success into its fault and is suppressed on a failure;
     * a function that throws faults the result.
     */
    @Test
    void handleAndWhenCompleteSeeTheOriginalException() {
        IOException boom = new IOException("boom");
        Awaitable<String> handled = Awaitable.<String>failed(boom).handle((v, e) -> e == boom ? "handled" : "other");
        assertThat(await(handled)).isEqualTo("handled");
        Awaitable<String> cancelled =
                Awaitable.<String>cancelled().handle((v, e) -> e.getClass().getSimpleName());
        assertThat(await(cancelled)).isEqualTo("OperationCanceledException");
        IllegalStateException actionFailed = new IllegalStateException("action");
        Awaitable<String> failedAction = Awaitable.completed("ok").whenComplete((v, e) -> {
            throw actionFailed;
        });
        assertThat(failedAction.exception()).isSameAs(actionFailed);
        Awaitable<String> both = Awaitable.<String>failed(boom).whenComplete((v, e) -> {
            throw actionFailed;
        });
        assertThat(both.exception()).isSameAs(boom);
        assertThat(boom.getSuppressed()).containsExactly(actionFailed);
        IllegalArgumentException mapperFailed = new IllegalArgumentException("mapper");
        assertThat(Awaitable.completed(1)
                        .map(v -> {
                            throw mapperFailed;
                        })
                        .exception())
                .isSameAs(mapperFailed);
    }

    /** recover(type, ...) catches a checked exception by its type and lets every other failure pass. */
    @Test
    void recoverByType() {
        CompletionSource<String> never = new CompletionSource<>();
        Awaitable<String> fallback = never.awaitable()
                .withTimeout(Duration.ofMillis(5))
                .recover(
                        TimeoutException.class,
                        e -> "cached after " + e.getClass().getSimpleName());
        assertThat(await(fallback)).isEqualTo("cached after TimeoutException");
        IOException other = new IOException("not a timeout");
        Awaitable<String> passed = Awaitable.<String>failed(other).recover(TimeoutException.class, e -> "wrong");
        assertThat(passed.exception()).isSameAs(other);
        assertThat(await(Awaitable.<String>cancelled().recover(CancellationException.class, e -> "was cancelled")))
                .isEqualTo("was cancelled");
        assertThat(await(Awaitable.<String>failed(other).recover(e -> "anything")))
                .isEqualTo("anything");
    }

    /**
     * Ordering: a composition made on a loop runs its function on the loop, posted there when
     * another thread completes the source, inline when the loop's own thread does (as the code
     * after an await would), and at once when the source is already complete.
     */
    @Test
    void functionRunsOnTheContextCapturedAtTheCall() {
        SingleThreadContext ui = loop("ui");
        CompletionSource<Integer> io = new CompletionSource<>();
        Order order = new Order();
        Awaitable<String> onUi = await(ui.submit(() -> io.awaitable().map(v -> {
            order.expect(3);
            return Thread.currentThread().getName();
        })));
        order.expect(1);
        await(ui.submit(() -> {
            order.expect(2);
            return null;
        }));
        io.setResult(1); // from the test thread: posted to the loop
        assertThat(await(onUi)).isEqualTo("ui");
        order.expect(4);

        CompletionSource<Integer> local = new CompletionSource<>();
        List<String> inline = await(ui.submit(() -> {
            List<String> log = new java.util.ArrayList<>();
            local.awaitable().whenComplete((v, e) -> log.add("function"));
            log.add("before completing");
            local.setResult(1); // from the loop thread: inline, inside setResult
            log.add("after completing");
            Awaitable.completed(2).handle((v, e) -> log.add("already complete: at once"));
            return log;
        }));
        assertThat(inline)
                .containsExactly("before completing", "function", "after completing", "already complete: at once");
        order.finish(5);
        order.assertFinished(5);
    }

    /** With no context the function runs inline on the completing thread, inside the completion call. */
    @Test
    void withoutContextTheFunctionRunsInlineOnTheCompletingThread() {
        SingleThreadContext other = loop("completer");
        CompletionSource<Integer> io = new CompletionSource<>();
        Awaitable<String> where = io.awaitable().map(v -> Thread.currentThread().getName());
        await(other.submit(() -> io.trySetResult(1)));
        assertThat(where.getResult()).isEqualTo("completer");
    }

    /**
     * configureAwait honoured: configureAwait(false) runs the function inline on the completing
     * thread although the call was on a loop; FORCE_YIELDING never runs it inline; SUPPRESS_THROWING
     * hands the function null for a failure.
     */
    @Test
    void configureAwaitOptionsAreHonoured() {
        SingleThreadContext ui = loop("ui");
        SingleThreadContext other = loop("completer");
        CompletionSource<Integer> io = new CompletionSource<>();
        Awaitable<String> free = await(ui.submit(() -> io.awaitable()
                .configureAwait(false)
                .map(v -> Thread.currentThread().getName())));
        await(other.submit(() -> io.trySetResult(1)));
        assertThat(await(free)).isEqualTo("completer");

        List<String> log = await(ui.submit(() -> {
            List<String> l = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Awaitable.completed(1)
                    .configureAwait(
                            ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT, ConfigureAwaitOptions.FORCE_YIELDING)
                    .map(v -> l.add("function on " + Thread.currentThread().getName()));
            l.add("caller went on");
            return l;
        }));
        await(ui.submit(() -> null));
        assertThat(log).containsExactly("caller went on", "function on ui");

        Awaitable<String> suppressed = Awaitable.<Integer>failed(new IOException("x"))
                .configureAwait(ConfigureAwaitOptions.SUPPRESS_THROWING)
                .map(v -> "got " + v);
        assertThat(await(suppressed)).isEqualTo("got null");
    }

    /**
     * Deadlock detection sees compositions: join() on the loop of a map made there, whose source
     * is still pending, could never return (the mapper must run on the loop), and says so.
     */
    @Test
    void joinOnTheLoopOfACompositionThatMustRunThereIsADeadlock() {
        SingleThreadContext ui = loop("ui");
        CompletionSource<Integer> io = new CompletionSource<>();
        Awaitable<Integer> attempt =
                ui.submit(() -> io.awaitable().map(v -> v + 1).join());
        assertThatThrownBy(() -> await(attempt)).isInstanceOf(DeadlockException.class);
        io.setResult(1);
    }

    /** ValueAwaitable: a value maps at once with no awaitable behind it; a pending one maps on completion. */
    @Test
    void valueAwaitableComposition() {
        ValueAwaitable<Integer> mapped = ValueAwaitable.of(20).map(x -> x + 1);
        assertThat(mapped.isCompleted()).isTrue();
        assertThat(mapped.dependency()).isNull(); // no Awaitable was needed
        assertThat(mapped.getResult()).isEqualTo(21);
        CompletionSource<Integer> io = new CompletionSource<>();
        ValueAwaitable<Integer> later = ValueAwaitable.from(io.awaitable()).flatMap(x -> Awaitable.completed(x * 2));
        io.setResult(21);
        assertThat(await(later.asAwaitable())).isEqualTo(42);
        ValueAwaitable<Integer> consumed = ValueAwaitable.of(1);
        consumed.map(x -> x);
        assertThatThrownBy(() -> consumed.map(x -> x)).isInstanceOf(IllegalStateException.class);
    }

    /** Async.await takes a CompletionStage directly: a done future costs no suspension; a failure comes unwrapped. */
    @Test
    void awaitCompletionStageDirectly() {
        assertThat(Async.await(CompletableFuture.completedFuture("done"))).isEqualTo("done");
        IOException boom = new IOException("boom");
        assertThatThrownBy(() -> Async.await(CompletableFuture.failedFuture(boom)))
                .isSameAs(boom);
        if (!Async.backend().supportsDirectStyle()) {
            return; // a pending stage needs a body that can suspend
        }
        CompletableFuture<String> later = new CompletableFuture<>();
        Awaitable<String> body = Async.run(() -> Async.await(later.thenApply(s -> s + "!")));
        later.complete("pending");
        assertThat(await(body)).isEqualTo("pending!");
    }
}
