package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.internal.AsyncStats;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The builder protocol: start, await, result, exception; value and pooling builders. */
class BuilderTest {

    /** A machine that awaits {@code input} once and returns its value doubled, with a ValueAsyncMethodBuilder. */
    static final class Doubler implements AsyncStateMachine {
        final ValueAsyncMethodBuilder<Integer> builder = ValueAsyncMethodBuilder.create();
        final Awaitable<Integer> input;
        int state;

        Doubler(Awaitable<Integer> input) {
            this.input = input;
        }

        static ValueAwaitable<Integer> run(Awaitable<Integer> input) {
            Doubler d = new Doubler(input);
            d.builder.start(d);
            return d.builder.valueAwaitable();
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
                builder.setResult(aw.getResult() * 2);
            } catch (Throwable t) {
                builder.setException(t);
            }
        }
    }

    /** A method that completes synchronously returns a value-backed ValueAwaitable; one that suspends, a builder-backed one. */
    @Test
    void valueBuilderSynchronousAndSuspended() {
        ValueAwaitable<Integer> sync = Doubler.run(Awaitable.completed(21));
        assertThat(sync.toString()).contains("value");
        assertThat(sync.getResult()).isEqualTo(42);

        CompletionSource<Integer> s = new CompletionSource<>();
        ValueAwaitable<Integer> later = Doubler.run(s.awaitable());
        assertThat(later.isCompleted()).isFalse();
        assertThat(later.toString()).contains("awaitable");
        s.setResult(5);
        assertThat(later.getResult()).isEqualTo(10);
    }

    /** An exception escaping moveNext faults the method's awaitable; nothing escapes to the caller. */
    @Test
    void exceptionEscapingMoveNextFaults() {
        AsyncMethodBuilder<Integer> b = AsyncMethodBuilder.create();
        IllegalStateException bug = new IllegalStateException("machine bug");
        b.start(() -> {
            throw bug;
        });
        assertThat(b.awaitable().exception()).isSameAs(bug);
    }

    /** A machine that is its own builder, which fails after one await. */
    static final class FailsAfterAwait extends AsyncMethod<Integer> {
        final Awaitable<Integer> input;
        int state;

        FailsAfterAwait(Awaitable<Integer> input) {
            this.input = input;
        }

        @Override
        public void moveNext() {
            try {
                Awaiter<Integer> aw = input.getAwaiter();
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    awaitOnCompleted(aw, this);
                    return;
                }
                aw.getResult();
                throw new IllegalStateException("after await");
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    /**
     * A faulted AsyncMethod describes itself by its class and still resumes its awaiter
     * (describing it once recursed through toString, and the overflow stopped the completion).
     */
    @Test
    void faultedAsyncMethodDescribesItselfAndResumesItsAwaiter() {
        CompletionSource<Integer> s = new CompletionSource<>();
        FailsAfterAwait failing = new FailsAfterAwait(s.awaitable());
        failing.start();
        Awaitable<Integer> doubled = Doubler.run(failing).asAwaitable();
        s.setResult(1);

        assertThat(failing.toString())
                .startsWith("async FailsAfterAwait@")
                .endsWith("[FAULTED: java.lang.IllegalStateException: after await]");
        assertThat(doubled.exception()).hasMessage("after await");
    }

    /** A CancellationException from the body cancels (not faults) the awaitable. */
    @Test
    void cancellationCancels() {
        AsyncMethodBuilder<Integer> b = AsyncMethodBuilder.create();
        b.start(() -> b.setException(new CancellationException("stop")));
        assertThat(b.awaitable().status()).isEqualTo(AwaitableStatus.CANCELLED);
    }

    /** Synchronous completions, suspensions and resumptions are counted for the JFR statistics. */
    @Test
    void statisticsCountWhatHappened() {
        AsyncStats stats = AsyncStats.of(StatemachineBackend.NAME);
        long sync = stats.synchronousCompletions();
        long suspensions = stats.suspensions();
        long resumptions = stats.resumptions();
        Doubler.run(Awaitable.completed(1)).getResult();
        CompletionSource<Integer> s = new CompletionSource<>();
        ValueAwaitable<Integer> v = Doubler.run(s.awaitable());
        s.setResult(1);
        v.getResult();
        assertThat(stats.synchronousCompletions() - sync).isGreaterThanOrEqualTo(1);
        assertThat(stats.suspensions() - suspensions).isGreaterThanOrEqualTo(1);
        assertThat(stats.resumptions() - resumptions).isGreaterThanOrEqualTo(1);
    }

    /** A pooled machine: awaits a source, returns its value + 1. */
    static final class PooledIncrement implements PooledAsyncStateMachine {
        static final MachinePool<PooledIncrement> POOL = MachinePool.create(PooledIncrement::new);
        final PoolingValueAsyncMethodBuilder<Integer> builder = new PoolingValueAsyncMethodBuilder<>(this, POOL);
        int state;
        Awaitable<Integer> input;

        static ValueAwaitable<Integer> run(Awaitable<Integer> input) {
            PooledIncrement m = POOL.rent();
            m.input = input;
            m.builder.start();
            return m.builder.valueAwaitable();
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
                builder.setResult(aw.getResult() + 1);
            } catch (Throwable t) {
                builder.setException(t);
            }
        }

        @Override
        public void reset() {
            state = 0;
            input = null;
        }
    }

    /** A steady-state loop of pooled calls reuses the same machines: the pool stops creating new ones. */
    @Test
    void pooledBuilderReusesMachines() {
        for (int i = 0; i < 1000; i++) {
            CompletionSource<Integer> s = new CompletionSource<>();
            ValueAwaitable<Integer> v = PooledIncrement.run(s.awaitable());
            s.setResult(i);
            assertThat(v.getResult()).isEqualTo(i + 1);
            assertThat(PooledIncrement.run(Awaitable.completed(i)).getResult()).isEqualTo(i + 1);
        }
        long created = PooledIncrement.POOL.created();
        for (int i = 0; i < 1000; i++) {
            CompletionSource<Integer> s = new CompletionSource<>();
            ValueAwaitable<Integer> v = PooledIncrement.run(s.awaitable());
            s.setResult(i);
            v.getResult();
        }
        assertThat(PooledIncrement.POOL.created()).isEqualTo(created);
    }

    /** Pooling misuse is detected: consuming a call twice, or holding its result across reuse, throws. */
    @Test
    void pooledMisuseIsDetected() {
        CompletionSource<Integer> s = new CompletionSource<>();
        ValueAwaitable<Integer> v = PooledIncrement.run(s.awaitable());
        ValueAwaitable<Integer> again = v; // the same call, awaited twice
        s.setResult(1);
        assertThat(v.getResult()).isEqualTo(2);
        assertThatThrownBy(again::getResult).isInstanceOf(IllegalStateException.class);

        // A stale copy (another ValueAwaitable over the same call) after the machine was reused:
        CompletionSource<Integer> first = new CompletionSource<>();
        PooledIncrement m = PooledIncrement.POOL.rent();
        m.input = first.awaitable();
        m.builder.start();
        ValueAwaitable<Integer> call = m.builder.valueAwaitable();
        first.setResult(10);
        Awaitable<Integer> kept = call.asAwaitable(); // consumes the call once, legitimately
        assertThat(kept.join()).isEqualTo(11);
        assertThatThrownBy(() -> m.builder.getResult(m.builder.hashCode() == 0 ? 1 : -1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stale token");
    }

    /** getResult before a pooled call completes throws and does not return the machine to the pool. */
    @Test
    void pooledGetResultBeforeCompletionThrows() {
        CompletionSource<Integer> s = new CompletionSource<>();
        ValueAwaitable<Integer> v = PooledIncrement.run(s.awaitable());
        assertThatThrownBy(v::getResult).isInstanceOf(IllegalStateException.class);
        s.setResult(1);
        assertThat(ValueAwaitable.from(v.asAwaitable()).getResult()).isEqualTo(2);
    }
}
