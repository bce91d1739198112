package dev.awaitable.reliability.race;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.reliability.Stress;
import dev.awaitable.statemachine.MachinePool;
import dev.awaitable.statemachine.PooledAsyncStateMachine;
import dev.awaitable.statemachine.PoolingValueAsyncMethodBuilder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reusable sources under races: {@link ManualResetSourceCore} (one awaiter per operation, reset
 * between operations) and {@link PoolingValueAsyncMethodBuilder} (a pooled machine whose call
 * token goes stale when its result is consumed). The rule under test: a consumer, stale or not,
 * never sees another operation's value.
 */
class PooledSourceRaceTest {

    static final int ITERATIONS = Stress.scaled(10_000);

    static final class Core {
        final ManualResetSourceCore<Integer> core = new ManualResetSourceCore<>();
        final AtomicInteger runs = new AtomicInteger();
        final int token;
        volatile String completer;
        volatile String ranOn;

        Core() {
            core.reset();
            token = core.version();
        }
    }

    /** An operation's one continuation registered while another thread completes it: it runs exactly once. */
    @Test
    void sourceCoreContinuationRunsExactlyOnce() {
        Race.of("ManualResetSourceCore: setResult vs onCompleted", Core::new)
                .actor(s -> {
                    s.completer = Thread.currentThread().getName();
                    s.core.setResult(5);
                })
                .actor(s -> s.core.onCompleted(
                        () -> {
                            s.runs.incrementAndGet();
                            s.ranOn = Thread.currentThread().getName();
                        },
                        s.token,
                        false))
                .arbiter(s -> s.runs.get() != 1
                        ? "ran " + s.runs.get() + " times"
                        : s.ranOn.equals(s.completer) ? "ran once, by the completer" : "ran once, by the registrar")
                .acceptable("ran once, by the completer", "registered first; the completer found it and ran it")
                .acceptable(
                        "ran once, by the registrar",
                        "completed first (the sentinel was in place); the registrar ran it")
                .forbidden("ran 0 times", "the continuation was lost")
                .forbidden("ran 2 times", "both sides ran it")
                .run(ITERATIONS);
    }

    static final class Stale {
        final ManualResetSourceCore<Integer> core = new ManualResetSourceCore<>();
        final int staleToken;
        volatile String owner;
        volatile String stale;

        Stale() {
            core.reset();
            staleToken = core.version();
            core.setResult(1); // operation 1 is complete, its token about to go stale
        }
    }

    /**
     * The owner consumes operation 1, resets and completes operation 2 with a different value,
     * while a stale consumer still holding operation 1's token reads with it. The stale read must
     * fail (IllegalStateException) or, if it wins the race outright, see operation 1's own
     * value; it must never see operation 2's value, nor the null the reset leaves in between.
     *
     * <p>Regression: {@code getResult(token)} used to check the token once and then read
     * {@code completed}, {@code error} and {@code result}; a {@code reset()} plus
     * {@code setResult} between the check and the reads handed the stale consumer the next
     * operation's value (11 times in 20,000) or null (15 times). Fixed by a seqlock-style
     * recheck of the version after reading, with reset() publishing its version first.
     */
    @Test
    void staleConsumerNeverSeesTheNextOperationsValue() {
        staleRace().run(ITERATIONS);
    }

