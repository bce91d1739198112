package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awaitable.Async;
import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.DeadlockException;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies bound to a {@link SingleThreadContext} run on its thread between awaits, as .NET continuations do on a UI thread. */
class ContextAffinityTest extends Contract {

    private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void requireAffinity() {
        assumeTrue(
                LoomBackend.contextAffinity() == ContextAffinity.PER_BODY_SCHEDULER,
                "needs --add-opens java.base/java.lang");
    }

    /** Every step of a body started on a loop runs on the loop's thread with the loop current, whatever resumed it. */
    @Test
    void everyStepOfABoundBodyRunsOnTheLoop() throws Exception {
        SingleThreadContext ui = loop("ui");
        CompletionSource<Integer> io = new CompletionSource<>();
        ReentrantLock lock = new ReentrantLock();
        Awaitable<Integer> body = await(ui.submit(() -> Async.run(() -> {
            step("start", ui);
            int v = Async.await(io.awaitable()); // completed by another platform thread
            step("after-io", ui);
            Async.await(Awaitables.delay(Duration.ofMillis(2))); // completed on the timer thread
            step("after-delay", ui);
            Async.await(Awaitables.yieldNow());
            step("after-yield", ui);
            v += Async.await(Awaitables.run(() -> 1)); // completed on a scheduler virtual thread
            step("after-run", ui);
            Thread.sleep(2); // a JDK park, not an await
            step("after-sleep", ui);
            lock.lock(); // contended: parks until released
            try {
                step("after-lock", ui);
            } finally {
                lock.unlock();
            }
            v += Async.await(Async.run(
                    () -> { // a nested body, bound to the same loop
                        step("child", ui);
                        Async.await(Awaitables.delay(Duration.ofMillis(1)));
                        step("child-after-delay", ui);
                        return 1;
                    }));
            step("after-child", ui);
            return v;
        })));
        lock.lock();
        try {
            Thread completer = new Thread(() -> io.setResult(40), "io-thread");
            completer.start();
            completer.join();
            Thread.sleep(20);
        } finally {
            lock.unlock();
        }
        assertThat(await(body)).isEqualTo(42);
        assertThat(steps).hasSize(10).allMatch(s -> s.endsWith("@ui current=true"), "ran on ui with ui current");
    }

    /** After a configureAwait(false) suspension the body runs off the loop with no current context, and later awaits stay off it. */
    @Test
    void configureAwaitFalseLeavesTheLoopForGood() throws Exception {
        SingleThreadContext ui = loop("ui");
        CompletionSource<Integer> io = new CompletionSource<>();
        Awaitable<Integer> body = await(ui.submit(() -> Async.run(() -> {
            step("start", ui);
            int v = Async.await(io.awaitable().configureAwait(false));
            step("after-io", null);
            Async.await(Awaitables.delay(Duration.ofMillis(1)));
            step("after-delay", null);
            return v;
        })));
        Thread completer = new Thread(() -> io.setResult(7), "io-thread");
        completer.start();
        completer.join();
        assertThat(await(body)).isEqualTo(7);
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0)).isEqualTo("start@ui current=true");
        assertThat(steps.get(1)).isEqualTo("after-io@io-thread current=true");
        assertThat(steps.get(2))
                .startsWith("after-delay@awaitable-loom-carrier-")
                .endsWith("current=true");
    }

    /** A configureAwait(false) await completed on the loop's own thread resumes inline there, and the loop is current again (as in .NET). */
    @Test
    void configureAwaitFalseCompletedOnTheLoopResumesInlineWithTheLoop() {
        SingleThreadContext ui = loop("ui");
        CompletionSource<Integer> io = new CompletionSource<>();
        Awaitable<Integer> body = await(ui.submit(() -> Async.run(() -> {
            int v = Async.await(io.awaitable().configureAwait(false));
            step("after-io", ui);
            return v;
        })));
        long posts = ui.postCount();
        await(ui.submit(() -> {
            io.setResult(3);
            return null;
        }));
        assertThat(await(body)).isEqualTo(3);
        assertThat(steps).containsExactly("after-io@ui current=true");
        assertThat(ui.postCount() - posts).isEqualTo(1); // the submit itself; the resumption was not posted
    }

    /** Nested bodies on a loop run in exactly the .NET order: each runs until its first await before its caller continues. */
    @Test
    void nestedBodiesOnALoopRunInAsyncMethodOrder() {
        SingleThreadContext ui = loop("ui");
        CompletionSource<Integer> io = new CompletionSource<>();
        Order order = new Order();
        Awaitable<Integer> outer = await(ui.submit(() -> {
            order.expect(1);
            Awaitable<Integer> o = Async.run(() -> {
                order.expect(2);
                Awaitable<Integer> inner = Async.run(() -> {
                    order.expect(3);
                    int v = Async.await(io.awaitable());
                    order.expect(7);
                    step("inner", ui);
                    return v;
                });
                order.expect(4);
                int v = Async.await(inner);
                order.expect(8);
                step("outer", ui);
                return v + 1;
            });
            order.expect(5);
            ui.post(() -> order.expect(6));
            return o;
        }));
        io.setResult(1);
        assertThat(await(outer)).isEqualTo(2);
        order.finish(9);
        order.assertFinished(9);
        assertThat(steps).containsExactly("inner@ui current=true", "outer@ui current=true");
    }

    /** A loop closed under a parked bound body does not strand it: the await throws RejectedExecutionException naming the loop. */
    @Test
    void closedLoopFailsTheAwaitInsteadOfHanging() {
        SingleThreadContext ui = SingleThreadContext.start("closing-ui");
        CompletionSource<Integer> io = new CompletionSource<>();
        Awaitable<Integer> body = await(ui.submit(() -> Async.run(() -> Async.await(io.awaitable()))));
        ui.close();
        io.setResult(1);
        assertThatThrownBy(() -> await(body))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closing-ui");
    }

    /** A blocking await on the loop's own thread, for a body that must resume on that loop, throws DeadlockException instead of hanging. */
    @Test
    void blockingAwaitOnTheLoopForABoundBodyIsADeadlock() {
        SingleThreadContext ui = loop("ui-thread");
        CompletionSource<Integer> io = new CompletionSource<>();
        Object outcome = await(ui.submit(() -> {
            Awaitable<Integer> body = Async.run(() -> Async.await(io.awaitable()));
            try {
                return Async.await(body); // on the loop's platform thread: blocks, so it could never resume
            } catch (DeadlockException e) {
                return e;
            }
        }));
        assertThat(outcome).isInstanceOf(DeadlockException.class);
        assertThat(((DeadlockException) outcome).getMessage())
                .contains("ui-thread")
                .contains("async body");
        io.setResult(1);
    }

    /** The backend reports its mode for scenarios and reports. */
    @Test
    void propertiesNameTheMode() {
        assertThat(Async.backend().properties())
                .containsEntry("contextAffinity", "PER_BODY_SCHEDULER")
                .containsEntry("pinsOnMonitors", Boolean.toString(LoomBackend.pinsOnMonitors()));
    }

    private void step(String name, SingleThreadContext expectedCurrent) {
        Thread carrier = VirtualThreads.currentCarrier();
        steps.add(name + "@" + carrier.getName() + " current=" + (AsyncContext.current() == expectedCurrent));
    }
}
