package dev.awaitable.examples;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A remote service, simulated by a delay that observes its cancellation token: it answers
 * {@code index * 10 + attempt} after its latency, or fails, and notes in {@code cancelled} each
 * call that was cancelled before it answered.
 *
 * @param name the service's name
 * @param index its position in the fan-out
 * @param latencies the latency of the first call, the second, ...; the last one repeats
 * @param failure a reason to fail with, or null to answer
 * @param cancelled where cancelled calls are noted ({@code name#attempt}); thread-safe
 */
record SimulatedService(String name, int index, List<Duration> latencies, String failure, List<String> cancelled) {

    /** Calls the service; the answer arrives on the backend's timer. */
    Awaitable<Integer> call(int attempt, CancellationToken token) {
        AtomicBoolean answered = new AtomicBoolean();
        token.register(() -> {
            if (!answered.get()) {
                cancelled.add(name + "#" + attempt);
            }
        });
        Duration latency = latencies.get(Math.min(attempt, latencies.size()) - 1);
        return Awaitables.delay(latency, token).map(v -> {
            answered.set(true);
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return index * 10 + attempt;
        });
    }
}