    static Race<Stale> staleRace() {
        return Race.of("ManualResetSourceCore: stale getResult vs reset + next operation", Stale::new)
                .actor(s -> {
                    Integer first = s.core.getResult(s.staleToken);
                    s.core.reset();
                    s.core.setResult(2);
                    s.owner = "owner read " + first;
                })
                .actor(s -> {
                    try {
                        s.stale = "stale read " + s.core.getResult(s.staleToken);
                    } catch (IllegalStateException e) {
                        s.stale = e.getMessage().startsWith("stale token")
                                ? "stale token rejected"
                                : "rejected: " + e.getMessage().replaceAll("[0-9]+", "N");
                    }
                })
                .arbiter(s -> s.owner + ", " + s.stale)
                .acceptable("owner read 1, stale token rejected", "the reset came first: the token check failed")
                .acceptable(
                        "owner read 1, rejected: getResult() before operation N completed",
                        "the token check passed, then the reset cleared the operation: rejected as not complete")
                .interesting(
                        "owner read 1, stale read 1",
                        "the stale read finished before the reset: a double read the source does not promise to catch")
                .forbidden("owner read 1, stale read 2", "the stale consumer saw the NEXT operation's value")
                .forbidden(
                        "owner read 1, stale read null",
                        "the stale consumer saw the null the reset leaves between operations");
    }

    static final class Reuse {
        final ManualResetSourceCore<Integer> core = new ManualResetSourceCore<>();
        final int first;
        final AtomicInteger secondRuns = new AtomicInteger();
        volatile int second;
        volatile String firstRead;
        volatile String secondSeenAtRun;

        Reuse() {
            core.reset();
            first = core.version();
        }
    }

    /**
     * Contract: once an operation's completion is visible, its completer no longer touches the
     * core, so the awaiter may at once take the result, {@code reset()} and register on the next
     * operation (what {@code GeneratorIterator.moveNext} does while the producer may still be
     * inside {@code setResult}). The next operation's continuation then runs once, after that
     * operation completes, and reads its value.
     *
     * <p>Regression: completion set {@code completed = true} and only then read, CASed and
     * re-read the continuation slot. An awaiter that polled in between took the result, reset
     * and registered on operation 2, and the stale completer either ran operation 2's
     * continuation while it was pending, or CASed its completed sentinel into operation 2, so the
     * registration ran the continuation at once and operation 2's own {@code setResult} threw
     * {@code ClassCastException}. In the stream-early-exit scenario this surfaced as
     * "getResult() before completion". Fixed by making completion one swap of the continuation
     * slot, which both publishes "done" and takes the continuation.
     */
    @Test
    void completerLeavesTheCoreOnceItsCompletionIsVisible() {
        reuseRace().run(Stress.scaled(50_000));
    }

    static Race<Reuse> reuseRace() {
        return Race.of("ManualResetSourceCore: completion vs poll, reset and register the next operation", Reuse::new)
                .actor(s -> s.core.setResult(1))
                .actor(s -> {
                    while (s.core.status(s.first) == AwaitableStatus.PENDING) {
                        Thread.onSpinWait();
                    }
                    s.firstRead = String.valueOf(s.core.getResult(s.first));
                    s.core.reset();
                    s.second = s.core.version();
                    s.core.onCompleted(
                            () -> {
                                s.secondSeenAtRun = String.valueOf(s.core.status(s.second));
                                s.secondRuns.incrementAndGet();
                            },
                            s.second,
                            false);
                })
                .arbiter(s -> {
                    int early = s.secondRuns.get();
                    String completion;
                    try {
                        s.core.setResult(2);
                        completion = "completed";
                    } catch (RuntimeException e) {
                        completion = "setResult(2) threw " + e.getClass().getSimpleName();
                    }
                    return "read " + s.firstRead + ", " + (early == 0 ? "" : "ran early, ") + completion + ", ran "
                            + s.secondRuns.get() + " (saw " + s.secondSeenAtRun + ")";
                })
                .acceptable(
                        "read 1, completed, ran 1 (saw SUCCEEDED)",
                        "operation 2's continuation waited for operation 2 and ran once, by its completer")
                .forbidden(
                        "read 1, ran early, completed, ran 2 (saw SUCCEEDED)",
                        "operation 1's completer ran operation 2's continuation while it was pending, and op 2's completion ran it again")
                .forbidden(
                        "read 1, ran early, setResult(2) threw ClassCastException, ran 1 (saw PENDING)",
                        "operation 1's completer put its sentinel into operation 2: the registration ran at once, the completion broke");
    }

