package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awaitable.Async;
import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.SingleThreadContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What AsyncContext's, SingleThreadContext's and Async.run's Javadoc (and README) say about a
 * direct-style body on a context: it runs on the context, as a virtual thread mounted on the
 * context's thread, so isCurrent() is the check that works, a thread comparison is not, and
 * the context thread's ThreadLocals are not visible.
 */
class ThreadIdentityOnContextTest {

    private static final ThreadLocal<String> LOCAL = new ThreadLocal<>();

    @Test
    void aBodyOnAContextIsOnItButIsNotItsThread() throws Exception {
        assumeTrue(
                !"UNAVAILABLE".equals(Async.backend().properties().get("contextAffinity")),
                "needs --add-opens java.base/java.lang=ALL-UNNAMED");
        try (SingleThreadContext ui = SingleThreadContext.start("ui")) {
            Awaitable<Awaitable<List<Object>>> started = ui.submit(() -> {
                LOCAL.set("set on the loop thread");
                return Async.run(() -> {
                    Async.await(Awaitables.delay(Duration.ofMillis(1)));
                    List<Object> facts = new ArrayList<>();
                    facts.add(ui.isCurrent());
                    facts.add(AsyncContext.current() == ui);
                    facts.add(Thread.currentThread() == ui.thread());
                    facts.add(Thread.currentThread().isVirtual());
                    facts.add(String.valueOf(LOCAL.get()));
                    return facts;
                });
            });
            Awaitable<List<Object>> body = started.join(Duration.ofSeconds(20));
            assertThat(body.join(Duration.ofSeconds(20))).containsExactly(true, true, false, true, "null");
        }
    }
}
