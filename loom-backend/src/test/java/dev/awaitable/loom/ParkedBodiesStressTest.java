package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many bodies parked at once all complete: {@code 100,000 x -Dawaitable.stress} bodies, each
 * parked on its own source, completed from several platform threads at once (so resumptions run
 * inline on those threads, on the carriers, and race the bodies' own suspension).
 */
class ParkedBodiesStressTest extends Contract {

    private static final int STRESS = Integer.getInteger("awaitable.stress", 1);

    /** 100,000 (times the stress factor) concurrently parked bodies all resume and complete with the right values. */
    @Test
    void manyParkedBodiesAllComplete() throws Exception {
        int n = 100_000 * STRESS;
        List<CompletionSource<Integer>> sources = new ArrayList<>(n);
        List<Awaitable<Long>> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CompletionSource<Integer> s = new CompletionSource<>();
            sources.add(s);
            boolean free = (i & 1) == 0;
            bodies.add(Async.run(() -> {
                long v = free ? Async.await(s.awaitable().configureAwait(false)) : Async.await(s.awaitable());
                Async.await(Awaitables.yieldNow());
                return v * 2;
            }));
        }
        assertThat(bodies).noneMatch(Awaitable::isCompleted);
        int completers = 4;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < completers; c++) {
            int from = c;
            threads.add(Thread.ofPlatform().name("completer-" + c).start(() -> {
                for (int i = from; i < n; i += completers) {
                    sources.get(i).setResult(i);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long sum = 0;
        for (Awaitable<Long> b : bodies) {
            sum += await(b);
        }
        assertThat(sum).isEqualTo((long) n * (n - 1));
    }
}
