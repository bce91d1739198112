package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.CancellationToken;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.testkit.Contract;

/**
 * Assertions shared by the conformance tests: the counterparts of the helpers .NET's own tests
 * use ({@code AssertSynchronousSuccess}, {@code AssertCanceled}, {@code Assert.ThrowsAsync}).
 * Every wait is bounded by {@link Contract#WAIT}.
 */
final class Conformance extends Contract {

    private Conformance() {}

    /** Waits for a ValueAwaitable (consuming it) and returns its value or rethrows its failure. */
    static <T> T awaitValue(ValueAwaitable<T> v) {
        return await(v.asAwaitable());
    }

    /** Waits for {@code a} and returns what it threw; fails if it succeeded. */
    static Throwable awaitFailure(Awaitable<?> a) {
        Throwable t = catchThrowable(() -> await(a));
        assertThat(t).as("awaiting %s", a).isNotNull();
        return t;
    }

    static Throwable awaitFailure(ValueAwaitable<?> v) {
        return awaitFailure(v.asAwaitable());
    }

    /** .NET's {@code AssertSynchronousSuccess}: complete already, successfully. */
    static void assertSynchronousSuccess(ValueAwaitable<?> v) {
        assertThat(v.isCompletedSuccessfully())
                .as("%s completed synchronously", v)
                .isTrue();
    }

    /** .NET's {@code AssertSynchronousTrue}. */
    static void assertSynchronousTrue(ValueAwaitable<Boolean> v) {
        assertSynchronousSuccess(v);
        assertThat(v.getResult()).isTrue();
    }

    /** .NET's {@code AssertCanceled(task, token)}: ends cancelled, and awaiting it throws a cancellation carrying the token. */
    static void assertCanceled(Awaitable<?> a, CancellationToken token) {
        Throwable t = awaitFailure(a);
        assertThat(a.status()).isEqualTo(AwaitableStatus.CANCELLED);
        assertThat(t).isInstanceOf(OperationCanceledException.class);
        assertThat(((OperationCanceledException) t).token()).isEqualTo(token);
    }

    static void assertCanceled(ValueAwaitable<?> v, CancellationToken token) {
        assertCanceled(v.asAwaitable(), token);
    }
}