    /** A pooled method: awaits its input and returns it plus {@code add}. */
    static final class EchoMachine implements PooledAsyncStateMachine {
        final PoolingValueAsyncMethodBuilder<Integer> builder;
        int state;
        Awaitable<Integer> input;
        int add;

        EchoMachine(MachinePool<EchoMachine> pool) {
            this.builder = new PoolingValueAsyncMethodBuilder<>(this, pool);
        }

        static EchoMachine call(MachinePool<EchoMachine> pool, Awaitable<Integer> input, int add) {
            EchoMachine m = pool.rent();
            m.input = input;
            m.add = add;
            m.builder.start();
            return m;
        }

        @Override
        public void moveNext() {
            try {
                Awaiter<Integer> aw = input.getAwaiter();
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    builder.awaitOnCompleted(aw, this);
                    return;
                }
                state = -1;
                builder.setResult(aw.getResult() + add);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }

        @Override
        public void reset() {
            state = 0;
            input = null;
            add = 0;
        }
    }

    static final MachinePool<EchoMachine>[] SHARED = sharedPool();

    @SuppressWarnings("unchecked")
    private static MachinePool<EchoMachine>[] sharedPool() {
        MachinePool<EchoMachine>[] holder = (MachinePool<EchoMachine>[]) new MachinePool<?>[1];
        holder[0] = MachinePool.create(() -> new EchoMachine(holder[0]));
        return holder;
    }

    static final class PooledCall {
        static final AtomicInteger IDS = new AtomicInteger();
        final int id = IDS.incrementAndGet() & 0xFFFF;
        final CompletionSource<Integer> input = new CompletionSource<>();
        final ValueAwaitable<Integer> call =
                EchoMachine.call(SHARED[0], input.awaitable(), id << 16).builder.valueAwaitable();
        final AtomicInteger runs = new AtomicInteger();
        volatile Integer got;
    }

    /**
     * A pooled call suspended on its input; the input completes on one thread while the consumer
     * registers on the call's ValueAwaitable on another, and reads the result in the continuation
     * (which recycles the machine into a pool shared by every iteration, so machines move between
     * threads). Each consumer gets its own call's value, exactly once.
     */
    @Test
    void pooledCallResultGoesToItsOwnConsumer() {
        long createdBefore = SHARED[0].created();
        Race.of("PoolingValueAsyncMethodBuilder: input completion vs consumer registration", PooledCall::new)
                .actor(s -> s.input.trySetResult(s.id))
                .actor(s -> s.call.unsafeOnCompleted(() -> {
                    s.runs.incrementAndGet();
                    s.got = s.call.getResult();
                }))
                .arbiter(s -> s.runs.get() != 1
                        ? "continuation ran " + s.runs.get() + " times"
                        : s.got == (s.id << 16) + s.id ? "own value, once" : "another call's value " + s.got)
                .acceptable("own value, once", "the consumer read its own call's value and recycled the machine")
                .run(ITERATIONS);
        long created = SHARED[0].created() - createdBefore;
        if (created > 64) {
            throw new AssertionError("the pool made " + created + " machines for " + ITERATIONS
                    + " sequential calls: recycled machines are not being reused");
        }
    }

    static final class StaleCall {
        final MachinePool<EchoMachine>[] pool = sharedPoolOfOne();
        final CompletionSource<Integer> first = new CompletionSource<>();
        final EchoMachine machine = EchoMachine.call(pool[0], first.awaitable(), 0);
        final ValueAwaitable<Integer> owner = machine.builder.valueAwaitable();
        /** A second handle on the same call and token: what a consumer that kept it too late holds. */
        final ValueAwaitable<Integer> stale = machine.builder.valueAwaitable();

        volatile String ownerSaw;
        volatile String staleSaw;

        StaleCall() {
            first.setResult(1);
        }

