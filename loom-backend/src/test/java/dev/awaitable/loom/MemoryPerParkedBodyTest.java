package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Gc;
import org.junit.jupiter.api.Test;

/**
 * Memory per parked body with a shallow stack (a lambda that awaits once): heap used after full
 * GCs with N bodies parked, minus the baseline, divided by N. Printed for 100,000 bodies, and for
 * 1,000,000 when {@code -Dawaitable.stress} is 10 or more, after a warm-up (a stack chunk of
 * interpreted frames is larger than one of compiled frames). The figure includes the body's
 * awaitable, its strand and signal, the virtual thread, its continuation and stack chunk, and one
 * reference each in the test's array and the shared gate's continuation list.
 */
class MemoryPerParkedBodyTest extends Contract {

    private static final int STRESS = Integer.getInteger("awaitable.stress", 1);

    /** 100,000 parked bodies cost a bounded amount of heap each (printed); all complete when the gate opens. */
    @Test
    void memoryPerParkedBody() {
        warmUp(); // compiled frames are smaller than interpreted ones: measure the steady state
        measure(100_000);
        if (STRESS >= 10) {
            measure(1_000_000);
        }
    }

    private static void measure(int n) {
        CompletionSource<Void> gate = new CompletionSource<>();
        Awaitable<?>[] bodies = new Awaitable<?>[n];
        Gc.settle();
        long before = usedHeap();
        for (int i = 0; i < n; i++) {
            bodies[i] = Async.run(() -> Async.await(gate.awaitable()));
        }
        Gc.settle();
        long after = usedHeap();
        double perBody = (after - before) / (double) n;
        System.out.printf(
                "loom: %,d parked bodies: %,.0f bytes per parked body (heap %,d -> %,d bytes; JDK %s, %s)%n",
                n, perBody, before, after, Runtime.version(), LoomBackend.contextAffinity());
        gate.setResult(null);
        for (Awaitable<?> b : bodies) {
            await(b);
        }
        assertThat(perBody).as("bytes per parked body").isGreaterThan(100).isLessThan(16_384);
    }

    private static void warmUp() {
        for (int round = 0; round < 5; round++) {
            CompletionSource<Void> gate = new CompletionSource<>();
            Awaitable<?>[] bodies = new Awaitable<?>[20_000];
            for (int i = 0; i < bodies.length; i++) {
                bodies[i] = Async.run(() -> Async.await(gate.awaitable()));
            }
            gate.setResult(null);
            for (Awaitable<?> b : bodies) {
                await(b);
            }
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
