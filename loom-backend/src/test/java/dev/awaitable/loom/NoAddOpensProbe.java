package dev.awaitable.loom;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.SingleThreadContext;
import java.time.Duration;

/** Run by {@link NoAddOpensWarningTest} in a JVM without --add-opens and without an SLF4J provider. */
public final class NoAddOpensProbe {
    private NoAddOpensProbe() {}

    public static void main(String[] args) throws Exception {
        Async.setDefaultBackend("loom");
        for (int i = 0; i < 2; i++) {
            Awaitable<Integer> a = Async.run(() -> {
                Async.await(Awaitables.delay(Duration.ofMillis(1)));
                return 1;
            });
            System.out.println("result " + a.join(Duration.ofSeconds(10)));
        }
        SingleThreadContext ui = SingleThreadContext.start("ui");
        try {
            ui.submit(() -> Async.run(() -> 1)).join(Duration.ofSeconds(10));
            System.out.println("started on the loop");
        } catch (UnsupportedOperationException e) {
            System.out.println("refused: " + e.getMessage());
        } finally {
            ui.close();
        }
    }
}
