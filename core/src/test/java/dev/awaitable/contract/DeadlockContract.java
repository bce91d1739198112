package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.DeadlockException;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@code .Result} deadlock, detected: join() on a loop's thread for work that must resume
 * on that loop throws {@link DeadlockException} naming the context instead of hanging.
 */
class DeadlockContract extends Contract {

    /** Blocking on the loop for a body that captured the loop throws DeadlockException. */
    @Test
    void joinOnLoopForCapturingBodyIsDetected() {
        SingleThreadContext ui = loop("ui-thread");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        CompletionSource<Integer> io = new CompletionSource<>();
        Object outcome = await(ui.submit(() -> {
            Awaitable<Integer> body = start(Program.<Integer>builder("GetDataAsync")
                    .await(f -> io.awaitable(), "v")
                    .returns(f -> f.getInt("v")));
            try {
                return body.join();
            } catch (DeadlockException e) {
                return e;
            }
        }));
        assertThat(outcome).isInstanceOf(DeadlockException.class);
        DeadlockException d = (DeadlockException) outcome;
        assertThat(d.context()).isSameAs(ui);
        assertThat(d.getMessage())
                .contains("ui-thread")
                .contains("GetDataAsync")
                .contains("configureAwait(false)");
        io.setResult(1); // the body can still finish once the loop is free
    }

    /** The dependency is found through nested bodies: outer awaits inner, inner captured the loop. */
    @Test
    void nestedDependencyIsDetected() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        CompletionSource<Integer> io = new CompletionSource<>();
        Object outcome = await(ui.submit(() -> {
            Awaitable<Integer> inner = start(
                    Program.<Integer>builder("inner").await(f -> io.awaitable()).returnsLast());
            Awaitable<Integer> outer = start(Program.<Integer>builder("outer")
                    .await(f -> inner.configureAwait(false))
                    .returnsLast());
            try {
                return outer.join();
            } catch (DeadlockException e) {
                return e;
            }
        }));
        assertThat(outcome).isInstanceOf(DeadlockException.class);
        assertThat(((DeadlockException) outcome).getMessage()).contains("outer").contains("inner");
        io.setResult(1);
    }

    /** configureAwait(false) in the awaited code avoids the deadlock: join returns once the work completes. */
    @Test
    void configureAwaitFalseAvoidsDeadlock() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        CompletionSource<Integer> io = new CompletionSource<>();
        new Thread(() -> {
                    sleep(50);
                    io.setResult(11);
                })
                .start();
        Object outcome = await(ui.submit(() -> {
            Awaitable<Integer> body = start(Program.<Integer>builder("library-code")
                    .await(f -> io.awaitable().configureAwait(false), "v")
                    .returns(f -> f.getInt("v")));
            return body.join();
        }));
        assertThat(outcome).isEqualTo(11);
    }

    /** The dependency is found through a combinator: whenAll over a body that captured the loop. */
    @Test
    void whenAllOverCapturingBodyIsDetected() {
        SingleThreadContext ui = loop("ui");
        if (!threadAffinity()) {
            assertStartOnContextFailsClearly(ui);
            return;
        }
        CompletionSource<Integer> first = new CompletionSource<>();
        CompletionSource<Integer> second = new CompletionSource<>();
        new Thread(() -> {
                    sleep(50);
                    first.setResult(1);
                })
                .start();
        Object outcome = await(ui.submit(() -> {
            Awaitable<Integer> capturing = start(Program.<Integer>builder("captures-ui")
                    .await(f -> second.awaitable())
                    .returnsLast());
            Awaitable<Integer> free = start(Program.<Integer>builder("free")
                    .await(f -> first.awaitable().configureAwait(false))
                    .returnsLast());
            Awaitable<?> both = Awaitables.whenAll(free, capturing);
            try {
                return both.join(Duration.ofSeconds(10));
            } catch (DeadlockException e) {
                return e;
            }
        }));
        assertThat(outcome).isInstanceOf(DeadlockException.class);
        second.setResult(2);
    }

    /** join on a loop for work that does not need the loop is not a deadlock. */
    @Test
    void unrelatedJoinOnLoopIsAllowed() {
        SingleThreadContext ui = loop("ui");
        Object outcome =
                await(ui.submit(() -> Awaitables.delay(Duration.ofMillis(20)).join()));
        assertThat(outcome).isNull();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
