package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.CompletionSource;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.internal.ReusableSource;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link ValueAwaitable}, {@link AwaitableSource} and {@link ManualResetSourceCore}: single use, version tokens. */
class ValueAwaitableContract extends Contract {

    /** A value-backed ValueAwaitable is complete and yields its value once. */
    @Test
    void valueBackedYieldsOnce() {
        ValueAwaitable<String> v = ValueAwaitable.of("hit");
        assertThat(v.isCompleted()).isTrue();
        assertThat(v.getResult()).isEqualTo("hit");
    }

    /** Awaiting a ValueAwaitable twice throws IllegalStateException saying so. */
    @Test
    void secondUseThrows() {
        ValueAwaitable<String> v = ValueAwaitable.of("once");
        v.getResult();
        assertThatThrownBy(v::getResult)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already consumed");
        assertThatThrownBy(v::getAwaiter)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("awaited once");
        ValueAwaitable<String> p = ValueAwaitable.from(new CompletionSource<String>().awaitable());
        p.onCompleted(() -> {});
        assertThatThrownBy(() -> p.onCompleted(() -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("awaited once");
    }

    /** A program awaiting the same ValueAwaitable twice fails at the second await. */
    @Test
    void programAwaitingTwiceFails() {
        ValueAwaitable<Integer> v = ValueAwaitable.of(1);
        Awaitable<Integer> p = start(
                Program.<Integer>builder("twice").await(f -> v).await(f -> v).returnsLast());
        assertThat(p.exception()).isInstanceOf(IllegalStateException.class).hasMessageContaining("ValueAwaitable");
    }

    /** getResult before completion throws instead of blocking. */
    @Test
    void getResultBeforeCompletionThrows() {
        ValueAwaitable<String> v = ValueAwaitable.from(new CompletionSource<String>().awaitable());
        assertThatThrownBy(v::getResult)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the ValueAwaitable completed");
    }

    /** asAwaitable gives an Awaitable that may be awaited many times; it consumes the ValueAwaitable. */
    @Test
    void asAwaitableAllowsReuse() {
        CompletionSource<String> s = new CompletionSource<>();
        ValueAwaitable<String> v = ValueAwaitable.from(s.awaitable());
        Awaitable<String> a = v.asAwaitable();
        assertThatThrownBy(v::getResult).isInstanceOf(IllegalStateException.class);
        s.setResult("x");
        assertThat(a.join()).isEqualTo("x");
        assertThat(a.join()).isEqualTo("x");
        assertThat(ValueAwaitable.of(5).asAwaitable().getResult()).isEqualTo(5);
    }

    /** A source-backed ValueAwaitable completes through the source; a program awaits it across a suspension. */
    @Test
    void sourceBackedCompletesLater() {
        ReusableSource<Integer> src = new ReusableSource<>();
        ValueAwaitable<Integer> v = src.next();
        Awaitable<Integer> p =
                start(Program.<Integer>builder("source").await(f -> v).returnsLast());
        assertThat(p.isCompleted()).isFalse();
        src.setResult(9);
        assertThat(await(p)).isEqualTo(9);
    }

    /** After reset, an old token is stale: every call with it throws instead of returning another operation's result. */
    @Test
    void staleTokenThrows() {
        ReusableSource<Integer> src = new ReusableSource<>();
        ValueAwaitable<Integer> first = src.next();
        src.setResult(1);
        assertThat(first.getResult()).isEqualTo(1);
        int oldToken = src.version();
        src.next();
        src.setResult(2);
        assertThatThrownBy(() -> src.getResult(oldToken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stale token");
        assertThatThrownBy(() -> src.status(oldToken)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> src.onCompleted(() -> {}, oldToken, false)).isInstanceOf(IllegalStateException.class);
    }

    /** A ValueAwaitable kept across a reset fails loudly rather than reading the next operation's value. */
    @Test
    void valueAwaitableKeptAcrossResetFails() {
        ReusableSource<String> src = new ReusableSource<>();
        ValueAwaitable<String> stale = src.next();
        src.next();
        src.setResult("someone else's");
        assertThatThrownBy(stale::isCompleted)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stale");
    }

    /** A source operation completes once; faults and cancellation map to statuses. */
    @Test
    void sourceStatusesAndSingleCompletion() {
        ReusableSource<String> src = new ReusableSource<>();
        ValueAwaitable<String> v = src.next();
        assertThat(v.status()).isEqualTo(AwaitableStatus.PENDING);
        src.setException(new IOException("io"));
        assertThatThrownBy(() -> src.setResult("again")).isInstanceOf(IllegalStateException.class);
        assertThat(v.status()).isEqualTo(AwaitableStatus.FAULTED);
        assertThatThrownBy(v::getResult).isInstanceOf(IOException.class);
        ValueAwaitable<String> c = src.next();
        src.setException(new CancellationException());
        assertThat(c.status()).isEqualTo(AwaitableStatus.CANCELLED);
    }

    /** The one continuation of an operation runs once whether registered before or after completion. */
    @Test
    void continuationRunsOnceEitherOrder() {
        ReusableSource<Integer> src = new ReusableSource<>();
        AtomicInteger runs = new AtomicInteger();
        ValueAwaitable<Integer> before = src.next();
        before.unsafeOnCompleted(runs::incrementAndGet);
        src.setResult(1);
        assertThat(runs).hasValue(1);
        ValueAwaitable<Integer> after = src.next();
        src.setResult(2);
        after.unsafeOnCompleted(runs::incrementAndGet);
        assertThat(runs).hasValue(2);
    }

    /** With runContinuationsAsynchronously, the completer never runs the continuation itself. */
    @Test
    void asynchronousContinuationsLeaveTheCompleter() {
        ReusableSource<Integer> src = new ReusableSource<>();
        src.setRunContinuationsAsynchronously(true);
        ValueAwaitable<Integer> v = src.next();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletionSource<Void> done = new CompletionSource<>();
        v.unsafeOnCompleted(() -> {
            ranOn.set(Thread.currentThread());
            done.setResult(null);
        });
        src.setResult(1);
        await(done.awaitable());
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
    }

    /** CompletionSource with runContinuationsAsynchronously runs continuations off the completing thread. */
    @Test
    void completionSourceAsynchronousContinuations() {
        CompletionSource<Integer> s = new CompletionSource<>(true);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletionSource<Void> done = new CompletionSource<>();
        s.awaitable().unsafeOnCompleted(() -> {
            ranOn.set(Thread.currentThread());
            done.setResult(null);
        });
        s.setResult(1);
        await(done.awaitable());
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
    }

    /** A null continuation is refused and leaves the operation's one registration free for the real awaiter. */
    @Test
    void nullContinuationIsRefused() {
        ManualResetSourceCore<Integer> core = new ManualResetSourceCore<>();
        int token = core.version();
        assertThatThrownBy(() -> core.onCompleted(null, token, false)).isInstanceOf(NullPointerException.class);
        AtomicInteger ran = new AtomicInteger();
        core.onCompleted(ran::incrementAndGet, token, false);
        core.setResult(1);
        assertThat(ran).hasValue(1);
    }
}
