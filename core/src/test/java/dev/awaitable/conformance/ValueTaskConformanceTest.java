package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.AwaitableSource;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.conformance.ManualResetValueTaskSourceConformanceTest.Source;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code ValueTaskTests} (System.Threading.Tasks.Extensions/tests/ValueTaskTests.cs)
 * against {@link ValueAwaitable}. Java has no non-generic {@code ValueTask}: the
 * {@code NonGeneric_*} tests run on a {@code ValueAwaitable<Void>}, the {@code Generic_*} ones on
 * a {@code ValueAwaitable<Integer>}. {@code new ValueTask<T>(result)} is
 * {@link ValueAwaitable#of}, {@code new ValueTask<T>(task)} and {@code (source, token)} are
 * {@link ValueAwaitable#from}, {@code AsTask()} is {@link ValueAwaitable#asAwaitable()}; the
 * test's {@code ManualResetValueTaskSource} is {@link ManualResetValueTaskSourceConformanceTest}'s.
 * A {@code ValueAwaitable} is an object used once, not a struct: .NET's tests of struct equality,
 * hashing and torn reads have no counterpart.
 */
class ValueTaskConformanceTest extends Contract {

    /** .NET's {@code CtorMode}. */
    enum Mode {
        RESULT,
        TASK,
        SOURCE
    }

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** .NET's {@code ManualResetValueTaskSourceFactory.Completed}. */
    private static <T> Source<T> completedSource(T result, Throwable error) {
        Source<T> source = new Source<>();
        if (error != null) {
            source.core.setException(error);
        } else {
            source.core.setResult(result);
        }
        return source;
    }

    /** .NET's {@code ManualResetValueTaskSourceFactory.Delay}: completes after a millisecond, on the timer. */
    private static <T> Source<T> delayedSource(T result, Throwable error) {
        Source<T> source = new Source<>();
        Awaitables.delay(Duration.ofMillis(1)).map(v -> {
            if (error != null) {
                source.core.setException(error);
            } else {
                source.core.setResult(result);
            }
            return null;
        });
        return source;
    }

    private static <T> Awaitable<T> delayed(T result) {
        return Awaitables.delay(Duration.ofMillis(1)).map(v -> result);
    }

    /** A completed ValueAwaitable of {@code value} built the way {@code mode} says. */
    private static <T> ValueAwaitable<T> completed(Mode mode, T value) {
        return switch (mode) {
            case RESULT -> ValueAwaitable.of(value);
            case TASK -> ValueAwaitable.from(Awaitable.completed(value));
            case SOURCE -> ValueAwaitable.from(completedSource(value, null), 0);
        };
    }

    /** A ValueAwaitable and what completes it (nothing, if it is already complete). */
    private record Completing<T>(ValueAwaitable<T> vt, Runnable complete) {}

    /**
     * A ValueAwaitable of {@code value}: already complete if {@code sync}, else pending until
     * {@code complete} runs (.NET's tests use a 1 ms delay, which may elapse before the
     * registration they test; completing explicitly keeps "pending at registration" certain).
     */
    private static <T> Completing<T> completing(Mode mode, T value, boolean sync) {
        if (sync || mode == Mode.RESULT) {
            return new Completing<>(completed(mode, value), () -> {});
        }
        if (mode == Mode.TASK) {
            CompletionSource<T> tcs = new CompletionSource<>();
            return new Completing<>(ValueAwaitable.from(tcs.awaitable()), () -> tcs.setResult(value));
        }
        Source<T> source = new Source<>();
        return new Completing<>(ValueAwaitable.from(source, 0), () -> source.core.setResult(value));
    }

    private static void assertStatus(ValueAwaitable<?> t, AwaitableStatus status) {
        assertThat(t.isCompleted()).isEqualTo(status != AwaitableStatus.PENDING);
        assertThat(t.isCompletedSuccessfully()).isEqualTo(status == AwaitableStatus.SUCCEEDED);
        assertThat(t.status()).isEqualTo(status);
    }

    // .NET: ValueTaskTests.NonGeneric_DefaultValueTask_DefaultValue
    @Test
    void voidDefaultValue() {
        // default(ValueTask) is of(null)
        assertStatus(ValueAwaitable.of(null), AwaitableStatus.SUCCEEDED);
    }

    // .NET: ValueTaskTests.Generic_DefaultValueTask_DefaultValue
    @Test
    void defaultValue() {
        // default(ValueTask<T>) is of(T's default)
        ValueAwaitable<Integer> i = ValueAwaitable.of(0);
        assertStatus(i, AwaitableStatus.SUCCEEDED);
        assertThat(i.getResult()).isZero();
        ValueAwaitable<String> s = ValueAwaitable.of(null);
        assertStatus(s, AwaitableStatus.SUCCEEDED);
        assertThat(s.getResult()).isNull();
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromSuccessfullyCompleted_IsCompletedSuccessfully
    @ParameterizedTest
    @EnumSource(Mode.class)
    void voidFromSucceededIsCompletedSuccessfully(Mode mode) {
        ValueAwaitable<Void> t = completed(mode, null);
        assertStatus(t, AwaitableStatus.SUCCEEDED);
    }

    // .NET: ValueTaskTests.Generic_CreateFromSuccessfullyCompleted_IsCompletedSuccessfully
    @ParameterizedTest
    @EnumSource(Mode.class)
    void fromSucceededIsCompletedSuccessfully(Mode mode) {
        ValueAwaitable<Integer> t = completed(mode, 42);
        assertStatus(t, AwaitableStatus.SUCCEEDED);
        assertThat(t.getResult()).isEqualTo(42);
    }

    /** A pending ValueAwaitable and what completes it, for the "NotCompleted_Then" tests. */
    private record Pending(ValueAwaitable<Integer> t, CompletionSource<Integer> tcs, Source<Integer> source) {
        static Pending of(Mode mode) {
            if (mode == Mode.TASK) {
                CompletionSource<Integer> tcs = new CompletionSource<>();
                return new Pending(ValueAwaitable.from(tcs.awaitable()), tcs, null);
            }
            Source<Integer> source = new Source<>();
            return new Pending(ValueAwaitable.from(source, 0), null, source);
        }

        void setResult(int value) {
            if (tcs != null) {
                tcs.setResult(value);
            } else {
                source.core.setResult(value);
            }
        }

        void setException(Exception e) {
            if (tcs != null) {
                tcs.setException(e);
            } else {
                source.core.setException(e);
            }
        }
    }

    private static void checkPendingThenSucceed(Mode mode, boolean checkResult) {
        Pending p = Pending.of(mode);
        assertStatus(p.t(), AwaitableStatus.PENDING);
        p.setResult(42);
        assertStatus(p.t(), AwaitableStatus.SUCCEEDED);
        if (checkResult) {
            assertThat(p.t().getResult()).isEqualTo(42);
        }
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromNotCompleted_ThenCompleteSuccessfully
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"TASK", "SOURCE"})
    void voidFromPendingThenSucceed(Mode mode) {
        checkPendingThenSucceed(mode, false);
    }

    // .NET: ValueTaskTests.Generic_CreateFromNotCompleted_ThenCompleteSuccessfully
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"TASK", "SOURCE"})
    void fromPendingThenSucceed(Mode mode) {
        checkPendingThenSucceed(mode, true);
    }

    private static void checkPendingThenFault(Mode mode) {
        Pending p = Pending.of(mode);
        assertStatus(p.t(), AwaitableStatus.PENDING);
        IllegalStateException e = new IllegalStateException();
        p.setException(e);
        assertStatus(p.t(), AwaitableStatus.FAULTED);
        assertThat(catchThrowable(() -> p.t().getAwaiter().getResult())).isSameAs(e);
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromNotCompleted_ThenFault
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"TASK", "SOURCE"})
    void voidFromPendingThenFault(Mode mode) {
        checkPendingThenFault(mode);
    }

    // .NET: ValueTaskTests.Generic_CreateFromNotCompleted_ThenFault
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"TASK", "SOURCE"})
    void fromPendingThenFault(Mode mode) {
        checkPendingThenFault(mode);
    }

    private static void checkFaultedIsFaulted(Mode mode) {
        IllegalStateException e = new IllegalStateException();
        ValueAwaitable<Integer> t = mode == Mode.TASK
                ? ValueAwaitable.from(Awaitable.<Integer>failed(e))
                : ValueAwaitable.from(completedSource(0, e), 0);
        assertStatus(t, AwaitableStatus.FAULTED);
        assertThat(catchThrowable(() -> t.getAwaiter().getResult())).isSameAs(e);
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromFaulted_IsFaulted
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"TASK", "SOURCE"})
    void voidFromFaultedIsFaulted(Mode mode) {
        checkFaultedIsFaulted(mode);
    }

    // .NET: ValueTaskTests.Generic_CreateFromFaulted_IsFaulted
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"TASK", "SOURCE"})
    void fromFaultedIsFaulted(Mode mode) {
        checkFaultedIsFaulted(mode);
    }

    private static void checkFromNullThrows() {
        assertThatThrownBy(() -> ValueAwaitable.from((Awaitable<Integer>) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ValueAwaitable.from((AwaitableSource<Integer>) null, 0))
                .isInstanceOf(NullPointerException.class);
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromNullTask_Throws
    @Test
    void voidFromNullThrows() {
        checkFromNullThrows();
    }

    // .NET: ValueTaskTests.Generic_CreateFromNullTask_Throws
    @Test
    void fromNullAwaitableOrSourceThrows() {
        checkFromNullThrows();
    }

    private static void fromAwaitableAsAwaitable(Awaitable<Integer> source) {
        ValueAwaitable<Integer> t = ValueAwaitable.from(source);
        assertThat(t.asAwaitable()).isSameAs(source);
        // Differs from .NET: a ValueAwaitable is consumed once, so a second asAwaitable() throws
        // (ValueAwaitable Javadoc); .NET returns the same task again
        assertThatThrownBy(t::asAwaitable).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromTask_AsTaskIdempotent
    @Test
    void voidFromAwaitableAsAwaitableIsIt() {
        fromAwaitableAsAwaitable(Awaitable.completed(42));
    }

    // .NET: ValueTaskTests.Generic_CreateFromTask_AsTaskIdempotent
    @Test
    void fromAwaitableAsAwaitableIsIt() {
        fromAwaitableAsAwaitable(Awaitable.completed(42));
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromDefault_AsTaskIdempotent
    @Test
    void voidDefaultAsAwaitable() {
        // the same shared completed awaitable each time, from two ValueAwaitables
        assertThat(ValueAwaitable.<Void>of(null).asAwaitable())
                .isSameAs(ValueAwaitable.<Void>of(null).asAwaitable());
        ValueAwaitable<Void> t = ValueAwaitable.of(null);
        t.asAwaitable();
        // Differs from .NET: consumed once (ValueAwaitable Javadoc)
        assertThatThrownBy(t::asAwaitable).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ValueTaskTests.Generic_CreateFromValue_AsTaskNotIdempotent
    @Test
    void fromValueAsAwaitable() {
        ValueAwaitable<Integer> t = ValueAwaitable.of(42);
        // Differs from .NET: completed(42) is a shared instance (Awaitable.completed Javadoc: ints in
        // [-128, 1023]), and a ValueAwaitable is consumed once (ValueAwaitable Javadoc)
        assertThat(t.asAwaitable()).isSameAs(Awaitable.completed(42));
        assertThatThrownBy(t::asAwaitable).isInstanceOf(IllegalStateException.class);
        assertThat(ValueAwaitable.of(100_000).asAwaitable())
                .isNotSameAs(ValueAwaitable.of(100_000).asAwaitable());
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromValueTaskSource_AsTaskIdempotent
    @Test
    void voidFromSourceAsAwaitable() {
        ValueAwaitable<Void> vt = ValueAwaitable.from(completedSource(null, null), 0);
        Awaitable<Void> t = vt.asAwaitable();
        assertThat(t).isNotNull();
        assertThat(t.isCompletedSuccessfully()).isTrue();
        // Differs from .NET: consumed once (ValueAwaitable Javadoc); .NET's test checks behaviour it
        // calls unsupported, a second AsTask()
        assertThatThrownBy(vt::asAwaitable).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ValueTaskTests.Generic_CreateFromValueTaskSource_AsTaskNotIdempotent
    @Test
    void fromSourceAsAwaitable() {
        ValueAwaitable<Integer> vt = ValueAwaitable.from(completedSource(42, null), 0);
        Awaitable<Integer> t = vt.asAwaitable();
        assertThat(t).isNotSameAs(Awaitable.completed(42));
        assertThat(t.resultNow()).isEqualTo(42);
        // Differs from .NET: consumed once (ValueAwaitable Javadoc)
        assertThatThrownBy(vt::asAwaitable).isInstanceOf(IllegalStateException.class);
    }

    private static <T> void checkSourceSucceeds(boolean sync, T value) {
        ValueAwaitable<T> vt = ValueAwaitable.from(sync ? completedSource(value, null) : delayedSource(value, null), 0);
        Awaitable<T> t = vt.asAwaitable();
        if (sync) {
            assertThat(t.status()).isEqualTo(AwaitableStatus.SUCCEEDED);
        }
        assertThat(await(t)).isEqualTo(value);
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromValueTaskSource_Success
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void voidFromSourceSucceeds(boolean sync) {
        checkSourceSucceeds(sync, null);
    }

    // .NET: ValueTaskTests.Generic_CreateFromValueTaskSource_Success
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fromSourceSucceeds(boolean sync) {
        checkSourceSucceeds(sync, 42);
    }

    private static void checkSourceFaults(boolean sync) {
        NumberFormatException e = new NumberFormatException();
        ValueAwaitable<Integer> vt = ValueAwaitable.from(sync ? completedSource(0, e) : delayedSource(0, e), 0);
        Awaitable<Integer> t = vt.asAwaitable();
        if (sync) {
            assertThat(t.isFaulted()).isTrue();
            // Differs from .NET: exception() is the exception itself, not an AggregateException
            // around it (Awaitable.exception() Javadoc, README's table of differences)
            assertThat(t.exception()).isSameAs(e);
        } else {
            assertThat(Conformance.awaitFailure(t)).isSameAs(e);
        }
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromValueTaskSource_Faulted
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void voidFromSourceFaults(boolean sync) {
        checkSourceFaults(sync);
    }

    // .NET: ValueTaskTests.Generic_CreateFromValueTaskSource_Faulted
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fromSourceFaults(boolean sync) {
        checkSourceFaults(sync);
    }

    private static void checkSourceCancels(boolean sync) {
        OperationCanceledException oce = new OperationCanceledException(CancellationToken.NONE);
        ValueAwaitable<Integer> vt = ValueAwaitable.from(sync ? completedSource(0, oce) : delayedSource(0, oce), 0);
        Awaitable<Integer> t = vt.asAwaitable();
        if (!sync) {
            assertThat(Conformance.awaitFailure(t)).isInstanceOf(OperationCanceledException.class);
        }
        assertThat(t.isCancelled()).isTrue();
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromValueTaskSource_Canceled
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void voidFromSourceCancels(boolean sync) {
        checkSourceCancels(sync);
    }

    // .NET: ValueTaskTests.Generic_CreateFromValueTaskSource_Canceled
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fromSourceCancels(boolean sync) {
        checkSourceCancels(sync);
    }

    // .NET: ValueTaskTests.NonGeneric_Preserve_FromResult_NoChanges
    // Not ported: no Java counterpart: no preserve() (asAwaitable() is the one conversion) and no struct equality

    // .NET: ValueTaskTests.NonGeneric_Preserve_FromTask_EqualityMaintained
    // Not ported: no Java counterpart: no preserve() (asAwaitable() is the one conversion) and no struct equality

    // .NET: ValueTaskTests.NonGeneric_Preserve_FromValueTaskSource_TransitionedToTask
    // Not ported: no Java counterpart: no preserve() (asAwaitable() is the one conversion) and no struct equality

    // .NET: ValueTaskTests.Generic_Preserve_FromResult_EqualityMaintained
    // Not ported: no Java counterpart: no preserve() (asAwaitable() is the one conversion) and no struct equality

    // .NET: ValueTaskTests.Generic_Preserve_FromTask_EqualityMaintained
    // Not ported: no Java counterpart: no preserve() (asAwaitable() is the one conversion) and no struct equality

    // .NET: ValueTaskTests.Generic_Preserve_FromValueTaskSource_TransitionedToTask
    // Not ported: no Java counterpart: no preserve() (asAwaitable() is the one conversion) and no struct equality

    /**
     * An async method that awaits three completed ValueAwaitables (plain, configureAwait(false),
     * configureAwait(true)) and reports whether it stayed on its thread and what it got.
     */
    private static <T> Awaitable<Boolean> awaitCompletedThrice(Mode mode, T value) {
        return start(Program.<Boolean>builder("await-completed-value")
                .run(f -> f.set("thread", executingThread()))
                .await(f -> completed(mode, value), "a")
                .run(f -> f.set("same1", executingThread().equals(f.get("thread"))))
                .await(f -> completed(mode, value).configureAwait(false), "b")
                .run(f -> f.set("same2", executingThread().equals(f.get("thread"))))
                .await(f -> completed(mode, value).configureAwait(true), "c")
                .returns(f -> executingThread().equals(f.get("thread"))
                        && (Boolean) f.get("same1")
                        && (Boolean) f.get("same2")
                        && java.util.Objects.equals(f.get("a"), value)
                        && java.util.Objects.equals(f.get("b"), value)
                        && java.util.Objects.equals(f.get("c"), value)));
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromCompleted_Await
    @ParameterizedTest
    @EnumSource(Mode.class)
    void voidAwaitCompletedStaysOnThread(Mode mode) {
        assertThat(await(awaitCompletedThrice(mode, null))).isTrue();
    }

    // .NET: ValueTaskTests.Generic_CreateFromCompleted_Await
    @ParameterizedTest
    @EnumSource(Mode.class)
    void awaitCompletedStaysOnThread(Mode mode) {
        assertThat(await(awaitCompletedThrice(mode, 42))).isTrue();
    }

    /** An async method that awaits {@code t} as configured ("default", "false", "true") and returns what it got. */
    private static <T> Awaitable<T> awaitConfigured(ValueAwaitable<T> t, String continueOnCapturedContext) {
        AwaitableLike<T> awaited = continueOnCapturedContext.equals("default")
                ? t
                : t.configureAwait(Boolean.parseBoolean(continueOnCapturedContext));
        return start(Program.<T>builder("await-value").await(f -> awaited).returnsLast());
    }

    // .NET: ValueTaskTests.NonGeneric_CreateFromTask_Await_Normal
    @ParameterizedTest
    @ValueSource(strings = {"default", "false", "true"})
    void voidAwaitFromAwaitable(String continueOnCapturedContext) {
        ValueAwaitable<Void> t = ValueAwaitable.from(Awaitables.delay(Duration.ofMillis(1)));
        assertThat(await(awaitConfigured(t, continueOnCapturedContext))).isNull();
    }

    // .NET: ValueTaskTests.Generic_CreateFromTask_Await_Normal
    @ParameterizedTest
    @ValueSource(strings = {"default", "false", "true"})
    void awaitFromAwaitable(String continueOnCapturedContext) {
        ValueAwaitable<Integer> t = ValueAwaitable.from(delayed(42));
        assertThat(await(awaitConfigured(t, continueOnCapturedContext))).isEqualTo(42);
    }

    // .NET: ValueTaskTests.CreateFromValueTaskSource_Await_Normal
    @ParameterizedTest
    @ValueSource(strings = {"default", "false", "true"})
    void voidAwaitFromSource(String continueOnCapturedContext) {
        ValueAwaitable<Integer> t = ValueAwaitable.from(delayedSource(42, null), 0);
        await(awaitConfigured(t, continueOnCapturedContext));
    }

    // .NET: ValueTaskTests.Generic_CreateFromValueTaskSource_Await_Normal
    @ParameterizedTest
    @ValueSource(strings = {"default", "false", "true"})
    void awaitFromSource(String continueOnCapturedContext) {
        ValueAwaitable<Integer> t = ValueAwaitable.from(delayedSource(42, null), 0);
        assertThat(await(awaitConfigured(t, continueOnCapturedContext))).isEqualTo(42);
    }

    /** Registers a continuation through {@code awaiter} ({@code onCompleted} or not) and waits until it runs. */
    private static void continuationRuns(Awaiter<?> awaiter, boolean unsafe) {
        CompletionSource<Void> tcs = new CompletionSource<>();
        if (unsafe) {
            awaiter.unsafeOnCompleted(() -> tcs.setResult(null));
        } else {
            awaiter.onCompleted(() -> tcs.setResult(null));
        }
        await(tcs.awaitable());
    }

    // .NET: ValueTaskTests.NonGeneric_Awaiter_OnCompleted
    @ParameterizedTest
    @EnumSource(Mode.class)
    void voidAwaiterOnCompleted(Mode mode) {
        continuationRuns(completed(mode, null).getAwaiter(), false);
    }

    // .NET: ValueTaskTests.NonGeneric_Awaiter_UnsafeOnCompleted
    @ParameterizedTest
    @EnumSource(Mode.class)
    void voidAwaiterUnsafeOnCompleted(Mode mode) {
        continuationRuns(completed(mode, null).getAwaiter(), true);
    }

    // .NET: ValueTaskTests.Generic_Awaiter_OnCompleted
    @ParameterizedTest
    @EnumSource(Mode.class)
    void awaiterOnCompleted(Mode mode) {
        continuationRuns(completed(mode, 42).getAwaiter(), false);
    }

    // .NET: ValueTaskTests.Generic_Awaiter_UnsafeOnCompleted
    @ParameterizedTest
    @EnumSource(Mode.class)
    void awaiterUnsafeOnCompleted(Mode mode) {
        continuationRuns(completed(mode, 42).getAwaiter(), true);
    }

    // .NET: ValueTaskTests.NonGeneric_ConfiguredAwaiter_OnCompleted
    @ParameterizedTest
    @CsvSource({"RESULT, true", "TASK, true", "SOURCE, true", "RESULT, false", "TASK, false", "SOURCE, false"})
    void voidConfiguredAwaiterOnCompleted(Mode mode, boolean continueOnCapturedContext) {
        continuationRuns(
                completed(mode, null).configureAwait(continueOnCapturedContext).getAwaiter(), false);
    }

    // .NET: ValueTaskTests.NonGeneric_ConfiguredAwaiter_UnsafeOnCompleted
    @ParameterizedTest
    @CsvSource({"RESULT, true", "TASK, true", "SOURCE, true", "RESULT, false", "TASK, false", "SOURCE, false"})
    void voidConfiguredAwaiterUnsafeOnCompleted(Mode mode, boolean continueOnCapturedContext) {
        continuationRuns(
                completed(mode, null).configureAwait(continueOnCapturedContext).getAwaiter(), true);
    }

    // .NET: ValueTaskTests.Generic_ConfiguredAwaiter_OnCompleted
    @ParameterizedTest
    @CsvSource({"RESULT, true", "TASK, true", "SOURCE, true", "RESULT, false", "TASK, false", "SOURCE, false"})
    void configuredAwaiterOnCompleted(Mode mode, boolean continueOnCapturedContext) {
        continuationRuns(
                completed(mode, 42).configureAwait(continueOnCapturedContext).getAwaiter(), false);
    }

    // .NET: ValueTaskTests.Generic_ConfiguredAwaiter_UnsafeOnCompleted
    @ParameterizedTest
    @CsvSource({"RESULT, true", "TASK, true", "SOURCE, true", "RESULT, false", "TASK, false", "SOURCE, false"})
    void configuredAwaiterUnsafeOnCompleted(Mode mode, boolean continueOnCapturedContext) {
        continuationRuns(
                completed(mode, 42).configureAwait(continueOnCapturedContext).getAwaiter(), true);
    }

    /**
     * With a counting context current, registers through {@code awaiter}'s {@code onCompleted},
     * runs {@code complete} on another thread, waits until the continuation ran, and returns the
     * number of posts to the context.
     */
    private long postsWhileContinuing(Awaiter<?> awaiter, Runnable complete) {
        AsyncContext tsc = AsyncContext.fromExecutor("tracking", pool);
        CompletionSource<Void> ran = new CompletionSource<>();
        AsyncContext.Scope scope = AsyncContext.enter(tsc);
        try {
            awaiter.onCompleted(() -> ran.setResult(null));
        } finally {
            scope.close();
        }
        pool.execute(complete);
        await(ran.awaitable());
        return tsc.postCount();
    }

    // .NET: ValueTaskTests.NonGeneric_Awaiter_ContinuesOnCapturedContext
    @ParameterizedTest
    @EnumSource(Mode.class)
    void voidAwaiterContinuesOnCapturedContext(Mode mode) {
        // Differs from .NET: already complete, the continuation runs at once, and the captured
        // context is current, so it runs there without a post (README's table of differences); .NET posts
        assertThat(postsWhileContinuing(completed(mode, null).getAwaiter(), () -> {}))
                .isZero();
    }

    // .NET: ValueTaskTests.Generic_Awaiter_ContinuesOnCapturedContext
    @ParameterizedTest
    @CsvSource({"TASK, false", "SOURCE, false", "RESULT, true", "TASK, true", "SOURCE, true"})
    void awaiterContinuesOnCapturedContext(Mode mode, boolean sync) {
        Completing<Integer> c = completing(mode, 42, sync);
        long posts = postsWhileContinuing(c.vt().getAwaiter(), c.complete());
        if (sync) {
            // Differs from .NET: already complete and the captured context current, it runs at once
            // without a post (README's table of differences); .NET posts
            assertThat(posts).isZero();
        } else {
            assertThat(posts).isEqualTo(1);
        }
    }

    private void configuredAwaiterContinuesOnCapturedContext(
            Mode mode, boolean continueOnCapturedContext, boolean sync, Integer value) {
        Completing<Integer> c = completing(mode, value, sync);
        long posts = postsWhileContinuing(
                c.vt().configureAwait(continueOnCapturedContext).getAwaiter(), c.complete());
        if (sync && continueOnCapturedContext) {
            // Differs from .NET: already complete and the captured context current, it runs at once
            // without a post (README's table of differences); .NET posts
            assertThat(posts).isZero();
        } else {
            assertThat(posts).isEqualTo(continueOnCapturedContext ? 1 : 0);
        }
    }

    // .NET: ValueTaskTests.NonGeneric_ConfiguredAwaiter_ContinuesOnCapturedContext
    @ParameterizedTest
    @CsvSource({
        "TASK, true, false",
        "SOURCE, true, false",
        "TASK, false, false",
        "SOURCE, false, false",
        "RESULT, true, true",
        "TASK, true, true",
        "SOURCE, true, true",
        "RESULT, false, true",
        "TASK, false, true",
        "SOURCE, false, true"
    })
    void voidConfiguredAwaiterContinuesOnCapturedContext(Mode mode, boolean continueOnCapturedContext, boolean sync) {
        // (Differs from .NET for the completed rows that continue on the captured context: see the helper)
        configuredAwaiterContinuesOnCapturedContext(mode, continueOnCapturedContext, sync, null);
    }

    // .NET: ValueTaskTests.Generic_ConfiguredAwaiter_ContinuesOnCapturedContext
    @ParameterizedTest
    @CsvSource({
        "TASK, true, false",
        "SOURCE, true, false",
        "TASK, false, false",
        "SOURCE, false, false",
        "RESULT, true, true",
        "TASK, true, true",
        "SOURCE, true, true",
        "RESULT, false, true",
        "TASK, false, true",
        "SOURCE, false, true"
    })
    void configuredAwaiterContinuesOnCapturedContext(Mode mode, boolean continueOnCapturedContext, boolean sync) {
        // (Differs from .NET for the completed rows that continue on the captured context: see the helper)
        configuredAwaiterContinuesOnCapturedContext(mode, continueOnCapturedContext, sync, 42);
    }

    // .NET: ValueTaskTests.NonGeneric_GetHashCode_FromDefault_0
    // Not ported: no Java counterpart: a ValueAwaitable is an object with identity hashing, not a struct

    // .NET: ValueTaskTests.Generic_GetHashCode_FromResult_ContainsResult
    // Not ported: no Java counterpart: a ValueAwaitable is an object with identity hashing, not a struct

    // .NET: ValueTaskTests.NonGeneric_GetHashCode_FromObject_MatchesObjectHashCode
    // Not ported: no Java counterpart: a ValueAwaitable is an object with identity hashing, not a struct

    // .NET: ValueTaskTests.Generic_GetHashCode_FromObject_MatchesObjectHashCode
    // Not ported: no Java counterpart: a ValueAwaitable is an object with identity hashing, not a struct

    // .NET: ValueTaskTests.NonGeneric_OperatorEquals
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.Generic_OperatorEquals
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.NonGeneric_OperatorNotEquals
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.Generic_OperatorNotEquals
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.NonGeneric_Equals_ValueTask
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.Generic_Equals_ValueTask
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.NonGeneric_Equals_Object
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.Generic_Equals_Object
    // Not ported: no Java counterpart: a ValueAwaitable is an object compared by identity, not a struct

    // .NET: ValueTaskTests.NonGeneric_ToString_Success
    // Not ported: no Java counterpart: toString() is a diagnostic description (as Awaitable's), not the result

    // .NET: ValueTaskTests.Generic_ToString_Success
    // Not ported: no Java counterpart: toString() is a diagnostic description (as Awaitable's), not the result

    // .NET: ValueTaskTests.NonGeneric_AsyncMethodBuilderAttribute_ValueTaskAttributed
    // Not ported: no Java counterpart: no AsyncMethodBuilderAttribute

    // .NET: ValueTaskTests.Generic_AsyncMethodBuilderAttribute_ValueTaskAttributed
    // Not ported: no Java counterpart: no AsyncMethodBuilderAttribute

    // .NET: ValueTaskTests.NonGeneric_AsTask_ValueTaskSourcePassesInvalidStateToOnCompleted_Throws
    // Not ported: no Java counterpart: a continuation is a Runnable, with no state object for a source to pass back

    // .NET: ValueTaskTests.Generic_AsTask_ValueTaskSourcePassesInvalidStateToOnCompleted_Throws
    // Not ported: no Java counterpart: a continuation is a Runnable, with no state object for a source to pass back

    // .NET: ValueTaskTests.NonGeneric_OnCompleted_ValueTaskSourcePassesInvalidStateToOnCompleted_Throws
    // Not ported: no Java counterpart: a continuation is a Runnable, with no state object for a source to pass back

    // .NET: ValueTaskTests.Generic_OnCompleted_ValueTaskSourcePassesInvalidStateToOnCompleted_Throws
    // Not ported: no Java counterpart: a continuation is a Runnable, with no state object for a source to pass back

    // .NET: ValueTaskTests.NonGeneric_TornRead_DoesNotCrashOrHang
    // Not ported: no Java counterpart: an object's final fields cannot be read torn, unlike a struct's

    // .NET: ValueTaskTests.Generic_TornRead_DoesNotCrashOrHang
    // Not ported: no Java counterpart: an object's final fields cannot be read torn, unlike a struct's

    // .NET: ValueTaskTests.CompletedTask_EqualsDefault
    // Not ported: no Java counterpart: no ValueTask.CompletedTask and no struct equality

    // .NET: ValueTaskTests.FromResult_CreateSuccessfulTask
    @Test
    void ofCreatesASucceededValueAwaitable() {
        ValueAwaitable<Integer> vtInt = ValueAwaitable.of(42);
        assertStatus(vtInt, AwaitableStatus.SUCCEEDED);
        assertThat(vtInt.getResult()).isEqualTo(42);

        ValueAwaitable<String> vtNullString = ValueAwaitable.of(null);
        assertStatus(vtNullString, AwaitableStatus.SUCCEEDED);
        assertThat(vtNullString.getResult()).isNull();

        ValueAwaitable<String> vtString = ValueAwaitable.of("hello");
        assertStatus(vtString, AwaitableStatus.SUCCEEDED);
        assertThat(vtString.getResult()).isEqualTo("hello");
        // .NET's AsTask()-twice checks are fromValueAsAwaitable's and voidDefaultAsAwaitable's
    }

    // .NET: ValueTaskTests.FromCanceled_CreatesCanceledTask
    @Test
    void fromCancelledCreatesACancelledValueAwaitable() {
        // ValueTask.FromCanceled is from(Awaitable.cancelled(token)), which rejects a token not cancelled
        assertThatThrownBy(() -> Awaitable.cancelled(CancellationToken.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        ValueAwaitable<Integer> vt = ValueAwaitable.from(Awaitable.cancelled(cts.token()));
        assertStatus(vt, AwaitableStatus.CANCELLED);
        Conformance.assertCanceled(vt, cts.token());
    }

    // .NET: ValueTaskTests.FromException_CreatesFaultedTask
    @Test
    void fromExceptionCreatesAFaultedValueAwaitable() {
        assertThatThrownBy(() -> Awaitable.failed(null)).isInstanceOf(NullPointerException.class);
        NumberFormatException e = new NumberFormatException("test");
        ValueAwaitable<Integer> vt = ValueAwaitable.from(Awaitable.failed(e));
        assertStatus(vt, AwaitableStatus.FAULTED);
        assertThat(Conformance.awaitFailure(vt)).isSameAs(e);
    }
}
