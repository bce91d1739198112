package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A million awaitables each completing the next, synchronously: the chain must finish without
 * StackOverflowError, on the success path and on the failure path. Scaled by
 * {@code -Dawaitable.stress} (default 1: one million links).
 */
class ContinuationChainStressTest {

    private static final int LINKS = 1_000_000 * Integer.getInteger("awaitable.stress", 1);

    /** One link: awaits the previous link and returns its value + 1. */
    static final class Link implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> previous;
        int state;

        Link(Awaitable<Integer> previous) {
            this.previous = previous;
        }

        static Awaitable<Integer> start(Awaitable<Integer> previous) {
            Link l = new Link(previous);
            l.builder.start(l);
            return l.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                Awaiter<Integer> aw = previous.getAwaiter();
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
                state = -1;
                builder.setResult(aw.getResult() + 1);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /** Success path: completing the root runs a million continuations without overflowing the stack. */
    @Test
    void millionDeepChainSucceeds() throws Exception {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < LINKS; i++) {
            last = Link.start(last);
        }
        root.setResult(0);
        assertThat(last.join(Duration.ofMinutes(2))).isEqualTo(LINKS);
    }

    /** Failure path: a fault at the root propagates through every link, unchanged, without overflowing the stack. */
    @Test
    void millionDeepChainFails() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < LINKS; i++) {
            last = Link.start(last);
        }
        IllegalStateException boom = new IllegalStateException("root failed");
        root.setException(boom);
        assertThat(last.isCompleted()).isTrue();
        assertThat(last.exception()).isSameAs(boom);
    }
}
