package dev.awaitable.loom.examples;

import static dev.awaitable.Async.await;

import dev.awaitable.Async;
import dev.awaitable.AsyncScope;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.streams.LoopControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The program on README's first page, runnable (direct style, loom backend): a fan-out in a
 * structured scope, a timeout caught by its type, an async for-each that breaks early.
 * {@link FirstProgramTest} runs it and checks that README shows this very code.
 */
public final class FirstProgram {
    private FirstProgram() {}

    public static void main(String[] args) {
        run().forEach(System.out::println);
    }

    /** Simulated I/O: the page at {@code url} after a delay that observes the token. */
    static Awaitable<String> fetch(String url, CancellationToken token) {
        Duration latency = url.startsWith("slow") ? Duration.ofSeconds(10) : Duration.ofMillis(5);
        return Awaitables.delay(latency, token).map(v -> "page " + url);
    }

    /** Simulated storage. */
    static Awaitable<Void> store(String item) {
        return Awaitables.delay(Duration.ofMillis(1));
    }

    /** A feed of items, produced by an async generator whose cleanup shows when the consumer closed it. */
    static AsyncStream<String> feed(List<String> log) {
        return AsyncStream.generate((out, token) -> Async.run(() -> {
            try {
                for (String item : List.of("a", "b", "stop", "never read")) {
                    await(out.emit(item));
                }
            } finally {
                log.add("feed closed");
            }
        }));
    }

    static List<String> run() {
        List<String> log = new ArrayList<>();
        CancellationTokenSource cts = new CancellationTokenSource(Duration.ofSeconds(30));
        CancellationToken token = cts.token();
        // README:begin
        Awaitable<Void> program = Async.run(() -> {
            // Fan-out: the first failure cancels the siblings; nothing outlives the block.
            try (AsyncScope scope = new AsyncScope(token)) {
                Awaitable<String> home = scope.fork(t -> fetch("home", t));
                Awaitable<String> news = scope.fork(t -> fetch("news", t));
                await(scope.join()); // rethrows the first failure, the others suppressed
                log.add(home.resultNow() + ", " + news.resultNow());
            }

            // A checked exception caught by its type: the typed await declares it.
            try {
                log.add(await(fetch("slow", token).withTimeout(Duration.ofMillis(50)), TimeoutException.class));
            } catch (TimeoutException e) {
                log.add("slow: timed out");
            }

            // await foreach with awaits in the body; BREAK closes the stream.
            await(feed(log)
                    .forEachAsync(item -> Async.run(() -> {
                        if (item.equals("stop")) {
                            return LoopControl.BREAK;
                        }
                        await(store(item));
                        log.add("stored " + item);
                        return LoopControl.CONTINUE;
                    })));
        });
        program.join();
        // README:end
        cts.close();
        return log;
    }
}