        @SuppressWarnings("unchecked")
        private static MachinePool<EchoMachine>[] sharedPoolOfOne() {
            MachinePool<EchoMachine>[] holder = (MachinePool<EchoMachine>[]) new MachinePool<?>[1];
            holder[0] = MachinePool.create(() -> new EchoMachine(holder[0]));
            return holder;
        }
    }

    /**
     * The owner consumes a pooled call (value 1), which recycles the machine, and at once makes the
     * next call on the same pool, which rents the same machine and completes with 2; meanwhile a
     * stale handle on the first call reads with the first call's token. The stale read must be
     * rejected, or at worst (winning outright) see 1; it must never see 2.
     *
     * <p>Regression: it found the ManualResetSourceCore race (see
     * {@link #staleConsumerNeverSeesTheNextOperationsValue}) through the builder, and a second
     * one: {@code PoolingValueAsyncMethodBuilder.getResult} checked the token and recycled after
     * reading, so two consumers passing the check together both recycled, releasing the machine
     * into its pool twice (the owner's next call then saw its fields reset under it). Fixed by
     * claiming the operation atomically ({@code ManualResetSourceCore.tryClaim}) before reading.
     */
    @Test
    void stalePooledHandleNeverSeesTheNextCallsValue() {
        staleCallRace().run(ITERATIONS);
    }

    static Race<StaleCall> staleCallRace() {
        return Race.of("PoolingValueAsyncMethodBuilder: stale handle vs consume + next call", StaleCall::new)
                .actor(s -> {
                    String first = read(s.owner);
                    CompletionSource<Integer> second = new CompletionSource<>();
                    String next;
                    try {
                        EchoMachine m = EchoMachine.call(s.pool[0], second.awaitable(), 0);
                        ValueAwaitable<Integer> nextCall = m.builder.valueAwaitable();
                        second.setResult(2);
                        next = read(nextCall);
                    } catch (RuntimeException e) {
                        next = "threw " + e.getClass().getSimpleName();
                    }
                    s.ownerSaw = "owner " + first + ", next call " + next;
                })
                .actor(s -> s.staleSaw = "stale " + read(s.stale))
                .arbiter(s -> s.ownerSaw + ", " + s.staleSaw)
                .acceptable(
                        "owner 1, next call 2, stale rejected",
                        "the owner consumed first; the token went stale and the stale read failed loudly")
                .acceptable(
                        "owner rejected, next call 2, stale 1",
                        "the stale handle consumed first and got call 1; the owner was told loudly")
                .interesting(
                        "owner 1, next call 2, stale 1",
                        "both passed the token check: a double consume the builder does not promise to catch, each"
                                + " read call 1's own value (and the machine was released twice)")
                .forbidden("owner 1, next call 2, stale 2", "the stale handle read the NEXT call's value")
                .forbidden("owner 1, next call 2, stale null", "the stale handle read the null between calls")
                .forbidden(
                        "owner null, next call 2, stale 1",
                        "the stale handle's recycle reset the result under the owner's read: the owner read null")
                .forbidden(
                        "owner 1, next call null, stale 1",
                        "the double recycle reset the machine under the next call, which returned null")
                .forbidden(
                        "owner 1, next call threw NullPointerException, stale 1",
                        "the double recycle reset the machine (input = null) while the next call ran on it")
                .forbidden(
                        "owner 1, next call threw NullPointerException, stale null",
                        "both: the stale read saw null, and the next call ran on a machine reset under it")
                .forbidden(
                        "owner 1, next call rejected, stale rejected",
                        "the next call's own token went stale: a late recycle of call 1 bumped the version under it");
    }

    /** The value, or "rejected" for the IllegalStateException of a stale or premature read. */
    static String read(ValueAwaitable<Integer> v) {
        try {
            return String.valueOf(v.getResult());
        } catch (IllegalStateException e) {
            return "rejected";
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getSimpleName();
        }
    }
}
