package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AggregateException;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.Outcome;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Awaitables#whenAllSettled}, {@link Awaitables#whenEach}, {@link Awaitables#whenAnySuccessful}. */
class SettledCombinatorContract extends Contract {

    /** whenAllSettled: every outcome in input order, whatever the completion order; never faults. */
    @Test
    void whenAllSettledReportsEveryOutcomeAndNeverThrows() {
        IOException boom = new IOException("boom");
        CompletionSource<Integer> a = new CompletionSource<>();
        CompletionSource<Integer> b = new CompletionSource<>();
        CompletionSource<Integer> c = new CompletionSource<>();
        Awaitable<List<Outcome<Integer>>> all = Awaitables.whenAllSettled(a.awaitable(), b.awaitable(), c.awaitable());
        c.setCancelled();
        b.setException(boom);
        assertThat(all.isCompleted()).isFalse();
        a.setResult(1);
        Awaitable<String> body = start(Program.<String>builder("await-settled")
                .await(f -> all, "outcomes")
                .returns(f -> f.<List<Outcome<Integer>>>get("outcomes").toString()));
        assertThat(await(body)).startsWith("[SUCCEEDED: 1, FAULTED: java.io.IOException: boom, CANCELLED: ");
        List<Outcome<Integer>> outcomes = all.getResult();
        assertThat(outcomes.get(0).value()).isEqualTo(1);
        assertThat(outcomes.get(1).exception()).isSameAs(boom);
        assertThat(outcomes.get(2).status()).isEqualTo(AwaitableStatus.CANCELLED);
        assertThat(outcomes.get(2).exception()).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> outcomes.get(1).value()).isInstanceOf(IllegalStateException.class);
        assertThat(Awaitables.<Integer>whenAllSettled(List.of()).getResult()).isEmpty();
    }

    /**
     * whenEach: each input once, in the order they complete (not input order); a consumer that
     * awaits between items still sees them all; failures arrive as completed awaitables.
     */
    @Test
    void whenEachYieldsInCompletionOrder() {
        CompletionSource<String> slow = new CompletionSource<>();
        CompletionSource<String> fast = new CompletionSource<>();
        CompletionSource<String> failing = new CompletionSource<>();
        Awaitable<String> done = Awaitable.completed("done");
        List<String> seen = new ArrayList<>();
        Awaitable<Void> loop = Awaitables.whenEach(slow.awaitable(), fast.awaitable(), done, failing.awaitable())
                .forEachAsync(a -> start(Program.<Void>builder("handle-one")
                        .run(f -> seen.add(
                                a.isFaulted() ? "failed: " + a.exception().getMessage() : a.getResult()))
                        .await(f -> Awaitables.delay(Duration.ofMillis(1)))
                        .returnsNothing()));
        fast.setResult("fast");
        failing.setException(new IOException("io"));
        slow.setResult("slow");
        await(loop);
        assertThat(seen).containsExactly("done", "fast", "failed: io", "slow");
    }

    /** whenEach over a token: cancelling it ends the iteration cancelled. */
    @Test
    void whenEachObservesItsToken() {
        CompletionSource<String> never = new CompletionSource<>();
        CancellationTokenSource cts = new CancellationTokenSource();
        Awaitable<Void> loop =
                Awaitables.whenEach(never.awaitable()).forEachAsync(a -> Awaitable.completedNull(), cts.token());
        cts.cancel();
        assertThatThrownBy(() -> await(loop)).isInstanceOf(CancellationException.class);
    }

    /** whenAnySuccessful: failures before the first success are tolerated; the first success wins. */
    @Test
    void whenAnySuccessfulTakesTheFirstSuccess() {
        CompletionSource<String> a = new CompletionSource<>();
        CompletionSource<String> b = new CompletionSource<>();
        CompletionSource<String> c = new CompletionSource<>();
        Awaitable<String> any = Awaitables.whenAnySuccessful(a.awaitable(), b.awaitable(), c.awaitable());
        a.setException(new IOException("mirror a down"));
        b.setCancelled();
        assertThat(any.isCompleted()).isFalse();
        c.setResult("from c");
        assertThat(await(any)).isEqualTo("from c");
        assertThat(await(Awaitables.whenAnySuccessful(Awaitable.failed(new IOException()), Awaitable.completed("x"))))
                .isEqualTo("x");
    }

    /** whenAnySuccessful when every input fails: an AggregateException of all failures, in input order, rethrown itself. */
    @Test
    void whenAnySuccessfulAggregatesWhenAllFail() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        CompletionSource<String> a = new CompletionSource<>();
        CompletionSource<String> b = new CompletionSource<>();
        CompletionSource<String> c = new CompletionSource<>();
        Awaitable<String> any = Awaitables.whenAnySuccessful(a.awaitable(), b.awaitable(), c.awaitable());
        c.setCancelled();
        b.setException(second);
        a.setException(first);
        Awaitable<Throwable> caught = start(Program.<Throwable>builder("await-any")
                .tryCatch(
                        Program.block().await(f -> any),
                        Exception.class,
                        Program.block().run(f -> f.set("caught", f.caught())))
                .returns(f -> f.get("caught")));
        Throwable e = await(caught);
        assertThat(e).isInstanceOf(AggregateException.class).isSameAs(any.exception());
        List<Throwable> all = ((AggregateException) e).exceptions();
        assertThat(all).hasSize(3);
        assertThat(all.get(0)).isSameAs(first);
        assertThat(all.get(1)).isSameAs(second);
        assertThat(all.get(2)).isInstanceOf(OperationCanceledException.class);
        assertThatThrownBy(() -> Awaitables.whenAnySuccessful(List.<Awaitable<String>>of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
