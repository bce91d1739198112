package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Where and when code after an await runs: the seeds' ordering experiments, and the control
 * flow an async method has (loops, try/catch/finally across awaits), stated step by step.
 */
class ProgramOrderContract extends Contract {

    /** The lesson's "A, B, C": the line after an await runs after the awaited delay, then the caller resumes. */
    @Test
    void lineAfterAwaitRunsLast() {
        Order order = new Order();
        Awaitable<Void> p = start(Program.<Void>builder("abc")
                .run(f -> order.expect(1)) // A. before await
                .await(f -> Awaitables.delay(Duration.ofMillis(20)))
                .run(f -> order.expect(2)) // B. after await
                .returnsNothing());
        await(p);
        order.finish(3); // C. back in the caller
        order.assertFinished(3);
    }

    /**
     * The five-step resume order: the method runs synchronously up to its first real await,
     * then control returns to the caller, which continues before the continuation runs.
     */
    @Test
    void fiveStepResumeOrder() {
        Order order = new Order();
        CompletionSource<String> io = new CompletionSource<>();
        order.expect(1); // 1. start
        Awaitable<String> pour = start(Program.<String>builder("pour")
                .run(f -> order.expect(2)) // 2. pouring (synchronous part)
                .await(f -> io.awaitable(), "cup")
                .run(f -> order.expect(4)) // 4. continuation
                .returns(f -> f.get("cup")));
        order.expect(3); // 3. caller continues before the continuation
        io.setResult("coffee");
        assertThat(await(pour)).isEqualTo("coffee");
        order.finish(5); // 5. finished
        order.assertFinished(5);
    }

    /** Awaiting already completed awaitables never suspends: the whole body runs inside the call. */
    @Test
    void completedAwaitsRunSynchronously() {
        String caller = executingThread();
        List<String> ranOn = new ArrayList<>();
        Awaitable<Integer> p = start(Program.<Integer>builder("sync")
                .run(f -> ranOn.add(executingThread()))
                .await(f -> Awaitable.completed(1), "a")
                .run(f -> ranOn.add(executingThread()))
                .await(f -> Awaitable.completed(2), "b")
                .run(f -> ranOn.add(executingThread()))
                .returns(f -> f.getInt("a") + f.getInt("b")));
        assertThat(p.isCompleted()).isTrue();
        assertThat(p.getResult()).isEqualTo(3);
        assertThat(ranOn).hasSize(3);
        if (threadAffinity()) {
            assertThat(ranOn).containsOnly(caller);
        }
    }

    /** With no context, the continuation runs inline on the thread that completed the awaited work. */
    @Test
    void continuationWithoutContextRunsOnCompletingThread() throws Exception {
        CompletionSource<Integer> s = new CompletionSource<>();
        AtomicReference<String> resumedOn = new AtomicReference<>();
        Awaitable<Void> p = start(Program.<Void>builder("inline")
                .await(f -> s.awaitable())
                .run(f -> resumedOn.set(executingThread()))
                .returnsNothing());
        Thread completer = new Thread(() -> s.setResult(1), "the-completer");
        completer.start();
        completer.join();
        assertThat(resumedOn.get()).isNotNull(); // the continuation ran before setResult returned
        await(p);
        if (threadAffinity()) {
            assertThat(resumedOn.get()).isEqualTo("the-completer");
        }
    }

    /** A loop with an await inside runs every iteration, in order, across suspensions. */
    @Test
    void loopWithAwaitInside() {
        List<CompletionSource<Integer>> sources = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sources.add(new CompletionSource<>());
        }
        List<Integer> seen = new ArrayList<>();
        Awaitable<Integer> p = start(Program.<Integer>builder("loop")
                .repeat(
                        5,
                        "i",
                        Program.block()
                                .await(f -> sources.get(f.getInt("i")).awaitable(), "v")
                                .run(f -> {
                                    seen.add(f.getInt("v"));
                                    f.add("sum", f.getInt("v"));
                                }))
                .returns(f -> f.getInt("sum")));
        for (int i = 0; i < 5; i++) {
            assertThat(p.isCompleted()).isFalse();
            sources.get(i).setResult(i * 10);
        }
        assertThat(await(p)).isEqualTo(100);
        assertThat(seen).containsExactly(0, 10, 20, 30, 40);
    }

    /** try/catch/finally across an await: the fault is caught after resuming, and finally runs once. */
    @Test
    void tryCatchFinallyAcrossAwait() {
        Order order = new Order();
        CompletionSource<Integer> s = new CompletionSource<>();
        Awaitable<String> p = start(Program.<String>builder("try-catch-finally")
                .tryCatchFinally(
                        Program.block()
                                .run(f -> order.expect(1))
                                .await(f -> s.awaitable())
                                .run(f -> order.expect(99)),
                        IOException.class,
                        Program.block()
                                .run(f -> order.expect(3))
                                .run(f -> f.set("msg", f.caught().getMessage())),
                        Program.block().run(f -> order.expect(4)))
                .run(f -> order.expect(5))
                .returns(f -> f.get("msg")));
        order.expect(2);
        s.setException(new IOException("disk gone"));
        assertThat(await(p)).isEqualTo("disk gone");
        order.finish(6);
        order.assertFinished(6);
    }

    /** An uncaught exception still runs finally blocks (across an await) before faulting the awaitable. */
    @Test
    void finallyRunsOnUncaughtException() {
        Order order = new Order();
        CompletionSource<Integer> s = new CompletionSource<>();
        IllegalStateException boom = new IllegalStateException("boom");
        Awaitable<Integer> p = start(Program.<Integer>builder("finally")
                .tryFinally(
                        Program.block().await(f -> s.awaitable()).raise(f -> boom),
                        Program.block()
                                .run(f -> order.expect(2))
                                .await(f -> Awaitable.completed(0))
                                .run(f -> order.expect(3)))
                .returnsLast());
        order.expect(1);
        s.setResult(1);
        assertThat(p.exception()).isSameAs(boom);
        order.finish(4);
        order.assertFinished(4);
    }

    /** An exception thrown in finally replaces the pending one, as in Java. */
    @Test
    void exceptionInFinallyReplacesPending() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        Awaitable<Integer> p = start(Program.<Integer>builder("replace")
                .tryFinally(
                        Program.block()
                                .await(f -> Awaitables.delay(Duration.ofMillis(5)))
                                .raise(f -> first),
                        Program.block().raise(f -> second))
                .returnsLast());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(p)).isSameAs(second);
    }
}
