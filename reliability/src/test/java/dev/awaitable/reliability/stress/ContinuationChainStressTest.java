package dev.awaitable.reliability.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Deep synchronous continuation chains, success and failure, beyond the statemachine backend's own
 * million-deep machine chain ({@code statemachine-backend}'s ContinuationChainStressTest, not
 * repeated here): a million {@code map} links and 200,000 alternating {@code whenAll} and
 * {@code withCancellation} links, whose continuations all run inline on the completing thread
 * through the trampoline; and a chain of 100,000 loom bodies, each awaiting the previous one (each
 * times {@code -Dawaitable.stress}, capped where the default heap or the per-test timeout ends). None may overflow the
 * stack; a fault at the root must reach the end unchanged.
 */
class ContinuationChainStressTest {

    /** map links: a million, times the stress factor up to 4 (each link of the failing chain also holds a fault and its cleaner entry). */
    static final int LINKS = 1_000_000 * Math.min(Stress.FACTOR, 4);
    /** Loom chain links: capped at 500,000 (stress 5), whose two passes take about a minute, inside the per-test timeout. */
    static final int BODIES = 100_000 * Math.min(Stress.FACTOR, 5);
    /**
     * Combinator links allocate more (on the failure path every whenAll link makes an
     * AggregateException with its stack trace, and the whole chain is reachable), so the stress
     * factor scales them up to 2: 400,000 links fit the default heap, 2,000,000 did not.
     */
    static final int COMBINATOR_LINKS = 200_000 * Math.min(Stress.FACTOR, 2);

    @AfterAll
    static void restoreBackend() {
        Async.useBackend("statemachine");
    }

    /** A million map() links: completing the root runs them all, on this thread, without overflowing. */
    @Test
    void millionDeepMapChainSucceeds() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < LINKS; i++) {
            last = last.map(v -> v + 1);
        }
        root.setResult(0);
        assertThat(last.isCompleted())
                .as("the whole chain ran inline on the completing thread")
                .isTrue();
        assertThat(last.resultNow()).isEqualTo(LINKS);
    }

    /** A million map() links on the failure path: the root's exception reaches the end, the same object. */
    @Test
    void millionDeepMapChainFails() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < LINKS; i++) {
            last = last.map(v -> v + 1);
        }
        IllegalStateException boom = new IllegalStateException("root failed");
        Tally.FAULTS.incrementAndGet();
        root.setException(boom);
        assertThat(last.exception()).isSameAs(boom);
    }

    /** Alternating whenAll and withCancellation links, 200,000 deep, on the failure path and then on the success path. */
    @Test
    void millionDeepCombinatorChain() {
        for (boolean fail : new boolean[] {true, false}) {
            CompletionSource<Integer> root = new CompletionSource<>();
            dev.awaitable.CancellationTokenSource cts = new dev.awaitable.CancellationTokenSource();
            Awaitable<?> last = root.awaitable();
            for (int i = 0; i < COMBINATOR_LINKS; i++) {
                last = (i & 1) == 0 ? Awaitables.whenAll(List.of(last)) : last.withCancellation(cts.token());
            }
            if (fail) {
                Tally.FAULTS.incrementAndGet();
                root.setException(new IllegalStateException("root failed"));
                assertThat(last.isFaulted()).isTrue();
                try {
                    last.getResult();
                } catch (IllegalStateException expected) {
                    assertThat(expected).hasMessage("root failed");
                }
            } else {
                root.setResult(7);
                assertThat(last.isCompletedSuccessfully()).isTrue();
            }
        }
    }

    /**
     * Loom bodies chained: body k awaits body k-1; the root completes on a platform thread (so
     * resumption starts inline there) and each body's end wakes the next, which, on another body's
     * virtual thread, is dispatched rather than nested. All end with the right value; on the
     * failure path, with the root's exception.
     */
    @Test
    void loomBodyChainSucceedsAndFails() throws Exception {
        Async.useBackend("loom");
        for (boolean fail : new boolean[] {false, true}) {
            CompletionSource<Integer> root = new CompletionSource<>();
            Awaitable<Integer> last = root.awaitable();
            for (int i = 0; i < BODIES; i++) {
                Awaitable<Integer> previous = last;
                last = Async.run(() -> Async.await(previous) + 1);
            }
            IllegalStateException boom = new IllegalStateException("root failed");
            if (fail) {
                Tally.FAULTS.incrementAndGet();
                root.setException(boom);
            } else {
                root.setResult(0);
            }
            try {
                Integer v = last.join(Duration.ofSeconds(60));
                assertThat(fail).isFalse();
                assertThat(v).isEqualTo(BODIES);
            } catch (IllegalStateException e) {
                assertThat(fail).isTrue();
                assertThat(e).isSameAs(boom);
            } catch (TimeoutException e) {
                throw new AssertionError("the chain of " + BODIES + " bodies stalled: " + last, e);
            }
        }
    }
}
