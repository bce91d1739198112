package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AsyncContext;
import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CompletionSource;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.testkit.Contract;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code ManualResetValueTaskSourceTests}
 * (System.Threading.Tasks.Extensions/tests/ManualResetValueTaskSourceTests.cs) against
 * {@link ManualResetSourceCore}, through the same thin {@link AwaitableSource} wrapper .NET's
 * tests use. {@code ValueTaskSourceOnCompletedFlags.UseSchedulingContext} is
 * {@code continueOnCapturedContext}; {@code InvalidOperationException} is
 * {@link IllegalStateException}.
 */
class ManualResetValueTaskSourceConformanceTest extends Contract {

    /** .NET's test helper {@code ManualResetValueTaskSource<T>}: a source delegating to the core. */
    static final class Source<T> implements AwaitableSource<T> {
        final ManualResetSourceCore<T> core = new ManualResetSourceCore<>();

        int version() {
            return core.version();
        }

        @Override
        public AwaitableStatus status(int token) {
            return core.status(token);
        }

        @Override
        public void onCompleted(Runnable continuation, int token, boolean continueOnCapturedContext) {
            core.onCompleted(continuation, token, continueOnCapturedContext);
        }

        @Override
        public T getResult(int token) {
            return core.getResult(token);
        }
    }

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    // .NET: ManualResetValueTaskSourceTests.ReuseInstanceWithResets_Success
    @Test
    void reuseInstanceWithResets() {
        Source<Integer> mrvts = new Source<>();
        for (int i = 42; i < 48; i++) {
            int value = i;
            Awaitables.delay(Duration.ofMillis(1)).map(v -> {
                mrvts.core.setResult(value);
                return null;
            });
            assertThat(await(ValueAwaitable.from(mrvts, mrvts.version()).asAwaitable()))
                    .isEqualTo(i);
            // usable more than once until it is reset
            assertThat(await(ValueAwaitable.from(mrvts, mrvts.version()).asAwaitable()))
                    .isEqualTo(i);
            mrvts.core.reset();
        }
    }

