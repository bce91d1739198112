package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.testkit.Order;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inline versus posted continuations on this backend, step by step. */
class ContinuationOrderTest {

    private final SingleThreadContext loop = SingleThreadContext.start("order-loop");

    @AfterEach
    void close() {
        loop.close();
    }

    /** Without a context, completing the awaited source runs the continuation inline, inside the completing call. */
    @Test
    void inlineContinuationRunsInsideTheCompletingCall() {
        Order order = new Order();
        CompletionSource<Integer> s = new CompletionSource<>();
        Awaitable<Void> body = ProgramStateMachine.start(Program.<Void>builder("inline")
                .run(f -> order.expect(1))
                .await(f -> s.awaitable())
                .run(f -> order.expect(3))
                .returnsNothing());
        order.expect(2);
        s.setResult(1); // runs step 3 before returning
        order.finish(4);
        order.assertFinished(4);
        assertThat(body.isCompletedSuccessfully()).isTrue();
    }

    /** With a captured loop, completing from another thread posts the continuation: it runs after the completing call, on the loop. */
    @Test
    void postedContinuationRunsLaterOnTheLoop() throws Exception {
        Order order = new Order();
        CompletionSource<Integer> s = new CompletionSource<>();
        Awaitable<Void> body = loop.submit(() -> ProgramStateMachine.start(Program.<Void>builder("posted")
                        .run(f -> order.expect(1))
                        .await(f -> s.awaitable())
                        .run(f -> {
                            order.expect(3);
                            assertThat(loop.isCurrent()).isTrue();
                        })
                        .returnsNothing()))
                .join(Duration.ofSeconds(5));
        java.util.concurrent.CountDownLatch completed = new java.util.concurrent.CountDownLatch(1);
        Awaitable<Object> busy = loop.submit(() -> {
            completed.await(5, java.util.concurrent.TimeUnit.SECONDS);
            order.expect(2);
            return null;
        });
        s.setResult(1); // from this thread while the loop is busy: the continuation is posted
        completed.countDown();
        busy.join(Duration.ofSeconds(5));
        body.join(Duration.ofSeconds(5));
        order.finish(4);
        order.assertFinished(4);
    }

    /** Completing on the loop itself, for a body that captured the loop, runs inline (already on the context). */
    @Test
    void completionOnTheCapturedLoopRunsInline() throws Exception {
        Order order = new Order();
        CompletionSource<Integer> s = new CompletionSource<>();
        loop.submit(() -> {
                    ProgramStateMachine.start(Program.<Void>builder("same-context")
                            .await(f -> s.awaitable())
                            .run(f -> order.expect(2))
                            .returnsNothing());
                    order.expect(1);
                    s.setResult(1);
                    order.expect(3);
                    return null;
                })
                .join(Duration.ofSeconds(5));
        order.finish(4);
        order.assertFinished(4);
    }

    /** yieldNow on the loop: every yield posts, and the loop runs the posts in order. */
    @Test
    void yieldsOnTheLoopInterleaveInOrder() throws Exception {
        StringBuilder trace = new StringBuilder();
        Awaitable<?> both = loop.submit(() -> Awaitables.whenAll(
                        ProgramStateMachine.start(Program.<Void>builder("a")
                                .repeat(
                                        3,
                                        "i",
                                        Program.block()
                                                .run(f -> trace.append('a'))
                                                .await(f -> Awaitables.yieldNow()))
                                .returnsNothing()),
                        ProgramStateMachine.start(Program.<Void>builder("b")
                                .repeat(
                                        3,
                                        "i",
                                        Program.block()
                                                .run(f -> trace.append('b'))
                                                .await(f -> Awaitables.yieldNow()))
                                .returnsNothing())))
                .join(Duration.ofSeconds(5));
        both.join(Duration.ofSeconds(5));
        assertThat(trace.toString()).isEqualTo("ababab");
    }
}
