package dev.awaitable.reliability.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Stress;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.testkit.Gc;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Many awaits pending at once all complete, and the memory they held comes back: a million
 * statemachine methods suspended on a million sources, a million continuations on one awaitable,
 * and loom bodies parked at once (100,000 at the quick setting, a million at
 * {@code -Dawaitable.stress=10}). Memory is measured as heap in use after GC, a coarse but honest
 * bound: what is asserted is an upper bound per pending await and that the heap returns to
 * near its starting point once everything completed and was dropped (no leak).
 */
class ConcurrentAwaitsStressTest {

    static final int MACHINES = Stress.scaled(1_000_000);
    static final int CONTINUATIONS = Stress.scaled(1_000_000);
    static final int BODIES = Stress.scaled(100_000);

    @AfterAll
    static void restoreBackend() {
        Async.useBackend("statemachine");
    }

    /** One suspended method: awaits its source and adds its value to a shared sum. */
    static final class Waiter implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final Awaitable<Integer> input;
        final AtomicLong sum;
        int state;

        Waiter(Awaitable<Integer> input, AtomicLong sum) {
            this.input = input;
            this.sum = sum;
        }

        @Override
        public void moveNext() {
            Awaiter<Integer> aw = input.getAwaiter();
            if (state == 0 && !aw.isCompleted()) {
                state = 1;
                builder.awaitOnCompleted(aw, this);
                return;
            }
            int v = aw.getResult();
            sum.addAndGet(v);
            builder.setResult(v);
        }
    }

    /** A million statemachine methods suspended at once, on a million sources, all complete; a few hundred bytes each. */
    @Test
    void millionSuspendedMachines() {
        Async.useBackend("statemachine");
        long before = usedHeapAfterGc();
        AtomicLong sum = new AtomicLong();
        CompletionSource<Integer>[] sources = sources(MACHINES);
        Awaitable<?>[] methods = new Awaitable<?>[MACHINES];
        for (int i = 0; i < MACHINES; i++) {
            Waiter w = new Waiter(sources[i].awaitable(), sum);
            w.builder.start(w);
            methods[i] = w.builder.awaitable();
        }
        long pending = usedHeapAfterGc() - before;
        for (int i = 0; i < MACHINES; i++) {
            sources[i].setResult(1);
        }
        for (Awaitable<?> m : methods) {
            assertThat(m.isCompletedSuccessfully()).isTrue();
        }
        assertThat(sum.get()).isEqualTo(MACHINES);
        report("statemachine: suspended methods (machine, builder, source)", pending, MACHINES);
        assertThat(pending / MACHINES).as("bytes per suspended method").isLessThan(512);
        sources = null;
        methods = null;
        assertNoLeak(before, "a million completed methods");
    }

    /** A million continuations registered on one awaitable (a growing ContinuationList) each run once when it completes. */
    @Test
    void millionContinuationsOnOneAwaitable() {
        long before = usedHeapAfterGc();
        CompletionSource<Integer> source = new CompletionSource<>();
        AtomicLong runs = new AtomicLong();
        Runnable k = runs::incrementAndGet;
        for (int i = 0; i < CONTINUATIONS; i++) {
            source.awaitable().unsafeOnCompleted(k);
        }
        long pending = usedHeapAfterGc() - before;
        source.setResult(1);
        assertThat(runs.get()).isEqualTo(CONTINUATIONS);
        report("core: continuations on one awaitable", pending, CONTINUATIONS);
        assertThat(pending / CONTINUATIONS)
                .as("bytes per registered continuation")
                .isLessThan(64);
        source = null;
        assertNoLeak(before, "a million run continuations");
    }

    /** Loom bodies parked at once, each on its own source, all resume; a few kilobytes each at most. */
    @Test
    void manyParkedLoomBodies() {
        Async.useBackend("loom");
        long before = usedHeapAfterGc();
        CompletionSource<Integer>[] sources = sources(BODIES);
        @SuppressWarnings("unchecked")
        Awaitable<Integer>[] bodies = (Awaitable<Integer>[]) new Awaitable<?>[BODIES];
        for (int i = 0; i < BODIES; i++) {
            Awaitable<Integer> s = sources[i].awaitable();
            bodies[i] = Async.run(() -> Async.await(s) + 1);
        }
        long pending = usedHeapAfterGc() - before;
        Thread[] completers = new Thread[2];
        for (int c = 0; c < completers.length; c++) {
            int from = c;
            CompletionSource<Integer>[] all = sources;
            completers[c] = Thread.ofPlatform().start(() -> {
                for (int i = from; i < all.length; i += 2) {
                    all[i].setResult(i);
                }
            });
        }
        long sum = 0;
        for (int i = 0; i < BODIES; i++) {
            sum += Contract.join(bodies[i]);
        }
        assertThat(sum).isEqualTo((long) BODIES * (BODIES - 1) / 2 + BODIES);
        report("loom: parked bodies (virtual thread, stack, body, source)", pending, BODIES);
        assertThat(pending / BODIES).as("bytes per parked body").isLessThan(8 * 1024);
        sources = null;
        bodies = null;
        assertNoLeak(before, "completed loom bodies");
    }

    @SuppressWarnings("unchecked")
    private static CompletionSource<Integer>[] sources(int n) {
        CompletionSource<Integer>[] s = (CompletionSource<Integer>[]) new CompletionSource<?>[n];
        for (int i = 0; i < n; i++) {
            s[i] = new CompletionSource<>();
        }
        return s;
    }

    private static void report(String what, long bytes, int n) {
        System.out.printf("%s: %,d pending, about %,d bytes of heap (%,d bytes each)%n", what, n, bytes, bytes / n);
    }

    /** The heap comes back to within 64 MB of where it started once everything is dropped. */
    private static void assertNoLeak(long before, String what) {
        long slack = 64L << 20;
        boolean back = Gc.until(() -> usedHeap() - before < slack, Duration.ofSeconds(20));
        assertThat(back)
                .as("heap after %s: %,d bytes above the start", what, usedHeap() - before)
                .isTrue();
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return usedHeap();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Bounded joins. */
    static final class Contract {
        static <T> T join(Awaitable<T> a) {
            try {
                return a.join(Duration.ofSeconds(60));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("not complete after 60 s: " + a, e);
            }
        }
    }
}
