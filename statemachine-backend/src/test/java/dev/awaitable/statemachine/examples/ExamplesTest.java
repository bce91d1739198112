package dev.awaitable.statemachine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written machines in this package behave as the direct-style code beside them. */
class ExamplesTest {

    /** Two sequential awaits: synchronous when both are ready, suspending when not. */
    @Test
    void twoAwaits() throws Exception {
        assertThat(TwoAwaits.greet(Awaitable.completed("Ada"), Awaitable.completed(36))
                        .getResult())
                .isEqualTo("Ada is 36");
        CompletionSource<String> name = new CompletionSource<>();
        CompletionSource<Integer> age = new CompletionSource<>();
        Awaitable<String> g = TwoAwaits.greet(name.awaitable(), age.awaitable());
        name.setResult("Grace");
        assertThat(g.isCompleted()).isFalse();
        age.setResult(85);
        assertThat(g.join(Duration.ofSeconds(5))).isEqualTo("Grace is 85");
    }

    /** A loop with an await inside: every iteration, suspending or not, adds up. */
    @Test
    void loopWithAwait() throws Exception {
        List<Awaitable<Integer>> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add(i % 3 == 0 ? Awaitables.delay(Duration.ofMillis(1)).map(v -> 0) : Awaitable.completed(i));
        }
        long expected = 0;
        for (int i = 1; i <= 100; i++) {
            expected += i % 3 == 0 ? 0 : i;
        }
        assertThat(LoopWithAwait.sum(values).join(Duration.ofSeconds(10))).isEqualTo(expected);
    }

    /** try/catch/finally across an await: success, caught failure, and the finally action once each. */
    @Test
    void tryCatchFinally() throws Exception {
        List<String> log = new ArrayList<>();
        CompletionSource<String> ok = new CompletionSource<>();
        Awaitable<String> a = TryCatchFinally.read(ok.awaitable(), log);
        assertThat(log).containsExactly("open");
        ok.setResult("data");
        assertThat(a.join(Duration.ofSeconds(5))).isEqualTo("read data");
        assertThat(log).containsExactly("open", "close");

        log.clear();
        CompletionSource<String> bad = new CompletionSource<>();
        Awaitable<String> b = TryCatchFinally.read(bad.awaitable(), log);
        bad.setException(new IOException("disk"));
        assertThat(b.join(Duration.ofSeconds(5))).isEqualTo("failed: disk");
        assertThat(log).containsExactly("open", "close");

        log.clear();
        IllegalStateException other = new IllegalStateException("not caught");
        Awaitable<String> c = TryCatchFinally.read(Awaitable.failed(other), log);
        assertThat(c.exception()).isSameAs(other);
        assertThat(log).containsExactly("open", "close");
    }

    /** whenAll fan-out: one suspension for the batch, every child counted. */
    @Test
    void fanOut() throws Exception {
        Awaitable<Integer> total =
                FanOut.total(50, i -> Awaitables.delay(Duration.ofMillis(i % 5)).map(v -> i));
        assertThat(total.join(Duration.ofSeconds(10))).isEqualTo(50 * 49 / 2);
    }
}
