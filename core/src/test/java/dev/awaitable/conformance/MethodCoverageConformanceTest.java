package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AggregateException;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * .NET's {@code TaskCoverage.Coverage} (System.Runtime/tests/System.Threading.Tasks.Tests/
 * MethodCoverage.cs), the home of dotnet/runtime's {@code Task.WhenAll} and {@code Task.WhenAny}
 * tests, against {@link Awaitables#whenAll} and {@link Awaitables#whenAny}. Java has one
 * {@link Awaitable} type for .NET's {@code Task} and {@code Task<T>}, so each test's "non-generic"
 * and "generic" halves are one here; {@code Task.Exception.InnerExceptions} is
 * {@link AggregateException#exceptions()} of {@code exception()}.
 */
class MethodCoverageConformanceTest extends Contract {

    private static Awaitable<Integer> pending() {
        return new CompletionSource<Integer>().awaitable();
    }

    /** The inner exceptions of a faulted whenAll. */
    private static List<Throwable> innerExceptions(Awaitable<?> whenAll) {
        assertThat(whenAll.exception()).isInstanceOf(AggregateException.class);
        return ((AggregateException) whenAll.exception()).exceptions();
    }

    // .NET: MethodCoverage.TaskWait_MaxInt32
    @Test
    void waitWithMaxIntTimeout() throws TimeoutException {
        Awaitable<Void> t = Awaitables.delay(Duration.ofMillis(1));
        Awaitables.whenAll(t).join(Duration.ofMillis(Integer.MAX_VALUE));
        assertThat(t.isCompletedSuccessfully()).isTrue();
    }

    // .NET: MethodCoverage.TaskContinuation
    // Not ported: no Java counterpart: ConcurrentExclusiveSchedulerPair, ContinueWith with options and state

    // .NET: MethodCoverage.TaskWaitWithCTS
    // Not ported: no Java counterpart: ContinueWith with a token, Task.CurrentId, Wait(token)

    // .NET: MethodCoverage.TaskWaitAny_WhenAny
    @Test
    void whenAnyOfRunningWork() {
        // the WhenAny half; the blocking WaitAny and Task.CurrentId have no counterpart
        CountDownLatch release = new CountDownLatch(1);
        Awaitable<Integer> t11 = Awaitables.run(() -> {
            assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            return 11;
        });
        Awaitable<Integer> t21 = Awaitables.run(() -> {
            assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            return 21;
        });
        Awaitable<Awaitable<Integer>> any = Awaitables.whenAny(List.of(t11, t21));
        assertThat(any.isCompleted()).isFalse();
        release.countDown();
        Awaitable<Integer> first = await(any);
        assertThat(first).isIn(t11, t21);
        assertThat(await(first)).isIn(11, 21);
        assertThat(await(t11)).isEqualTo(11);
        assertThat(await(t21)).isEqualTo(21);
    }

    // .NET: MethodCoverage.Task_WhenAny_TwoTasks_InvalidArgs_Throws
    @Test
    void whenAnyTwoTasksNullThrows() {
        assertThatThrownBy(() -> Awaitables.whenAny(null, Awaitable.completed(1)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Awaitables.whenAny(Awaitable.completed(2), null))
                .isInstanceOf(NullPointerException.class);
    }

    // .NET: MethodCoverage.Task_WhenAny_NoTasks_Throws
    @Test
    void whenAnyNoTasksThrows() {
        assertThatThrownBy(() -> Awaitables.<Integer>whenAny()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Awaitables.whenAny(new ArrayList<Awaitable<Integer>>()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Awaitables.whenAny(List.<Awaitable<Integer>>of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // .NET: MethodCoverage.Task_WhenAny_TwoTasks_OnePreCompleted
    @Test
    void whenAnyTwoTasksOnePreCompleted() {
        Awaitable<Integer> t1 = Awaitable.completed(1);
        Awaitable<Integer> t2 = pending();
        assertThat(await(Awaitables.whenAny(t1, t2))).isSameAs(t1);
        assertThat(await(Awaitables.whenAny(t2, t1))).isSameAs(t1);
    }

    // .NET: MethodCoverage.Task_WhenAny_TwoTasks_BothPreCompleted
    @Test
    void whenAnyTwoTasksBothPreCompleted() {
        Awaitable<Integer> t1 = Awaitable.completed(1);
        Awaitable<Integer> t2 = Awaitable.completed(2);
        assertThat(await(Awaitables.whenAny(t1, t2))).isSameAs(t1);
        assertThat(await(Awaitables.whenAny(t1, t1))).isSameAs(t1);
        assertThat(await(Awaitables.whenAny(t2, t1))).isSameAs(t2);
    }

    // .NET: MethodCoverage.Task_WhenAny_TwoTasks_WakesOnFirstCompletion
    @Test
    void whenAnyTwoTasksWakesOnFirstCompletion() {
        for (int winner = 0; winner < 2; winner++) {
            List<CompletionSource<Integer>> sources = List.of(new CompletionSource<>(), new CompletionSource<>());
            Awaitable<Awaitable<Integer>> twa = Awaitables.whenAny(
                    sources.get(0).awaitable(), sources.get(1).awaitable());
            assertThat(twa.isCompleted()).isFalse();
            sources.get(winner).setResult(42);
            assertThat(await(twa)).isSameAs(sources.get(winner).awaitable());
        }
    }

    // .NET: MethodCoverage.CancellationTokenRegitration
    @Test
    void cancellationTokenRegistration() throws InterruptedException {
        CountDownLatch mre = new CountDownLatch(1);
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.token().register(mre::countDown);
        cts.cancelAfter(Duration.ofMillis(5));
        assertThat(mre.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    // .NET: MethodCoverage.TaskAwaiter
    @Test
    void awaiterUnsafeOnCompletedIsInvoked() throws InterruptedException {
        CountDownLatch mre = new CountDownLatch(1);
        CountDownLatch mre2 = new CountDownLatch(1);
        CountDownLatch mre3 = new CountDownLatch(1);
        Awaitable<Void> t1 = Awaitables.run(() -> {
            mre.await();
            return null;
        });
        Awaitable<Integer> t11 = Awaitables.run(() -> {
            mre.await();
            return 1;
        });
        t1.getAwaiter().unsafeOnCompleted(mre2::countDown);
        t11.getAwaiter().unsafeOnCompleted(mre3::countDown);
        mre.countDown();
        assertThat(mre2.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(mre3.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    // .NET: MethodCoverage.TaskConfigurableAwaiter
    @Test
    void configuredAwaiterUnsafeOnCompletedIsInvoked() throws InterruptedException {
        CountDownLatch mre = new CountDownLatch(1);
        CountDownLatch mre2 = new CountDownLatch(1);
        CountDownLatch mre3 = new CountDownLatch(1);
        Awaitable<Void> t1 = Awaitables.run(() -> {
            mre.await();
            return null;
        });
        Awaitable<Integer> t11 = Awaitables.run(() -> {
            mre.await();
            return 1;
        });
        t1.configureAwait(false).getAwaiter().unsafeOnCompleted(mre2::countDown);
        t11.configureAwait(false).getAwaiter().unsafeOnCompleted(mre3::countDown);
        mre.countDown();
        assertThat(mre2.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(mre3.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    // .NET: MethodCoverage.FromAsync
    // Not ported: no Java counterpart: the APM pattern (IAsyncResult, TaskFactory.FromAsync)

    // .NET: MethodCoverage.Task_WhenAll_NullArgument_Throws
    @Test
    void whenAllNullArgumentThrows() {
        assertThatThrownBy(() -> Awaitables.whenAll((Awaitable<Integer>[]) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Awaitables.whenAll((Collection<Awaitable<Integer>>) null))
                .isInstanceOf(NullPointerException.class);
    }

    // .NET: MethodCoverage.Task_WhenAll_NoTasks_IsCompletedSuccessfully
    @Test
    void whenAllNoTasksSucceeds() {
        for (Awaitable<List<Integer>> all :
                List.of(Awaitables.<Integer>whenAll(), Awaitables.whenAll(new ArrayList<Awaitable<Integer>>()))) {
            assertThat(all.isCompletedSuccessfully()).isTrue();
            assertThat(all.resultNow()).isEmpty();
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_BothPreCompleted
    @Test
    void whenAllTwoTasksBothPreCompleted() {
        Awaitable<Integer> t1 = Awaitable.completed(1);
        Awaitable<Integer> t2 = Awaitable.completed(2);
        assertSucceededWith(Awaitables.whenAll(t1, t2), 1, 2);
        assertSucceededWith(Awaitables.whenAll(t1, t1), 1, 1);
        assertSucceededWith(Awaitables.whenAll(t2, t1), 2, 1);
    }

    private static void assertSucceededWith(Awaitable<List<Integer>> all, Integer... expected) {
        assertThat(all.isCompletedSuccessfully()).isTrue();
        assertThat(all.resultNow()).containsExactly(expected);
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_OnePreCompleted
    @Test
    void whenAllTwoTasksOnePreCompleted() {
        Awaitable<Integer> t1 = pending();
        Awaitable<Integer> t2 = Awaitable.completed(2);
        assertThat(Awaitables.whenAll(t1, t2).isCompletedSuccessfully()).isFalse();
        assertThat(Awaitables.whenAll(t1, t1).isCompletedSuccessfully()).isFalse();
        assertThat(Awaitables.whenAll(t2, t1).isCompletedSuccessfully()).isFalse();
    }

    /**
     * .NET's "first completes first" and "second completes first" halves: completes the two
     * sources in that order with {@code first} and {@code second}, checking that whenAll waits
     * for both, and returns it.
     */
    private static Awaitable<List<Integer>> completeBoth(
            boolean secondFirst,
            BiConsumer<CompletionSource<Integer>, Integer> first,
            BiConsumer<CompletionSource<Integer>, Integer> second) {
        CompletionSource<Integer> t1 = new CompletionSource<>();
        CompletionSource<Integer> t2 = new CompletionSource<>();
        Awaitable<List<Integer>> twa = Awaitables.whenAll(t1.awaitable(), t2.awaitable());
        assertThat(twa.isCompleted()).isFalse();
        if (secondFirst) {
            second.accept(t2, 2);
            assertThat(twa.isCompleted()).isFalse();
            first.accept(t1, 1);
        } else {
            first.accept(t1, 1);
            assertThat(twa.isCompleted()).isFalse();
            second.accept(t2, 2);
        }
        assertThat(twa.isCompleted()).isTrue();
        return twa;
    }

    private static void succeed(CompletionSource<Integer> tcs, int value) {
        tcs.setResult(value);
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WakesOnBothCompletion
    @Test
    void whenAllTwoTasksWakesOnBothCompletion() {
        for (boolean secondFirst : new boolean[] {false, true}) {
            Awaitable<List<Integer>> twa = completeBoth(
                    secondFirst, MethodCoverageConformanceTest::succeed, MethodCoverageConformanceTest::succeed);
            assertThat(twa.isCompletedSuccessfully()).isTrue();
            assertThat(twa.resultNow()).containsExactly(1, 2);
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WhenPreCompletedFromException
    @Test
    void whenAllTwoTasksOnePreFaulted() {
        Exception exception = new Exception();
        Awaitable<Integer> t1 = Awaitable.failed(exception);
        Awaitable<Integer> t2 = Awaitable.completed(2);
        for (Awaitable<List<Integer>> all :
                List.of(Awaitables.whenAll(t1, t2), Awaitables.whenAll(t1, t1), Awaitables.whenAll(t2, t1))) {
            assertThat(all.isCompleted()).isTrue();
            assertThat(all.isFaulted()).isTrue();
            assertThat(innerExceptions(all).get(0)).isSameAs(exception);
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WhenBothPreCompletedFromException
    @Test
    void whenAllTwoTasksBothPreFaulted() {
        Exception e1 = new Exception();
        Exception e2 = new Exception();
        Awaitable<Integer> t1 = Awaitable.failed(e1);
        Awaitable<Integer> t2 = Awaitable.failed(e2);
        assertThat(innerExceptions(Awaitables.whenAll(t1, t2))).containsExactly(e1, e2);
        assertThat(innerExceptions(Awaitables.whenAll(t1, t1))).containsExactly(e1, e1);
        assertThat(innerExceptions(Awaitables.whenAll(t2, t1))).containsExactly(e2, e1);
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WakesOnBothCompletionWithException
    @Test
    void whenAllTwoTasksWakesOnBothCompletionWithException() {
        Exception e2 = new Exception();
        for (boolean secondFirst : new boolean[] {false, true}) {
            Awaitable<List<Integer>> twa =
                    completeBoth(secondFirst, MethodCoverageConformanceTest::succeed, (tcs, v) -> tcs.setException(e2));
            assertThat(twa.isFaulted()).isTrue();
            assertThat(innerExceptions(twa).get(0)).isSameAs(e2);
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WakesOnBothCompletionWithExceptionForBoth
    @Test
    void whenAllTwoTasksWakesOnBothCompletionWithExceptionForBoth() {
        Exception e1 = new Exception();
        Exception e2 = new Exception();
        for (boolean secondFirst : new boolean[] {false, true}) {
            Awaitable<List<Integer>> twa =
                    completeBoth(secondFirst, (tcs, v) -> tcs.setException(e1), (tcs, v) -> tcs.setException(e2));
            assertThat(twa.isFaulted()).isTrue();
            // .NET does not promise the order; ours is the inputs' (Awaitables.whenAll)
            assertThat(innerExceptions(twa)).containsExactlyInAnyOrder(e1, e2);
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WakesOnBothCompletionWithCancellation
    @Test
    void whenAllTwoTasksWakesOnBothCompletionWithCancellation() {
        CancellationToken ct2 = CancellationToken.cancelled();
        for (boolean secondFirst : new boolean[] {false, true}) {
            Awaitable<List<Integer>> twa = completeBoth(
                    secondFirst, MethodCoverageConformanceTest::succeed, (tcs, v) -> tcs.setCancelled(ct2));
            assertThat(twa.isCancelled()).isTrue();
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WakesOnBothCompletionWithCancellationForBoth
    @Test
    void whenAllTwoTasksWakesOnBothCompletionWithCancellationForBoth() {
        CancellationToken ct1 = CancellationToken.cancelled();
        CancellationToken ct2 = CancellationToken.cancelled();
        for (boolean secondFirst : new boolean[] {false, true}) {
            Awaitable<List<Integer>> twa =
                    completeBoth(secondFirst, (tcs, v) -> tcs.setCancelled(ct1), (tcs, v) -> tcs.setCancelled(ct2));
            assertThat(twa.isCancelled()).isTrue();
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WakesOnBothCompletionWithSameCancellationForBoth
    @Test
    void whenAllTwoTasksWakesOnBothCompletionWithSameCancellationForBoth() {
        for (boolean secondFirst : new boolean[] {false, true}) {
            CompletionSource<Integer> t1 = new CompletionSource<>();
            CompletionSource<Integer> t2 = new CompletionSource<>();
            CancellationTokenSource cts = new CancellationTokenSource();
            if (secondFirst) {
                cts.token().register(t2::trySetCancelled);
                cts.token().register(t1::trySetCancelled);
            } else {
                cts.token().register(t1::trySetCancelled);
                cts.token().register(t2::trySetCancelled);
            }
            Awaitable<List<Integer>> twa = Awaitables.whenAll(t1.awaitable(), t2.awaitable());
            assertThat(twa.isCompleted()).isFalse();
            cts.cancel();
            assertThat(twa.isCompleted()).isTrue();
            assertThat(twa.isCancelled()).isTrue();
        }
    }

    // .NET: MethodCoverage.Task_WhenAll_TwoTasks_WakesOnBothCompletionWithExceptionAndCancellation
    @Test
    void whenAllTwoTasksFaultBeatsCancellation() {
        Exception e1 = new Exception();
        CancellationToken ct2 = CancellationToken.cancelled();
        for (boolean secondFirst : new boolean[] {false, true}) {
            Awaitable<List<Integer>> twa =
                    completeBoth(secondFirst, (tcs, v) -> tcs.setException(e1), (tcs, v) -> tcs.setCancelled(ct2));
            assertThat(twa.isFaulted()).isTrue();
            assertThat(innerExceptions(twa).get(0)).isSameAs(e1);
        }
    }
}
