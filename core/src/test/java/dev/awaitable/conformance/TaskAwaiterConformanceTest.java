package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.ConfigureAwaitOptions;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code TaskAwaiterTests} (System.Runtime/tests/System.Threading.Tasks.Tests/
 * System.Runtime.CompilerServices/TaskAwaiterTests.cs), which also holds dotnet/runtime's
 * {@code Task.WaitAsync} tests (named {@code ConfigureAwait_*}), against {@link Awaitable} as its
 * own awaiter, {@link Awaitable#configureAwait}, {@link Awaitables#withTimeout} and
 * {@link Awaitables#withCancellation}. Java has one {@link Awaitable} for .NET's {@code Task} and
 * {@code Task<T>}, so the {@code generic} parameter of .NET's theories collapses;
 * {@code SynchronizationContext} is {@link AsyncContext} (an executor-backed one counts its
 * posts); {@code WaitAsync(timeout, token)} is {@code withTimeout(timeout).withCancellation(token)};
 * {@code ArgumentOutOfRangeException} is {@link IllegalArgumentException}.
 */
class TaskAwaiterConformanceTest extends Contract {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** What {@link #currentContextOrNone()} returns on a thread with no context. */
    private static final String NO_CONTEXT = "none";

    private static Object currentContextOrNone() {
        AsyncContext c = AsyncContext.current();
        return c == null ? NO_CONTEXT : c;
    }

    /**
     * Registers a callback on {@code awaiter} with {@code context} current, completes the source on
     * another thread, and returns the context the callback ran on.
     */
    private Object completeElsewhere(AsyncContext context, CompletionSource<Object> tcs, Awaiter<Object> awaiter) {
        CompletionSource<Object> ran = new CompletionSource<>();
        AsyncContext.Scope scope = AsyncContext.enter(context);
        try {
            awaiter.onCompleted(() -> ran.trySetResult(currentContextOrNone()));
        } finally {
            scope.close();
        }
        assertThat(ran.awaitable().isCompleted())
                .as("callback should not yet have run")
                .isFalse();
        pool.execute(() -> tcs.setResult(null));
        return await(ran.awaitable());
    }

    // .NET: TaskAwaiterTests.OnCompleted_CompletesInAnotherSynchronizationContext
    @ParameterizedTest
    @ValueSource(strings = {"default", "false", "true"})
    void onCompletedCompletesInAnotherContext(String continueOnCapturedContext) {
        AsyncContext validateCtx = AsyncContext.fromExecutor("validate", pool);
        assertThat(validateCtx.postCount()).isZero();
        CompletionSource<Object> tcs = new CompletionSource<>();
        Awaiter<Object> awaiter = continueOnCapturedContext.equals("default")
                ? tcs.awaitable().getAwaiter()
                : tcs.awaitable()
                        .configureAwait(Boolean.parseBoolean(continueOnCapturedContext))
                        .getAwaiter();
        Object resumedOn = completeElsewhere(validateCtx, tcs, awaiter);
        boolean shouldHavePosted = !continueOnCapturedContext.equals("false");
        assertThat(validateCtx.postCount()).isEqualTo(shouldHavePosted ? 1 : 0);
        assertThat(resumedOn == validateCtx).isEqualTo(shouldHavePosted);
    }

    // .NET: TaskAwaiterTests.OnCompleted_CompletesInAnotherTaskScheduler
    // Not ported: no Java counterpart: no TaskScheduler; contexts are covered by the SynchronizationContext test

    // .NET: TaskAwaiterTests.Await_TaskCompletesOnNonDefaultSyncCtx_ContinuesOnDefaultSyncCtx
    @Test
    void awaitCompletedOnAnotherContextRunsInlineThere() {
        assertThat(AsyncContext.current()).isNull();
        AsyncContext ctx = AsyncContext.fromExecutor("validate", pool);
        CompletionSource<Void> tcs = new CompletionSource<>();
        Awaitable<Object> body = start(Program.<Object>builder("await-then-look")
                .await(f -> tcs.awaitable())
                .returns(f -> currentContextOrNone()));
        Awaitables.delay(Duration.ofMillis(1)).map(v -> {
            AsyncContext.Scope scope = AsyncContext.enter(ctx);
            try {
                tcs.setResult(null);
            } finally {
                scope.close();
            }
            return null;
        });
        if ("loom".equals(backend())) {
            // A loom body resumes in its own context (none), whatever the completer's is.
            assertThat(await(body)).isEqualTo(NO_CONTEXT);
        } else {
            // Differs from .NET: a continuation that captured no context runs inline on the
            // completer, whose context it then sees as current (Awaitable's Javadoc, README).
            assertThat(await(body)).isSameAs(ctx);
        }
    }

    // .NET: TaskAwaiterTests.Await_TaskCompletesOnNonDefaultScheduler_ContinuesOnDefaultScheduler
    // Not ported: no Java counterpart: no TaskScheduler

    static Stream<Arguments> multipleAwaits() {
        List<Arguments> rows = new ArrayList<>();
        for (int numContinuations : new int[] {1, 2, 5}) {
            for (boolean runContinuationsAsynchronously : new boolean[] {false, true}) {
                for (boolean valueTask : new boolean[] {false, true}) {
                    // .NET's third kind of scheduler, a TaskScheduler, has no counterpart
                    for (boolean onContext : new boolean[] {false, true}) {
                        rows.add(Arguments.of(numContinuations, runContinuationsAsynchronously, valueTask, onContext));
                    }
                }
            }
        }
        return rows.stream();
    }

    // .NET: TaskAwaiterTests.Await_MultipleAwaits_FirstCompletesAccordingToOptions_RestCompleteAsynchronously
    @ParameterizedTest
    @MethodSource("multipleAwaits")
    void multipleAwaitsAllCompleteAccordingToOptions(
            int numContinuations, boolean runContinuationsAsynchronously, boolean valueTask, boolean onContext) {
        AsyncContext sc = onContext ? AsyncContext.fromExecutor("sc", pool) : null;
        Object expectedContext = onContext ? sc : NO_CONTEXT;
        CompletionSource<Void> tcs = new CompletionSource<>(runContinuationsAsynchronously);
        ThreadLocal<Integer> tl = ThreadLocal.withInitial(() -> 0);
        List<CompletionSource<Void>> tasks = new ArrayList<>();
        AsyncContext.Scope scope = onContext ? AsyncContext.enter(sc) : null;
        try {
            for (int i = 1; i <= numContinuations; i++) {
                // Differs from .NET: every continuation, not only the first, runs inline when the source
                // does not run them asynchronously (Awaitable's Javadoc, README's differences from .NET).
                boolean expectedSync = !runContinuationsAsynchronously;
                CompletionSource<Void> done = new CompletionSource<>();
                tasks.add(done);
                Awaiter<Void> awaiter = valueTask
                        ? ValueAwaitable.from(tcs.awaitable()).getAwaiter()
                        : tcs.awaitable().getAwaiter();
                int index = i;
                awaiter.onCompleted(() -> {
                    try {
                        assertThat(tl.get())
                                .as(
                                        "continuation %d of %d ran %s",
                                        index, numContinuations, expectedSync ? "synchronously" : "asynchronously")
                                .isEqualTo(expectedSync ? 42 : 0);
                        assertThat(currentContextOrNone()).isSameAs(expectedContext);
                        done.setResult(null);
                    } catch (Throwable t) {
                        done.setException(t);
                    }
                });
            }
            for (CompletionSource<Void> t : tasks) {
                assertThat(t.awaitable().status()).isEqualTo(AwaitableStatus.PENDING);
            }
            tl.set(42);
            tcs.setResult(null);
            tl.set(0);
        } finally {
            if (scope != null) {
                scope.close();
            }
        }
        for (CompletionSource<Void> t : tasks) {
            await(t.awaitable());
        }
    }

    // .NET: TaskAwaiterTests.GetResult_Completed_Success
    @Test
    void getResultCompletedSucceeds() {
        Awaitable<Void> task = Awaitable.completedNull();
        task.getAwaiter().getResult();
        task.configureAwait(false).getAwaiter().getResult();
        task.configureAwait(true).getAwaiter().getResult();

        Awaitable<String> taskOfString = Awaitable.completed("42");
        assertThat(taskOfString.getAwaiter().getResult()).isEqualTo("42");
        assertThat(taskOfString.configureAwait(false).getAwaiter().getResult()).isEqualTo("42");
        assertThat(taskOfString.configureAwait(true).getAwaiter().getResult()).isEqualTo("42");
    }

    // .NET: TaskAwaiterTests.GetResult_NotCompleted_BlocksUntilCompletion
    @Test
    void getResultNotCompleted() throws Exception {
        CompletionSource<Boolean> tcs = new CompletionSource<>();
        // Differs from .NET: an awaiter's getResult() never blocks, it throws before completion;
        // join() is the blocking wait (Awaitable Javadoc, "Where we differ from .NET")
        assertThatThrownBy(() -> tcs.awaitable().getAwaiter().getResult()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () -> tcs.awaitable().configureAwait(false).getAwaiter().getResult())
                .isInstanceOf(IllegalStateException.class);
        List<Future<Boolean>> joins = List.of(
                pool.submit(() -> tcs.awaitable().join()),
                pool.submit(() -> tcs.awaitable().join()));
        assertThatThrownBy(() -> joins.get(0).get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        tcs.setResult(true);
        for (Future<Boolean> join : joins) {
            assertThat(join.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    // .NET: TaskAwaiterTests.GetResult_CanceledTask_ThrowsCancellationException
    @Test
    void getResultCancelledThrowsCancellation() {
        Awaitable<String> cancelled = Awaitable.cancelled(CancellationToken.cancelled());
        List<Supplier<Awaiter<String>>> awaiters = List.of(
                cancelled::getAwaiter,
                () -> cancelled.configureAwait(false).getAwaiter(),
                () -> cancelled.configureAwait(true).getAwaiter());
        for (Supplier<Awaiter<String>> awaiter : awaiters) {
            assertThatThrownBy(() -> awaiter.get().getResult()).isInstanceOf(OperationCanceledException.class);
        }
    }

    private static void assertEachAwaiterThrows(Awaitable<String> task, Exception expected) {
        List<Supplier<Awaiter<String>>> awaiters = List.of(
                task::getAwaiter,
                () -> task.configureAwait(false).getAwaiter(),
                () -> task.configureAwait(true).getAwaiter());
        for (Supplier<Awaiter<String>> awaiter : awaiters) {
            assertThat(catchThrowable(() -> awaiter.get().getResult())).isSameAs(expected);
        }
    }

    // .NET: TaskAwaiterTests.GetResult_FaultedTask_OneException_ThrowsOriginalException
    @Test
    void getResultFaultedThrowsOriginalException() {
        IllegalArgumentException exception = new IllegalArgumentException("uh oh");
        assertEachAwaiterThrows(Awaitable.failed(exception), exception);
    }

    // .NET: TaskAwaiterTests.GetResult_FaultedTask_MultipleExceptions_ThrowsFirstException
    @Test
    void getResultWithSeveralExceptionsThrowsFirst() {
        // a CompletionSource faults with one exception; a whenAll is what faults with several
        IllegalArgumentException exception = new IllegalArgumentException("uh oh");
        Awaitable<String> task = Awaitables.<String>whenAll(
                        Awaitable.failed(exception), Awaitable.failed(new IllegalStateException("uh oh")))
                .map(list -> list.get(0));
        assertEachAwaiterThrows(task, exception);
    }

    // .NET: TaskAwaiterTests.ConfigureAwait_InvalidTimeout_Throws
    @Test
    void waitAsyncInvalidTimeoutThrows() {
        // TimeSpan.MaxValue and MinValue: the longest and the most negative Durations
        for (Duration timeout : List.of(
                Duration.ofMillis(-2),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                Duration.ofSeconds(Long.MIN_VALUE))) {
            Map<String, Supplier<Awaitable<?>>> sources = new LinkedHashMap<>();
            sources.put("pending", () -> new CompletionSource<Void>().awaitable());
            sources.put("pending<int>", () -> new CompletionSource<Integer>().awaitable());
            sources.put("completed", Awaitable::completedNull);
            sources.put("completed(42)", () -> Awaitable.completed(42));
            sources.put("cancelled", () -> Awaitable.cancelled(CancellationToken.cancelled()));
            sources.put("failed", () -> Awaitable.failed(new NumberFormatException()));
            for (Map.Entry<String, Supplier<Awaitable<?>>> source : sources.entrySet()) {
                assertThatThrownBy(() -> source.getValue().get().withTimeout(timeout))
                        .as("%s.withTimeout(%s)", source.getKey(), timeout)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    // .NET: TaskAwaiterTests.ConfigureAwait_CanceledAndTimedOut_AlreadyCompleted_UsesTaskResult
    @Test
    void waitAsyncOnCompletedUsesItsOutcome() {
        CancellationToken cancelled = CancellationToken.cancelled();
        List<Function<Awaitable<Integer>, Awaitable<Integer>>> waits = List.of(
                a -> a.withTimeout(Duration.ZERO),
                a -> a.withCancellation(cancelled),
                a -> a.withTimeout(Duration.ZERO).withCancellation(cancelled));
        for (Function<Awaitable<Integer>, Awaitable<Integer>> wait : waits) {
            assertThat(await(wait.apply(Awaitable.completedNull()))).isNull();
            assertThat(await(wait.apply(Awaitable.completed(42)))).isEqualTo(42);
            assertThat(Conformance.awaitFailure(wait.apply(Awaitable.failed(new NumberFormatException()))))
                    .isInstanceOf(NumberFormatException.class);
            assertThat(Conformance.awaitFailure(wait.apply(Awaitable.cancelled(cancelled))))
                    .isInstanceOf(OperationCanceledException.class);
        }
    }

    // .NET: TaskAwaiterTests.ConfigureAwait_TimeoutOrCanceled_Throws
    @Test
    void waitAsyncTimesOutOrIsCancelled() {
        CompletionSource<Integer> tcs = new CompletionSource<>();
        CancellationTokenSource cts = new CancellationTokenSource();

        assertThat(Conformance.awaitFailure(tcs.awaitable().withTimeout(Duration.ZERO)))
                .isInstanceOf(TimeoutException.class);
        assertThat(Conformance.awaitFailure(tcs.awaitable().withTimeout(Duration.ofMillis(1))))
                .isInstanceOf(TimeoutException.class);
        assertThat(Conformance.awaitFailure(
                        tcs.awaitable().withTimeout(Duration.ofMillis(1)).withCancellation(cts.token())))
                .isInstanceOf(TimeoutException.class);

        Awaitable<Integer> assert1 = tcs.awaitable().withCancellation(cts.token());
        // WaitAsync(Timeout.InfiniteTimeSpan, token): no timeout is no withTimeout
        Awaitable<Integer> assert2 = tcs.awaitable().withCancellation(cts.token());
        assertThat(assert1.isCompleted()).isFalse();
        assertThat(assert2.isCompleted()).isFalse();

        cts.cancel();
        Conformance.assertCanceled(assert1, cts.token());
        Conformance.assertCanceled(assert2, cts.token());
        assertThat(tcs.awaitable().isCompleted()).isFalse();
    }

    // .NET: TaskAwaiterTests.ConfigureAwait_NoCancellationOrTimeoutOccurs_Success
    @Test
    void waitAsyncWithoutTimeoutOrCancellationSucceeds() {
        CancellationTokenSource cts = new CancellationTokenSource();

        CompletionSource<Void> tcs = new CompletionSource<>();
        Awaitable<Void> t = tcs.awaitable().withTimeout(Duration.ofDays(1)).withCancellation(cts.token());
        assertThat(t.isCompleted()).isFalse();
        tcs.setResult(null);
        await(t);

        CompletionSource<Integer> tcsg = new CompletionSource<>();
        Awaitable<Integer> tg = tcsg.awaitable().withTimeout(Duration.ofDays(1)).withCancellation(cts.token());
        assertThat(tg.isCompleted()).isFalse();
        tcsg.setResult(42);
        assertThat(await(tg)).isEqualTo(42);
    }

    // .NET: TaskAwaiterTests.AwaiterAndAwaitableEquality
    // Not ported: no Java counterpart: configured awaitables are objects compared by identity, not structs compared by
    // value

    // .NET: TaskAwaiterTests.BaseSynchronizationContext_SameAsNoSynchronizationContext
    // Not ported: no Java counterpart: no TaskScheduler, and no base context class that means \"no context\"

    // .NET: TaskAwaiterTests.OperationCanceledException_PropagatesThroughCanceledTask
    @Test
    void operationCanceledExceptionPropagatesThroughCancelledAwaitables() {
        CancellationTokenSource cts = new CancellationTokenSource();
        OperationCanceledException oce = new OperationCanceledException(cts.token());
        Awaitable<Integer> generic = Awaitables.run(
                () -> {
                    cts.cancel();
                    throw oce;
                },
                cts.token());
        Awaitable<Integer> fortyTwo = Awaitable.completed(42);
        // Task.Run unwrapping and FromAsync have no counterpart; the method builder is a program's body
        Map<String, Awaitable<?>> cases = new LinkedHashMap<>();
        cases.put("run", generic);
        cases.put("whenAll(generic)", Awaitables.whenAll(generic));
        cases.put("whenAll(generic, 42)", Awaitables.whenAll(generic, fortyTwo));
        cases.put("whenAll(42, generic)", Awaitables.whenAll(fortyTwo, generic));
        cases.put("whenAll(generic x3)", Awaitables.whenAll(generic, generic, generic));
        cases.put(
                "body",
                start(Program.<Integer>builder("throws-oce").raise(f -> oce).returns(f -> 0)));
        for (Map.Entry<String, Awaitable<?>> c : cases.entrySet()) {
            Throwable caught = Conformance.awaitFailure(c.getValue());
            assertThat(caught).as(c.getKey()).isSameAs(oce);
            assertThat(catchThrowable(() -> c.getValue().getAwaiter().getResult()))
                    .as(c.getKey())
                    .isSameAs(oce);
        }
    }

    // .NET: TaskAwaiterTests.ConfigureAwaitOptions_Invalid
    // Not ported: no Java counterpart: ConfigureAwaitOptions is an enum, so an undefined option cannot be passed

    // .NET: TaskAwaiterTests.ConfigureAwaitOptions_SuppressThrowingUnsupportedOnGenericTask
    @Test
    void suppressThrowingOnAwaitableWithAResult() {
        // Differs from .NET: SUPPRESS_THROWING is allowed with a result, which is then null on failure
        // (ConfigureAwaitOptions.SUPPRESS_THROWING Javadoc); .NET rejects it for Task<T>
        assertThat(Awaitable.completed(true)
                        .configureAwait(ConfigureAwaitOptions.SUPPRESS_THROWING)
                        .getAwaiter()
                        .getResult())
                .isTrue();
        Awaitable<Boolean> failed = Awaitable.failed(new NumberFormatException());
        assertThat(failed.configureAwait(ConfigureAwaitOptions.SUPPRESS_THROWING, ConfigureAwaitOptions.FORCE_YIELDING)
                        .getAwaiter()
                        .getResult())
                .isNull();
    }

    static Stream<Arguments> forceYieldingOptions() {
        return Stream.of(
                Arguments.of((Object) new ConfigureAwaitOptions[] {ConfigureAwaitOptions.FORCE_YIELDING}),
                Arguments.of((Object) new ConfigureAwaitOptions[] {
                    ConfigureAwaitOptions.FORCE_YIELDING, ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT
                }),
                Arguments.of((Object) new ConfigureAwaitOptions[] {
                    ConfigureAwaitOptions.FORCE_YIELDING, ConfigureAwaitOptions.SUPPRESS_THROWING
                }),
                Arguments.of((Object) new ConfigureAwaitOptions[] {
                    ConfigureAwaitOptions.FORCE_YIELDING,
                    ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT,
                    ConfigureAwaitOptions.SUPPRESS_THROWING
                }));
    }

    // .NET: TaskAwaiterTests.ConfigureAwaitOptions_ForceYielding_IsCompletedAlwaysFalse
    @ParameterizedTest
    @MethodSource("forceYieldingOptions")
    void forceYieldingIsCompletedAlwaysFalse(ConfigureAwaitOptions[] options) {
        assertThat(new CompletionSource<Void>()
                        .awaitable()
                        .configureAwait(options)
                        .getAwaiter()
                        .isCompleted())
                .isFalse();
        assertThat(Awaitable.completedNull()
                        .configureAwait(options)
                        .getAwaiter()
                        .isCompleted())
                .isFalse();
        assertThat(new CompletionSource<String>()
                        .awaitable()
                        .configureAwait(options)
                        .getAwaiter()
                        .isCompleted())
                .isFalse();
        assertThat(Awaitable.completed(42).configureAwait(options).getAwaiter().isCompleted())
                .isFalse();
    }

    // .NET: TaskAwaiterTests.ConfigureAwaitOptions_SuppressThrowing_NoExceptionsAreThrown
    @Test
    void suppressThrowingThrowsNothing() {
        for (Awaitable<Void> t : List.<Awaitable<Void>>of(
                Awaitable.cancelled(CancellationToken.cancelled()), Awaitable.failed(new NumberFormatException()))) {
            t.configureAwait(ConfigureAwaitOptions.SUPPRESS_THROWING)
                    .getAwaiter()
                    .getResult();
            t.configureAwait(
                            ConfigureAwaitOptions.SUPPRESS_THROWING,
                            ConfigureAwaitOptions.FORCE_YIELDING,
                            ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT)
                    .getAwaiter()
                    .getResult();
            Class<? extends Throwable> expected =
                    t.isCancelled() ? OperationCanceledException.class : NumberFormatException.class;
            assertThatThrownBy(() -> t.configureAwait(ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT)
                            .getAwaiter()
                            .getResult())
                    .isInstanceOf(expected);
            assertThatThrownBy(() -> t.configureAwait(
                                    ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT,
                                    ConfigureAwaitOptions.FORCE_YIELDING)
                            .getAwaiter()
                            .getResult())
                    .isInstanceOf(expected);
        }
    }

    // .NET: TaskAwaiterTests.ConfigureAwaitOptions_ContinueOnCapturedContext_QueuesAccordingly
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void continueOnCapturedContextQueuesAccordingly(boolean continueOnCapturedContext) {
        AsyncContext validateCtx = AsyncContext.fromExecutor("validate", pool);
        CompletionSource<Object> tcs = new CompletionSource<>();
        ConfigureAwaitOptions[] options = continueOnCapturedContext
                ? new ConfigureAwaitOptions[] {ConfigureAwaitOptions.CONTINUE_ON_CAPTURED_CONTEXT}
                : new ConfigureAwaitOptions[0];
        Object resumedOn = completeElsewhere(
                validateCtx, tcs, tcs.awaitable().configureAwait(options).getAwaiter());
        assertThat(validateCtx.postCount()).isEqualTo(continueOnCapturedContext ? 1 : 0);
        assertThat(resumedOn == validateCtx).isEqualTo(continueOnCapturedContext);
    }
}