    // .NET: ManualResetValueTaskSourceTests.AccessWrongVersion_Fails
    @Test
    void accessWrongVersionFails() {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.reset();
        for (int stale : new int[] {0, 2}) {
            assertThatThrownBy(() -> mrvts.getResult(stale)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> mrvts.status(stale)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> mrvts.onCompleted(() -> {}, stale, false))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    // .NET: ManualResetValueTaskSourceTests.SetTwice_Fails
    @Test
    void setTwiceFails() {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.setResult(42);
        assertThatThrownBy(() -> mrvts.core.setResult(42)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> mrvts.core.setException(new Exception())).isInstanceOf(IllegalStateException.class);
        mrvts.core.reset();
        mrvts.core.setException(new Exception());
        assertThatThrownBy(() -> mrvts.core.setResult(42)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> mrvts.core.setException(new Exception())).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ManualResetValueTaskSourceTests.GetResult_BeforeCompleted_Fails
    @Test
    void getResultBeforeCompletedFails() {
        Source<Integer> mrvts = new Source<>();
        assertThatThrownBy(() -> mrvts.getResult(0)).isInstanceOf(IllegalStateException.class);
    }

    /** Registers a continuation that completes a fresh awaitable. */
    private static CompletionSource<Void> onCompletedSignal(Source<?> mrvts, int token) {
        CompletionSource<Void> ran = new CompletionSource<>(true);
        mrvts.onCompleted(() -> ran.trySetResult(null), token, false);
        return ran;
    }

    // .NET: ManualResetValueTaskSourceTests.SetResult_BeforeOnCompleted_ResultAvailableSynchronously
    @Test
    void setResultBeforeOnCompleted() {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.reset();
        mrvts.core.reset();
        assertThat(mrvts.version()).isEqualTo(2);
        mrvts.core.setResult(42);
        assertThat(mrvts.status(2)).isEqualTo(AwaitableStatus.SUCCEEDED);
        assertThat(mrvts.getResult(2)).isEqualTo(42);
        await(onCompletedSignal(mrvts, 2).awaitable());
        assertThat(mrvts.version()).isEqualTo(2);
    }

    // .NET: ManualResetValueTaskSourceTests.SetResult_AfterOnCompleted_ResultAvailableAsynchronously
    @Test
    void setResultAfterOnCompleted() throws InterruptedException {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.reset();
        mrvts.core.reset();
        assertThat(mrvts.status(2)).isEqualTo(AwaitableStatus.PENDING);
        assertThatThrownBy(() -> mrvts.getResult(2)).isInstanceOf(IllegalStateException.class);
        CompletionSource<Void> ran = onCompletedSignal(mrvts, 2);
        assertThat(ran.awaitable().isCompleted()).isFalse();
        Thread.sleep(1);
        assertThat(ran.awaitable().isCompleted()).isFalse();
        mrvts.core.setResult(42);
        assertThat(mrvts.status(2)).isEqualTo(AwaitableStatus.SUCCEEDED);
        assertThat(mrvts.getResult(2)).isEqualTo(42);
        await(ran.awaitable());
        assertThat(mrvts.version()).isEqualTo(2);
    }

    // .NET: ManualResetValueTaskSourceTests.SetException_BeforeOnCompleted_ResultAvailableSynchronously
    @Test
    void setExceptionBeforeOnCompleted() {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.reset();
        mrvts.core.reset();
        NumberFormatException e = new NumberFormatException();
        mrvts.core.setException(e);
        assertThat(mrvts.status(2)).isEqualTo(AwaitableStatus.FAULTED);
        assertThatThrownBy(() -> mrvts.getResult(2)).isSameAs(e);
        await(onCompletedSignal(mrvts, 2).awaitable());
        assertThat(mrvts.version()).isEqualTo(2);
    }

    // .NET: ManualResetValueTaskSourceTests.SetException_AfterOnCompleted_ResultAvailableAsynchronously
    @Test
    void setExceptionAfterOnCompleted() throws InterruptedException {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.reset();
        mrvts.core.reset();
        assertThat(mrvts.status(2)).isEqualTo(AwaitableStatus.PENDING);
        assertThatThrownBy(() -> mrvts.getResult(2)).isInstanceOf(IllegalStateException.class);
        CompletionSource<Void> ran = onCompletedSignal(mrvts, 2);
        Thread.sleep(1);
        assertThat(ran.awaitable().isCompleted()).isFalse();
        NumberFormatException e = new NumberFormatException();
        mrvts.core.setException(e);
        assertThat(mrvts.status(2)).isEqualTo(AwaitableStatus.FAULTED);
        assertThatThrownBy(() -> mrvts.getResult(2)).isSameAs(e);
        await(ran.awaitable());
        assertThat(mrvts.version()).isEqualTo(2);
    }

    // .NET: ManualResetValueTaskSourceTests.SetException_OperationCanceledException_StatusIsCanceled
    @Test
    void setExceptionCancellationMakesItCancelled() {
        Source<Integer> mrvts = new Source<>();
        OperationCanceledException e = new OperationCanceledException(CancellationToken.NONE);
        mrvts.core.setException(e);
        assertThat(mrvts.status(0)).isEqualTo(AwaitableStatus.CANCELLED);
        assertThatThrownBy(() -> mrvts.getResult(0)).isSameAs(e);
    }

    // .NET: ManualResetValueTaskSourceTests.FlowContext_SetBeforeOnCompleted_FlowsIfExpected
    // Not ported: no Java counterpart: no ExecutionContext/AsyncLocal flow

    // .NET: ManualResetValueTaskSourceTests.FlowContext_SetAfterOnCompleted_FlowsIfExpected
    // Not ported: no Java counterpart: no ExecutionContext/AsyncLocal flow

    // .NET: ManualResetValueTaskSourceTests.OnCompleted_NullDelegate_Throws
    @Test
    void onCompletedNullContinuationThrows() {
        Source<Integer> mrvts = new Source<>();
        assertThatThrownBy(() -> mrvts.onCompleted(null, 0, false)).isInstanceOf(NullPointerException.class);
    }

    // .NET: ManualResetValueTaskSourceTests.OnCompleted_UsedTwiceBeforeCompletion_Throws
    @Test
    void onCompletedTwiceBeforeCompletionThrows() {
        Source<Integer> mrvts = new Source<>();
        mrvts.onCompleted(() -> {}, 0, false);
        assertThatThrownBy(() -> mrvts.onCompleted(() -> {}, 0, false)).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ManualResetValueTaskSourceTests.OnCompleted_UnknownFlagsIgnored
    // Not ported: no Java counterpart: onCompleted takes a boolean, not a flags enum

    // .NET: ManualResetValueTaskSourceTests.OnCompleted_ContinuationAlwaysInvokedAsynchronously
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void onCompletedAfterCompletionRunsAtOnce(boolean runContinuationsAsynchronously) {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.setRunContinuationsAsynchronously(runContinuationsAsynchronously);
        for (int i = 0; i < 10; i++) {
            Thread registrar = Thread.currentThread();
            CompletionSource<Thread> ranOn = new CompletionSource<>();
            mrvts.core.setResult(42);
            mrvts.onCompleted(() -> ranOn.trySetResult(Thread.currentThread()), i, false);
            mrvts.core.reset();
            Thread t = await(ranOn.awaitable());
            if (runContinuationsAsynchronously) {
                assertThat(t).isNotSameAs(registrar);
            } else {
                // Differs from .NET: a continuation registered on a completed operation runs at once,
                // on the registering thread (AwaitableSource.onCompleted Javadoc); .NET always queues it
                assertThat(t).isSameAs(registrar);
            }
        }
    }

    // .NET: ManualResetValueTaskSourceTests.SetResult_RunContinuationsAsynchronously_ContinuationInvokedAccordingly
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void setResultRunsContinuationAccordingToSetting(boolean runContinuationsAsynchronously) {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.setRunContinuationsAsynchronously(runContinuationsAsynchronously);
        for (int i = 0; i < 10; i++) {
            Thread completer = Thread.currentThread();
            CompletionSource<Thread> ranOn = new CompletionSource<>();
            mrvts.onCompleted(() -> ranOn.trySetResult(Thread.currentThread()), i, false);
            mrvts.core.setResult(42);
            mrvts.core.reset();
            assertThat(await(ranOn.awaitable()) == completer).isEqualTo(!runContinuationsAsynchronously);
        }
    }

    // .NET: ManualResetValueTaskSourceTests.SynchronizationContext_CaptureIfRequested
    @ParameterizedTest
    @CsvSource({
        "false, false, false", "false, false, true", "false, true, false", "false, true, true",
        "true, false, false", "true, false, true", "true, true, false", "true, true, true"
    })
    void contextCapturedIfRequested(
            boolean runContinuationsAsynchronously, boolean captureContext, boolean setBeforeOnCompleted) {
        Source<Integer> mrvts = new Source<>();
        mrvts.core.setRunContinuationsAsynchronously(runContinuationsAsynchronously);
        if (setBeforeOnCompleted) {
            mrvts.core.setResult(42);
        }
        AsyncContext context = AsyncContext.fromExecutor("tracking", pool);
        CompletionSource<AsyncContext> ran = new CompletionSource<>();
        AsyncContext.Scope scope = AsyncContext.enter(context);
        try {
            mrvts.onCompleted(() -> ran.trySetResult(AsyncContext.current()), 0, captureContext);
        } finally {
            scope.close();
        }
        if (!setBeforeOnCompleted) {
            mrvts.core.setResult(42);
        }
        AsyncContext resumedOn = await(ran.awaitable());
        if (setBeforeOnCompleted && captureContext && !runContinuationsAsynchronously) {
            // Differs from .NET: already complete, it runs at once (AwaitableSource.onCompleted Javadoc),
            // and the captured context is current, so it runs there without a post; .NET posts
            assertThat(resumedOn).isSameAs(context);
            assertThat(context.postCount()).isZero();
        } else {
            assertThat(context.postCount()).isEqualTo(captureContext ? 1 : 0);
            if (captureContext) {
                assertThat(resumedOn).isSameAs(context);
            }
        }
    }

    // .NET: ManualResetValueTaskSourceTests.TaskScheduler_CaptureIfRequested
    // Not ported: no Java counterpart: no TaskScheduler; contexts are covered by the SynchronizationContext test

    // .NET: ManualResetValueTaskSourceTests.AsyncEnumerable_Success
    // Not ported: no Java counterpart: needs a compiler-generated async iterator and AsyncIteratorMethodBuilder
}
