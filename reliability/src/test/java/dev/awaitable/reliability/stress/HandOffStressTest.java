package dev.awaitable.reliability.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.reliability.Stress;
import dev.awaitable.reliability.Tally;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-offs with no lost wake-up: async methods await sources that other threads complete,
 * 1.4 million times per run at the quick setting (both backends), times {@code -Dawaitable.stress}.
 * A lost wake-up leaves a method suspended forever, which the bounded wait turns into a failure
 * naming how far it got.
 */
class HandOffStressTest {

    /** Sources one method awaits in turn while a platform thread completes them, racing each await. */
    static final int RELAY = Stress.scaled(500_000);
    /** Round trips between two methods through sources whose continuations run on the backend's scheduler. */
    static final int PING_PONG = Stress.scaled(100_000);

    @AfterAll
    static void restoreBackend() {
        Async.useBackend("statemachine");
    }

    /**
     * One async method awaits sources[0..n) in order; a platform thread completes them in order as
     * fast as it can. Each await either finds its source complete or suspends and is resumed by
     * the completer (inline on the completer's thread): every one of those wake-ups must arrive.
     */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void relayFromAPlatformThread(String backend) throws Exception {
        Async.useBackend(backend);
        AtomicReferenceArray<CompletionSource<Integer>> sources = new AtomicReferenceArray<>(RELAY);
        for (int i = 0; i < RELAY; i++) {
            sources.set(i, new CompletionSource<>());
        }
        int[] progress = new int[1];
        Awaitable<Long> consumer = backend.equals("loom")
                ? Async.run(() -> {
                    long sum = 0;
                    for (int i = 0; i < RELAY; i++) {
                        sum += Async.await(sources.get(i).awaitable());
                        progress[0] = i;
                    }
                    return sum;
                })
                : RelayMachine.start(sources, progress);
        Thread completer = Thread.ofPlatform().name("relay-completer").start(() -> {
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            for (int i = 0; i < RELAY; i++) {
                if ((i & 7) == 0) { // now and then let the consumer catch up and suspend
                    long until = System.nanoTime() + random.nextInt(3_000);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                sources.get(i).setResult(i & 1023);
            }
        });
        completer.join(Duration.ofSeconds(60));
        long expected = 0;
        for (int i = 0; i < RELAY; i++) {
            expected += i & 1023;
        }
        try {
            assertThat(consumer.join(Duration.ofSeconds(60))).isEqualTo(expected);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    backend + ": lost wake-up: the consumer stalled after source " + progress[0] + " of " + RELAY);
        }
        Tally.HAND_OFFS.addAndGet(RELAY);
    }

    /** The relay consumer as a hand-written machine: a loop with one await. */
    static final class RelayMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
        final AtomicReferenceArray<CompletionSource<Integer>> sources;
        final int[] progress;
        int i;
        long sum;
        Awaiter<Integer> awaiter;

        RelayMachine(AtomicReferenceArray<CompletionSource<Integer>> sources, int[] progress) {
            this.sources = sources;
            this.progress = progress;
        }

        static Awaitable<Long> start(AtomicReferenceArray<CompletionSource<Integer>> sources, int[] progress) {
            RelayMachine m = new RelayMachine(sources, progress);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                if (awaiter != null) {
                    sum += awaiter.getResult();
                    progress[0] = i;
                    awaiter = null;
                    i++;
                }
                for (; i < sources.length(); i++) {
                    Awaiter<Integer> aw = sources.get(i).awaitable().getAwaiter();
                    if (!aw.isCompleted()) {
                        awaiter = aw;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                    sum += aw.getResult();
                    progress[0] = i;
                }
                builder.setResult(sum);
            } catch (Throwable t) {
                builder.setException(t);
            }
        }
    }

    /**
     * Two async methods play ping-pong through sources created with runContinuationsAsynchronously,
     * so every resumption goes through the backend's scheduler (the statemachine backend's
     * spinning-then-parking worker pool; the loom backend's carriers): a lost wake-up in the
     * scheduler's park/unpark stalls the game.
     */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom"})
    void pingPongThroughTheScheduler(String backend) throws Exception {
        Async.useBackend(backend);
        AtomicReferenceArray<CompletionSource<Integer>> ping = new AtomicReferenceArray<>(PING_PONG);
        AtomicReferenceArray<CompletionSource<Integer>> pong = new AtomicReferenceArray<>(PING_PONG);
        for (int i = 0; i < PING_PONG; i++) {
            ping.set(i, new CompletionSource<>(true));
            pong.set(i, new CompletionSource<>(true));
        }
        int[] progress = new int[2];
        Awaitable<Integer> a;
        Awaitable<Integer> b;
        if (backend.equals("loom")) {
            a = Async.run(() -> {
                for (int i = 0; i < PING_PONG; i++) {
                    ping.get(i).setResult(i);
                    Async.await(pong.get(i).awaitable());
                    progress[0] = i;
                }
                return PING_PONG;
            });
            b = Async.run(() -> {
                for (int i = 0; i < PING_PONG; i++) {
                    pong.get(i).setResult(Async.await(ping.get(i).awaitable()));
                    progress[1] = i;
                }
                return PING_PONG;
            });
        } else {
            a = PingMachine.start(ping, pong, true, progress);
            b = PingMachine.start(ping, pong, false, progress);
        }
        try {
            assertThat(a.join(Duration.ofSeconds(90))).isEqualTo(PING_PONG);
            assertThat(b.join(Duration.ofSeconds(30))).isEqualTo(PING_PONG);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    backend + ": lost wake-up: ping stalled at " + progress[0] + ", pong at " + progress[1]);
        }
        Tally.HAND_OFFS.addAndGet(2L * PING_PONG);
    }

    /** One player: the server sends ping[i] then awaits pong[i]; the other awaits ping[i] and answers pong[i]. */
    static final class PingMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final AtomicReferenceArray<CompletionSource<Integer>> ping;
        final AtomicReferenceArray<CompletionSource<Integer>> pong;
        final boolean server;
        final int[] progress;
        int i;
        int state;
        Awaiter<Integer> awaiter;

        PingMachine(
                AtomicReferenceArray<CompletionSource<Integer>> ping,
                AtomicReferenceArray<CompletionSource<Integer>> pong,
                boolean server,
                int[] progress) {
            this.ping = ping;
            this.pong = pong;
            this.server = server;
            this.progress = progress;
        }

        static Awaitable<Integer> start(
                AtomicReferenceArray<CompletionSource<Integer>> ping,
                AtomicReferenceArray<CompletionSource<Integer>> pong,
                boolean server,
                int[] progress) {
            PingMachine m = new PingMachine(ping, pong, server, progress);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                for (; i < ping.length(); i++) {
                    if (state == 0) {
                        if (server) {
                            ping.get(i).setResult(i);
                        }
                        Awaiter<Integer> aw =
                                (server ? pong : ping).get(i).awaitable().getAwaiter();
                        if (!aw.isCompleted()) {
                            state = 1;
                            awaiter = aw;
                            builder.awaitOnCompleted(aw, this);
                            return;
                        }
                        awaiter = aw;
                    }
                    state = 0;
                    int v = awaiter.getResult();
                    awaiter = null;
                    if (!server) {
                        pong.get(i).setResult(v);
                    }
                    progress[server ? 0 : 1] = i;
                }
                builder.setResult(ping.length());
            } catch (Throwable t) {
                builder.setException(t);
            }
        }
    }
}
