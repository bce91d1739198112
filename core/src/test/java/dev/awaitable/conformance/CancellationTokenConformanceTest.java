package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.awaitable.AggregateException;
import dev.awaitable.CancellationRegistration;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.testkit.Contract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code CancellationTokenTests} (System.Threading.Tasks/tests/CancellationTokenTests.cs)
 * against {@link CancellationTokenSource}, {@link CancellationToken} and
 * {@link CancellationRegistration}. {@code Dispose} is {@code close()}, {@code new
 * CancellationToken(true)} is {@link CancellationToken#cancelled()}, {@code default} is
 * {@link CancellationToken#NONE}, {@code ObjectDisposedException} has no counterpart (closing a
 * source releases its timer and links, nothing more).
 */
class CancellationTokenConformanceTest extends Contract {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("latch released")
                .isTrue();
    }

    // .NET: CancellationTokenTests.CancellationTokenRegister_Exceptions
    @Test
    void registerExceptions() {
        assertThatThrownBy(() -> CancellationToken.NONE.register(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CancellationTokenSource().token().register(null))
                .isInstanceOf(NullPointerException.class);
    }

    // .NET: CancellationTokenTests.CancellationTokenEquality
    @Test
    void tokenEquality() {
        assertThat(CancellationToken.NONE.equals(java.util.Objects.requireNonNull(CancellationToken.NONE)))
                .isTrue();
        assertThat(CancellationToken.cancelled()).isEqualTo(CancellationToken.cancelled());
        assertThat(CancellationToken.NONE).isNotEqualTo(CancellationToken.cancelled());
        assertThat(CancellationToken.cancelled()).isNotEqualTo(CancellationToken.NONE);
    }

    // .NET: CancellationTokenTests.CancellationToken_GetHashCode
    @Test
    void tokenHashCode() {
        CancellationTokenSource cts = new CancellationTokenSource();
        CancellationToken ct = cts.token();
        // .NET also equates the source's hash with its token's: an implementation detail, not ported
        assertThat(cts.token().hashCode()).isEqualTo(ct.hashCode());
        assertThat(CancellationToken.NONE.hashCode()).isEqualTo(CancellationToken.NONE.hashCode());
        assertThat(CancellationToken.cancelled().hashCode())
                .isEqualTo(CancellationToken.cancelled().hashCode());
        assertThat(ct.hashCode()).isNotEqualTo(CancellationToken.NONE.hashCode());
        assertThat(CancellationToken.NONE.hashCode())
                .isNotEqualTo(CancellationToken.cancelled().hashCode());
    }

    // .NET: CancellationTokenTests.CancellationToken_EqualityAndDispose
    // Not ported: no Java counterpart: no ObjectDisposedException; a closed source's token stays usable

    // .NET: CancellationTokenTests.TokenSourceDispose
    @Test
    void tokenSourceDispose() {
        CancellationTokenSource source = new CancellationTokenSource();
        CancellationRegistration preClose = source.token().register(() -> {});
        source.close();
        assertThatCode(preClose::close).doesNotThrowAnyException();
        assertThat(source.isCancellationRequested()).isFalse();
        assertThatCode(source::close).doesNotThrowAnyException();
    }

    // .NET: CancellationTokenTests.TokenSourceDispose_Negative
    @Test
    void tokenSourceDisposeNegative() {
        // the WaitHandle and Token-after-dispose checks have no counterpart; the "shouldn't throw" half does
        CancellationTokenSource source = new CancellationTokenSource();
        CancellationToken token = source.token();
        CancellationRegistration preClose = token.register(() -> {});
        source.close();
        assertThatCode(() -> token.register(() -> {})).doesNotThrowAnyException();
        assertThatCode(preClose::close).doesNotThrowAnyException();
        assertThatCode(() -> CancellationTokenSource.createLinked(token, token)).doesNotThrowAnyException();
    }

    // .NET: CancellationTokenTests.CancellationTokenPassiveListening
    @Test
    void passiveListening() {
        CancellationTokenSource source = new CancellationTokenSource();
        CancellationToken token = source.token();
        assertThat(token.isCancellationRequested()).isFalse();
        source.cancel();
        assertThat(token.isCancellationRequested()).isTrue();
    }

    // .NET: CancellationTokenTests.CancellationTokenActiveListening
    @Test
    void activeListening() {
        CancellationTokenSource source = new CancellationTokenSource();
        AtomicBoolean signalled = new AtomicBoolean();
        source.token().register(() -> signalled.set(true));
        assertThat(signalled).isFalse();
        source.cancel();
        assertThat(signalled).isTrue();
    }

    // .NET: CancellationTokenTests.AddAndRemoveDelegates
    @Test
    void addAndRemoveDelegates() {
        CancellationTokenSource source = new CancellationTokenSource();
        CancellationToken token = source.token();
        List<String> output = new ArrayList<>();
        Runnable action1 = () -> output.add("action1");
        Runnable action2 = () -> output.add("action2");
        token.register(action1);
        CancellationRegistration reg2 = token.register(action2);
        CancellationRegistration reg3 = token.register(action2);
        CancellationRegistration reg4 = token.register(action1);
        reg2.close();
        reg3.close();
        reg4.close();
        source.cancel();
        assertThat(output).containsExactly("action1");
    }

    // .NET: CancellationTokenTests.CancellationTokenLateEnlistment
    @Test
    void lateEnlistment() {
        CancellationTokenSource source = new CancellationTokenSource();
        source.cancel();
        AtomicBoolean signalled = new AtomicBoolean();
        source.token().register(() -> signalled.set(true));
        assertThat(signalled).isTrue();
    }

    // .NET: CancellationTokenTests.CancellationTokenWaitHandle_SignalAfterWait
    // Not ported: no Java counterpart: CancellationToken has no WaitHandle

    // .NET: CancellationTokenTests.CancellationTokenWaitHandle_SignalBeforeWait
    // Not ported: no Java counterpart: CancellationToken has no WaitHandle

    // .NET: CancellationTokenTests.CancellationTokenWaitHandle_WaitAny
    // Not ported: no Java counterpart: CancellationToken has no WaitHandle

    // .NET: CancellationTokenTests.WaitAll
    // Not ported: no Java counterpart: CancellationToken has no WaitHandle

    // .NET: CancellationTokenTests.CreateLinkedTokenSource_OneToken
    @Test
    void createLinkedOneToken() {
        CancellationTokenSource original = new CancellationTokenSource();
        try (CancellationTokenSource linked = CancellationTokenSource.createLinked(original.token())) {
            assertThat(linked.token().isCancellationRequested()).isFalse();
            original.cancel();
            assertThat(linked.token().isCancellationRequested()).isTrue();
        }
        CancellationTokenSource original2 = new CancellationTokenSource();
        try (CancellationTokenSource linked = CancellationTokenSource.createLinked(original2.token())) {
            linked.cancel();
            assertThat(linked.token().isCancellationRequested()).isTrue();
            assertThat(original2.isCancellationRequested()).isFalse();
        }
        CancellationTokenSource original3 = new CancellationTokenSource();
        try (CancellationTokenSource linked = CancellationTokenSource.createLinked(original3.token())) {
            original3.close();
            assertThat(linked.token().isCancellationRequested()).isFalse();
        }
    }

    // .NET: CancellationTokenTests.CreateLinkedTokenSource_Simple_TwoToken
    @Test
    void createLinkedTwoTokens() {
        CancellationTokenSource s1 = new CancellationTokenSource();
        CancellationTokenSource s2 = new CancellationTokenSource();
        CancellationTokenSource combined = CancellationTokenSource.createLinked(s1.token(), s2.token());
        assertThat(combined.isCancellationRequested()).isFalse();
        s1.cancel();
        assertThat(combined.isCancellationRequested()).isTrue();
    }

    // .NET: CancellationTokenTests.CreateLinkedTokenSource_Simple_MultiToken
    @Test
    void createLinkedMultiToken() {
        CancellationTokenSource s1 = new CancellationTokenSource();
        CancellationTokenSource s2 = new CancellationTokenSource();
        CancellationTokenSource s3 = new CancellationTokenSource();
        CancellationTokenSource combined =
                CancellationTokenSource.createLinked(new CancellationToken[] {s1.token(), s2.token(), s3.token()});
        assertThat(combined.isCancellationRequested()).isFalse();
        s1.cancel();
        assertThat(combined.isCancellationRequested()).isTrue();
    }

    // .NET: CancellationTokenTests.CreateLinkedToken_SourceTokenAlreadySignalled_OneToken
    @Test
    void createLinkedSourceAlreadySignalledOneToken() {
        CancellationTokenSource signal = new CancellationTokenSource();
        signal.cancel();
        assertThat(CancellationTokenSource.createLinked(signal.token()).isCancellationRequested())
                .isTrue();
    }

    // .NET: CancellationTokenTests.CreateLinkedToken_SourceTokenAlreadySignalled_TwoTokens
    @Test
    void createLinkedSourceAlreadySignalledTwoTokens() {
        CancellationTokenSource s1 = new CancellationTokenSource();
        CancellationTokenSource s2 = new CancellationTokenSource();
        s1.cancel();
        assertThat(CancellationTokenSource.createLinked(s1.token(), s2.token()).isCancellationRequested())
                .isTrue();
    }

    // .NET: CancellationTokenTests.CreateLinkedToken_MultistepComposition_SourceTokenAlreadySignalled
    @Test
    void createLinkedMultistepComposition() {
        CancellationTokenSource s1 = new CancellationTokenSource();
        s1.cancel();
        CancellationTokenSource s2 = new CancellationTokenSource();
        CancellationTokenSource combined1 = CancellationTokenSource.createLinked(s1.token(), s2.token());
        CancellationTokenSource s3 = new CancellationTokenSource();
        CancellationTokenSource combined2 = CancellationTokenSource.createLinked(s3.token(), combined1.token());
        assertThat(combined2.isCancellationRequested()).isTrue();
    }

    // .NET: CancellationTokenTests.CallbacksOrderIsLifo
    @Test
    void callbacksOrderIsLifo() {
        CancellationTokenSource source = new CancellationTokenSource();
        List<String> output = new ArrayList<>();
        source.token().register(() -> output.add("Callback1"));
        source.token().register(() -> output.add("Callback2"));
        source.cancel();
        assertThat(output).containsExactly("Callback2", "Callback1");
    }

    // .NET: CancellationTokenTests.Enlist_EarlyAndLate
    @Test
    void enlistEarlyAndLate() {
        CancellationTokenSource source = new CancellationTokenSource();
        CancellationTokenSource early = new CancellationTokenSource();
        source.token().register(early::cancel);
        source.cancel();
        assertThat(early.isCancellationRequested()).isTrue();
        CancellationTokenSource late = new CancellationTokenSource();
        source.token().register(late::cancel);
        assertThat(late.isCancellationRequested()).isTrue();
    }

    // .NET: CancellationTokenTests.BehaviourAfterCancelSignalled
    @Test
    void behaviourAfterCancelSignalled() {
        CancellationTokenSource source = new CancellationTokenSource();
        source.token().register(() -> {});
        assertThatCode(source::cancel).doesNotThrowAnyException();
    }

    // .NET: CancellationTokenTests.Cancel_ThrowOnFirstException
    // Not ported: no Java counterpart: no cancel(throwOnFirstException); cancel() always runs every callback

    // .NET: CancellationTokenTests.Cancel_DontThrowOnFirstException
    @Test
    void cancelDoesNotThrowOnFirstException() throws Exception {
        CancellationTokenSource source = new CancellationTokenSource();
        source.token().register(() -> {
            throw new IllegalArgumentException();
        });
        source.token().register(() -> {
            throw new IllegalStateException();
        });
        Future<Throwable> caught = pool.submit(() -> catchThrowable(source::cancel));
        Throwable t = caught.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(AggregateException.class);
        List<Throwable> inner = ((AggregateException) t).exceptions();
        assertThat(inner).hasSize(2);
        assertThat(inner.get(0)).as("LIFO: the last registered threw first").isInstanceOf(IllegalStateException.class);
        assertThat(inner.get(1)).isInstanceOf(IllegalArgumentException.class);
    }

    // .NET: CancellationTokenTests.CancellationRegistration_RepeatDispose
    @Test
    void registrationRepeatDispose() {
        CancellationRegistration registration =
                new CancellationTokenSource().token().register(() -> {});
        assertThatCode(() -> {
                    registration.close();
                    registration.close();
                })
                .doesNotThrowAnyException();
    }

    // .NET: CancellationTokenTests.CancellationTokenRegistration_EqualityAndHashCode
    @Test
    void registrationEqualityAndHashCode() {
        CancellationTokenSource outer = new CancellationTokenSource();
        // registrations on tokens that can never be cancelled are the same dummy
        CancellationRegistration d1 = CancellationToken.NONE.register(outer::cancel);
        CancellationRegistration d2 = CancellationToken.NONE.register(outer::cancel);
        assertThat(d1).isEqualTo(d2).hasSameHashCodeAs(d2);
        // registrations on an already cancelled token are dummies too
        CancellationTokenSource cancelled = new CancellationTokenSource();
        cancelled.cancel();
        CancellationRegistration c1 = cancelled.token().register(() -> {});
        CancellationRegistration c2 = cancelled.token().register(() -> {});
        assertThat(c1).isEqualTo(c2).hasSameHashCodeAs(c2);
        // real registrations, on one token or on two, are each their own
        CancellationTokenSource cts1 = new CancellationTokenSource();
        CancellationTokenSource cts2 = new CancellationTokenSource();
        CancellationRegistration r1 = cts1.token().register(outer::cancel);
        CancellationRegistration r2 = cts1.token().register(outer::cancel);
        CancellationRegistration r3 = cts2.token().register(outer::cancel);
        assertThat(r1).isNotEqualTo(r2).isNotEqualTo(r3).isEqualTo(r1);
        assertThat(r1.hashCode()).isNotEqualTo(r2.hashCode());
    }

    // .NET: CancellationTokenTests.CancellationTokenLinking_ODEinTarget
    @Test
    void linkingCallbackExceptionInTarget() {
        CancellationTokenSource cts1 = new CancellationTokenSource();
        CancellationTokenSource cts2 = CancellationTokenSource.createLinked(cts1.token(), CancellationToken.NONE);
        cts2.token().register(() -> {
            throw new IllegalStateException("myException");
        });
        Throwable caught = catchThrowable(cts1::cancel);
        assertThat(caught)
                .as("the parent's cancel() reports its linked source's callback")
                .isInstanceOf(AggregateException.class);
        assertThat(caught).hasRootCauseMessage("myException");
    }

    // .NET: CancellationTokenTests.ThrowIfCancellationRequested
    @Test
    void throwIfCancellationRequested() {
        CancellationTokenSource cts = new CancellationTokenSource();
        CancellationToken ct = cts.token();
        assertThatCode(ct::throwIfCancellationRequested).doesNotThrowAnyException();
        cts.cancel();
        Throwable t = catchThrowable(ct::throwIfCancellationRequested);
        assertThat(t).isInstanceOf(OperationCanceledException.class);
        assertThat(((OperationCanceledException) t).token()).isEqualTo(ct);
    }

    // .NET: CancellationTokenTests.DeregisterFromWithinACallbackIsSafe_BasicTest
    @Test
    void deregisterFromWithinACallbackIsSafe() throws Exception {
        CancellationTokenSource cts = new CancellationTokenSource();
        CancellationRegistration ctr1 = cts.token().register(() -> {});
        cts.token().register(ctr1::close);
        pool.submit(cts::cancel).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // .NET: CancellationTokenTests.ODEWhenDisposingLinkedCTS
    @Test
    void closingLinkedSourceAfterItsParentClosed() {
        CancellationTokenSource user = new CancellationTokenSource();
        CancellationTokenSource cts2 = new CancellationTokenSource();
        CancellationTokenSource linked = CancellationTokenSource.createLinked(cts2.token(), user.token());
        user.cancel();
        user.close();
        assertThatCode(linked::close).doesNotThrowAnyException();
    }

    // .NET: CancellationTokenTests.DerivedCancellationTokenSource
    // Not ported: no Java counterpart: CancellationTokenSource is final (no Dispose(bool), no finalizer)

    // .NET: CancellationTokenTests.DerivedCancellationTokenSource_Negative
    // Not ported: no Java counterpart: CancellationTokenSource is final (no Dispose(bool), no finalizer)

    // .NET: CancellationTokenTests.CancellationTokenSourceWithTimer
    @Test
    void sourceWithTimer() throws InterruptedException {
        CancellationTokenSource cts = new CancellationTokenSource();
        CountDownLatch fired = new CountDownLatch(1);
        cts.token().register(fired::countDown);
        cts.cancelAfter(Duration.ofSeconds(1000));
        assertThat(cts.isCancellationRequested()).isFalse();
        cts.cancelAfter(Duration.ofMillis(1));
        await(fired);
        cts.close();

        CancellationTokenSource timed = new CancellationTokenSource(Duration.ofHours(1));
        CountDownLatch fired2 = new CountDownLatch(1);
        timed.token().register(fired2::countDown);
        assertThat(timed.isCancellationRequested()).isFalse();
        timed.cancelAfter(Duration.ofHours(1));
        assertThat(timed.isCancellationRequested()).isFalse();
        timed.cancelAfter(Duration.ofNanos(100_000));
        await(fired2);
        timed.close();
    }

    // .NET: CancellationTokenTests.CancellationTokenSourceWithTimer_Negative
    @Test
    void sourceWithTimerNegative() throws InterruptedException {
        assertThatThrownBy(() -> new CancellationTokenSource(Duration.ofMillis(-2)))
                .isInstanceOf(IllegalArgumentException.class);
        // .NET's upper bound (uint.MaxValue ms) has no counterpart: any non-negative Duration is accepted
        CancellationTokenSource cts = new CancellationTokenSource();
        assertThatThrownBy(() -> cts.cancelAfter(Duration.ofMillis(-2))).isInstanceOf(IllegalArgumentException.class);
        cts.cancelAfter(Duration.ofMillis(4_294_967_294L));
        assertThat(cts.isCancellationRequested()).isFalse();
        cts.close();
        cts.close();
        // ObjectDisposedException's counterpart: cancelAfter on a closed source throws, and schedules nothing
        List<CancellationTokenSource> closed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CancellationTokenSource c = new CancellationTokenSource();
            c.close();
            assertThatThrownBy(() -> c.cancelAfter(Duration.ofNanos(1))).isInstanceOf(IllegalStateException.class);
            closed.add(c);
        }
        Thread.sleep(20);
        assertThat(closed).noneMatch(CancellationTokenSource::isCancellationRequested);
    }

    // .NET: CancellationTokenTests.CancellationTokenSource_TryReset_ReturnsFalseIfAlreadyCanceled
    // Not ported: no Java counterpart: CancellationTokenSource has no tryReset()

    // .NET: CancellationTokenTests.CancellationTokenSource_TryReset_ReturnsTrueIfNotCanceledAndNoTimer
    // Not ported: no Java counterpart: CancellationTokenSource has no tryReset()

    // .NET: CancellationTokenTests.CancellationTokenSource_TryReset_ReturnsTrueIfNotCanceledAndTimerHasntFired
    // Not ported: no Java counterpart: CancellationTokenSource has no tryReset()

    // .NET: CancellationTokenTests.CancellationTokenSource_TryReset_UnregistersAll
    // Not ported: no Java counterpart: CancellationTokenSource has no tryReset()

    // .NET: CancellationTokenTests.EnlistWithSyncContext_BeforeCancel
    // Not ported: no Java counterpart: register() has no useSynchronizationContext flag; callbacks run on the
    // cancelling thread

    // .NET: CancellationTokenTests.EnlistWithSyncContext_BeforeCancel_ThrowingExceptionInSyncContextDelegate
    // Not ported: no Java counterpart: register() has no useSynchronizationContext flag

    // .NET:
    // CancellationTokenTests.EnlistWithSyncContext_BeforeCancel_ThrowingExceptionInSyncContextDelegate_ThrowOnFirst
    // Not ported: no Java counterpart: register() has no useSynchronizationContext flag, cancel() no throwOnFirst

    // .NET: CancellationTokenTests.SyncContextWithExceptionThrowingCallback
    // Not ported: no Java counterpart: register() has no useSynchronizationContext flag

    // .NET: CancellationTokenTests.Bug720327_DeregisterFromWithinACallbackIsSafe_SyncContextTest
    // Not ported: no Java counterpart: register() has no useSynchronizationContext flag

    /** ctr2 runs and blocks; meanwhile ctr1 is removed; ctr1 never runs, ctr0 does. */
    private void removedDuringCancellation(boolean close) throws Exception {
        CountDownLatch ctr0running = new CountDownLatch(1);
        CountDownLatch ctr2blocked = new CountDownLatch(1);
        CountDownLatch ctr2running = new CountDownLatch(1);
        CancellationTokenSource cts = new CancellationTokenSource();
        CancellationRegistration ctr0 = cts.token().register(ctr0running::countDown);
        AtomicBoolean ctr1Invoked = new AtomicBoolean();
        CancellationRegistration ctr1 = cts.token().register(() -> ctr1Invoked.set(true));
        CancellationRegistration ctr2 = cts.token().register(() -> {
            ctr2running.countDown();
            try {
                ctr2blocked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Future<?> cancelling = pool.submit(cts::cancel);
        await(ctr2running);
        if (close) {
            ctr1.close();
        } else {
            assertThat(ctr2.unregister()).isFalse();
            assertThat(ctr1.unregister()).isTrue();
        }
        ctr2blocked.countDown();
        await(ctr0running);
        if (!close) {
            assertThat(ctr0.unregister()).isFalse();
        }
        assertThat(ctr1Invoked).isFalse();
        cancelling.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // .NET:
    // CancellationTokenTests.CancellationTokenRegistration_DisposeDuringCancellation_SuccessfullyRemovedIfNotYetInvoked
    @Test
    void closeDuringCancellationRemovesIfNotYetInvoked() throws Exception {
        removedDuringCancellation(true);
    }

    // .NET: CancellationTokenTests.CancellationTokenRegistration_Token_MatchesExpectedValue
    // Not ported: no Java counterpart: CancellationRegistration has no token()

    // .NET: CancellationTokenTests.CancellationTokenRegistration_Token_AccessibleAfterCtsDispose
    // Not ported: no Java counterpart: CancellationRegistration has no token()

    // .NET: CancellationTokenTests.CancellationTokenRegistration_UnregisterOnDefaultIsNop
    @Test
    void unregisterOnEmptyIsNop() {
        assertThat(CancellationRegistration.EMPTY.unregister()).isFalse();
    }

    // .NET: CancellationTokenTests.CancellationTokenRegistration_UnregisterRemovesDelegate
    @Test
    void unregisterRemovesDelegate() {
        CancellationTokenSource cts = new CancellationTokenSource();
        AtomicBoolean invoked = new AtomicBoolean();
        CancellationRegistration ctr = cts.token().register(() -> invoked.set(true));
        assertThat(ctr.unregister()).isTrue();
        assertThat(ctr.unregister()).isFalse();
        cts.cancel();
        assertThat(invoked).isFalse();
    }

    // .NET:
    // CancellationTokenTests.CancellationTokenRegistration_UnregisterWhileCallbackRunning_UnregisterDoesntWaitForCallbackToComplete
    @Test
    void unregisterWhileCallbackRunningDoesNotWait() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        CancellationTokenSource cts = new CancellationTokenSource();
        CancellationRegistration ctr = cts.token().register(() -> {
            try {
                barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Future<?> cancel = pool.submit(cts::cancel);
        barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ctr.unregister()).isFalse();
        barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        cancel.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // .NET:
    // CancellationTokenTests.CancellationTokenRegistration_UnregisterDuringCancellation_SuccessfullyRemovedIfNotYetInvoked
    @Test
    void unregisterDuringCancellationRemovesIfNotYetInvoked() throws Exception {
        removedDuringCancellation(false);
    }

    // .NET:
    // CancellationTokenTests.CancellationTokenRegistration_ConcurrentUnregisterWithCancel_ReturnsFalseOrCallbackInvoked
    @Test
    void concurrentUnregisterWithCancelReturnsFalseOrCallbackInvoked() throws Exception {
        int iterations = 2_000; // .NET: 10,000
        for (int i = 0; i < iterations; i++) {
            CancellationTokenSource cts = new CancellationTokenSource();
            AtomicBoolean invoked = new AtomicBoolean();
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Boolean> unregistered = pool.submit(() -> {
                CancellationRegistration ctr = cts.token().register(() -> invoked.set(true));
                start.await();
                return ctr.unregister();
            });
            start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            cts.cancel();
            boolean removed = unregistered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(removed ^ invoked.get()).as("iteration %d", i).isTrue();
        }
    }

    // .NET: CancellationTokenTests.Unregister_ConcurrentUse_ThreadSafe
    @Test
    void unregisterConcurrentUseThreadSafe() throws Exception {
        CancellationTokenSource cts = new CancellationTokenSource();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300); // .NET: 4 s (an outer-loop test)
        AtomicBoolean run = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<CancellationRegistration> reg =
                new java.util.concurrent.atomic.AtomicReference<>(CancellationRegistration.EMPTY);
        Future<?> a = pool.submit(() -> {
            try {
                while (run.get() && System.nanoTime() < end) {
                    reg.set(cts.token().register(() -> {}));
                    reg.get().unregister();
                    reg.set(CancellationRegistration.EMPTY);
                }
            } finally {
                run.set(false);
            }
        });
        Future<?> b = pool.submit(() -> {
            try {
                while (run.get() && System.nanoTime() < end) {
                    reg.get().unregister();
                }
            } finally {
                run.set(false);
            }
        });
        a.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        b.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // .NET: CancellationTokenTests.Register_ExecutionContextFlowsIfExpected
    // Not ported: no Java counterpart: no ExecutionContext/AsyncLocal flow, no UnsafeRegister

    // .NET: CancellationTokenTests.CancellationTokenRegistration_DisposeAsyncOnDefaultIsNop
    @Test
    void closeOnEmptyIsNop() {
        assertThatCode(CancellationRegistration.EMPTY::close).doesNotThrowAnyException();
    }

    // .NET: CancellationTokenTests.CancellationTokenRegistration_DisposeAsyncRemovesDelegate
    @Test
    void closeRemovesDelegate() {
        CancellationTokenSource cts = new CancellationTokenSource();
        AtomicBoolean invoked = new AtomicBoolean();
        CancellationRegistration ctr = cts.token().register(() -> invoked.set(true));
        ctr.close();
        cts.cancel();
        assertThat(invoked).isFalse();
    }

    // .NET:
    // CancellationTokenTests.CancellationTokenRegistration_DisposeAsyncWhileCallbackRunning_WaitsForCallbackToComplete
    @Test
    void closeWhileCallbackRunningWaitsForIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CancellationTokenSource cts = new CancellationTokenSource();
        CancellationRegistration ctr = cts.token().register(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Future<?> cancelling = pool.submit(cts::cancel);
        await(running);
        Future<?> closing = pool.submit(ctr::close);
        Thread.sleep(1);
        assertThat(closing.isDone())
                .as("close() returned while the callback runs")
                .isFalse();
        release.countDown();
        closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        cancelling.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // .NET:
    // CancellationTokenTests.CancellationTokenRegistration_DisposeAsyncDuringCancellation_SuccessfullyRemovedIfNotYetInvoked
    @Test
    void closeFromOtherThreadDuringCancellationRemovesIfNotYetInvoked() throws Exception {
        removedDuringCancellation(true);
    }

    // .NET: CancellationTokenTests.CancellationTokenRegistration_DisposeAsync_NopAfterDispose
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void closeIsNopAfterRemoval(int mode) {
        CancellationRegistration reg = new CancellationTokenSource().token().register(() -> {});
        switch (mode) {
            case 0, 1 -> reg.close();
            case 2 -> reg.unregister();
            default -> throw new IllegalArgumentException("mode " + mode);
        }
        assertThatCode(reg::close).doesNotThrowAnyException();
    }

    // .NET: CancellationTokenTests.CancellationTokenSource_Ctor_ZeroTimeout
    @Test
    void constructorZeroTimeout() {
        CancellationTokenSource cts = new CancellationTokenSource(Duration.ZERO);
        assertThat(cts.isCancellationRequested()).isTrue();
        assertThat(cts.token().isCancellationRequested()).isTrue();
        assertThat(cts.token()).isNotEqualTo(CancellationToken.NONE);
        assertThat(new CancellationTokenSource(Duration.ZERO).token()).isNotEqualTo(cts.token());
        for (int i = 0; i < 2; i++) {
            AtomicInteger invoked = new AtomicInteger();
            CancellationRegistration r = cts.token().register(invoked::incrementAndGet);
            assertThat(invoked).hasValue(1);
            assertThat(r.unregister()).isFalse();
        }
    }
}
