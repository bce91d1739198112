package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.ConfigureAwaitOptions;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Where continuations resume: {@link AsyncContext}, {@link SingleThreadContext}, configureAwait. */
class ContextContract extends Contract {

    /** Posts run on the loop's named thread, one at a time, in order. */
    @Test
    void loopRunsPostsInOrderOnItsThread() {
        SingleThreadContext ui = loop("ui");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            int n = i;
            ui.post(() -> log.add(n + "@" + Thread.currentThread().getName()));
        }
        await(ui.submit(() -> null));
        assertThat(log).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(log.get(i)).isEqualTo(i + "@ui");
        }
    }

    /** A post from the loop's own thread never runs inline: it runs after the current action. */
    @Test
    void postFromLoopRunsAfterCurrentAction() {
        SingleThreadContext ui = loop("ui");
        Order order = new Order();
        await(ui.submit(() -> {
            order.expect(1);
            ui.post(() -> order.expect(3));
            order.expect(2);
            return null;
        }));
        await(ui.submit(() -> null));
        order.finish(4);
        order.assertFinished(4);
    }

    /** The loop's context is current on its thread; isCurrent is true only there. */
    @Test
    void contextIsCurrentOnItsThread() {
        SingleThreadContext ui = loop("ui");
        assertThat(AsyncContext.current()).isNull();
        assertThat(ui.isCurrent()).isFalse();
        assertThat(await(ui.submit(() -> AsyncContext.current() == ui && ui.isCurrent())))
                .isTrue();
    }

    /** An await started on the loop captures it: every step of the body runs on the loop thread. */
    @Test
    void awaitCapturesContextAndResumesOnIt() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        CompletionSource<Integer> io = new CompletionSource<>();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Awaitable<Integer> p = await(ui.submit(() -> start(Program.<Integer>builder("on-ui")
                .run(f -> threads.add(executingThread()))
                .await(f -> io.awaitable(), "v")
                .run(f -> threads.add(executingThread()))
                .await(f -> Awaitables.delay(java.time.Duration.ofMillis(5)))
                .run(f -> threads.add(executingThread()))
                .returns(f -> f.getInt("v")))));
        long postsBefore = ui.postCount();
        io.setResult(7); // completed from the test thread
        assertThat(await(p)).isEqualTo(7);
        assertThat(threads).containsExactly("ui", "ui", "ui");
        assertThat(ui.postCount() - postsBefore).isGreaterThanOrEqualTo(2); // each resumption was posted
    }

    /** configureAwait(false) does not capture: the continuation runs on the completing thread and nothing is posted. */
    @Test
    void configureAwaitFalseSkipsTheContext() throws Exception {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        CompletionSource<Integer> io = new CompletionSource<>();
        AtomicReference<String> resumedOn = new AtomicReference<>();
        Awaitable<Integer> p = await(ui.submit(() -> start(Program.<Integer>builder("no-capture")
                .await(f -> io.awaitable().configureAwait(false), "v")
                .run(f -> resumedOn.set(executingThread()))
                .returns(f -> f.getInt("v")))));
        await(ui.submit(() -> null)); // let the loop go idle
        long postsBefore = ui.postCount();
        Thread completer = new Thread(() -> io.setResult(3), "io-thread");
        completer.start();
        completer.join();
        assertThat(await(p)).isEqualTo(3);
        assertThat(resumedOn.get()).isEqualTo("io-thread");
        assertThat(ui.postCount()).isEqualTo(postsBefore);
    }

    /** With capture, the same await posts exactly one resumption to the loop. */
    @Test
    void captureCostsOnePostPerResumption() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        CompletionSource<Integer> io = new CompletionSource<>();
        Awaitable<Integer> p = await(ui.submit(() -> start(Program.<Integer>builder("capture")
                .await(f -> io.awaitable(), "v")
                .returns(f -> f.getInt("v")))));
        await(ui.submit(() -> null));
        long postsBefore = ui.postCount();
        io.setResult(1);
        assertThat(await(p)).isEqualTo(1);
        assertThat(ui.postCount() - postsBefore).isEqualTo(1);
    }

    /** yieldNow on the loop suspends: the caller's code runs first, then the body resumes on the loop. */
    @Test
    void yieldNowOnLoopResumesLaterOnLoop() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        Order order = new Order();
        AtomicReference<String> resumedOn = new AtomicReference<>();
        Awaitable<Void> p = await(ui.submit(() -> {
            Awaitable<Void> body = start(Program.<Void>builder("yield")
                    .run(f -> order.expect(1))
                    .await(f -> Awaitables.yieldNow())
                    .run(f -> {
                        order.expect(3);
                        resumedOn.set(executingThread());
                    })
                    .returnsNothing());
            order.expect(2);
            return body;
        }));
        await(p);
        order.finish(4);
        order.assertFinished(4);
        assertThat(resumedOn.get()).isEqualTo("ui");
    }

    /** FORCE_YIELDING makes an await of a completed awaitable suspend; the body resumes after the caller's code, on the loop. */
    @Test
    void forceYieldingSuspendsOnCompletedAwaitable() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        Order order = new Order();
        Awaitable<Integer> p = await(ui.submit(() -> {
            Awaitable<Integer> body = start(Program.<Integer>builder("force-yield")
                    .run(f -> order.expect(1))
                    .await(
                            f -> Awaitable.completed(5)
                                    .configureAwait(
                                            ConfigureAwaitOptions.FORCE_YIELDING,
                                            ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT),
                            "v")
                    .run(f -> order.expect(3))
                    .returns(f -> f.getInt("v")));
            order.expect(2);
            assertThat(body.isCompleted()).isFalse();
            return body;
        }));
        assertThat(await(p)).isEqualTo(5);
        order.finish(4);
        order.assertFinished(4);
    }

    /** FORCE_YIELDING without a context resumes on the scheduler, not inline. */
    @Test
    void forceYieldingWithoutContextLeavesTheThread() {
        AtomicReference<String> resumedOn = new AtomicReference<>();
        Awaitable<Integer> p = start(Program.<Integer>builder("force-yield-free")
                .await(f -> Awaitable.completed(5).configureAwait(ConfigureAwaitOptions.FORCE_YIELDING), "v")
                .run(f -> resumedOn.set(executingThread()))
                .returns(f -> f.getInt("v")));
        assertThat(await(p)).isEqualTo(5);
        assertThat(resumedOn.get()).isNotEqualTo(Thread.currentThread().getName());
    }

    /** SUPPRESS_THROWING turns a fault or cancellation into a null result. */
    @Test
    void suppressThrowingReturnsNull() {
        Awaitable<String> p = start(Program.<String>builder("suppress")
                .await(
                        f -> Awaitable.<String>failed(new IOException("ignored"))
                                .configureAwait(ConfigureAwaitOptions.SUPPRESS_THROWING),
                        "a")
                .await(f -> Awaitable.<String>cancelled().configureAwait(ConfigureAwaitOptions.SUPPRESS_THROWING), "b")
                .returns(f -> f.get("a") == null && f.get("b") == null ? "suppressed" : "thrown"));
        assertThat(await(p)).isEqualTo("suppressed");
    }

    /** An executor-backed context runs posts on the executor with itself current. */
    @Test
    void executorContextIsCurrentWhilePostedWorkRuns() {
        var pool = Executors.newFixedThreadPool(2);
        try {
            AsyncContext ctx = AsyncContext.fromExecutor("pool", pool);
            CompletionSource<Boolean> seen = new CompletionSource<>();
            ctx.post(() -> seen.setResult(AsyncContext.current() == ctx && ctx.isCurrent()));
            assertThat(await(seen.awaitable())).isTrue();
            assertThat(ctx.postCount()).isEqualTo(1);
            assertThat(AsyncContext.current()).isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    /** enter() sets the current context until the scope closes, then restores the previous one. */
    @Test
    void enterSetsAndRestoresCurrent() {
        AsyncContext a = AsyncContext.fromExecutor("a", Runnable::run);
        AsyncContext b = AsyncContext.fromExecutor("b", Runnable::run);
        AsyncContext.Scope sa = AsyncContext.enter(a);
        assertThat(AsyncContext.current()).isSameAs(a);
        AsyncContext.Scope sb = AsyncContext.enter(b);
        assertThat(AsyncContext.current()).isSameAs(b);
        sb.close();
        assertThat(AsyncContext.current()).isSameAs(a);
        sa.close();
        assertThat(AsyncContext.current()).isNull();
    }

    /** A closed loop finishes queued work, then rejects posts from other threads. */
    @Test
    void closedLoopFinishesQueueThenRejects() {
        SingleThreadContext ui = SingleThreadContext.start("closing");
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 10; i++) {
            int n = i;
            ui.post(() -> ran.add(n));
        }
        ui.close();
        assertThat(ran).hasSize(10);
        assertThat(ui.isRunning()).isFalse();
        assertThatThrownBy(() -> ui.post(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }
}
