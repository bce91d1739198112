package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.testkit.Contract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code TaskCompletionSourceTResultTests}
 * (System.Threading.Tasks/tests/Task/TaskCompletionSourceTResultTests.cs) against
 * {@link CompletionSource}. {@code TaskStatus.WaitingForActivation} is PENDING,
 * {@code RanToCompletion} SUCCEEDED; {@code TaskCanceledException} is
 * {@link OperationCanceledException}.
 */
class TaskCompletionSourceConformanceTest extends Contract {

    private static <T> void assertFailsToCompleteAgain(CompletionSource<T> tcs) {
        assertThatThrownBy(() -> tcs.setResult(null)).isInstanceOf(IllegalStateException.class);
        assertThat(tcs.trySetResult(null)).isFalse();
        assertThatThrownBy(() -> tcs.setException(new Exception())).isInstanceOf(IllegalStateException.class);
        assertThat(tcs.trySetException(new Exception())).isFalse();
        assertThatThrownBy(tcs::setCancelled).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tcs.setCancelled(CancellationToken.NONE)).isInstanceOf(IllegalStateException.class);
        assertThat(tcs.trySetCancelled()).isFalse();
        assertThat(tcs.trySetCancelled(CancellationToken.NONE)).isFalse();
    }

    // .NET: TaskCompletionSourceTResultTests.Ctor_ArgumentsRoundtrip
    @Test
    void constructorArgumentsRoundtrip() {
        // AsyncState has no counterpart; the options' one counterpart is runContinuationsAsynchronously
        for (CompletionSource<Boolean> tcs :
                java.util.List.of(new CompletionSource<Boolean>(), new CompletionSource<Boolean>(true))) {
            assertThat(tcs.awaitable()).isNotNull().isSameAs(tcs.awaitable());
            assertThat(tcs.awaitable().status()).isEqualTo(AwaitableStatus.PENDING);
        }
    }

    // .NET: TaskCompletionSourceTResultTests.Ctor_InvalidArguments_Throws
    // Not ported: no Java counterpart: no TaskCreationOptions to validate (one boolean)

    // .NET: TaskCompletionSourceTResultTests.SetResult_CompletesSuccessfully
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void setResultCompletesSuccessfully(boolean tryMethod) {
        Object result = new Object();
        CompletionSource<Object> tcs = new CompletionSource<>();
        assertThat(tcs.awaitable().status()).isEqualTo(AwaitableStatus.PENDING);
        if (tryMethod) {
            assertThat(tcs.trySetResult(result)).isTrue();
        } else {
            tcs.setResult(result);
        }
        assertThat(tcs.awaitable().status()).isEqualTo(AwaitableStatus.SUCCEEDED);
        assertThat(tcs.awaitable().resultNow()).isSameAs(result);
        assertFailsToCompleteAgain(tcs);
    }

    // .NET: TaskCompletionSourceTResultTests.SetCanceled_CompletesSuccessfully
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void setCancelledCompletesSuccessfully(boolean tryMethod) {
        CompletionSource<Object> tcs = new CompletionSource<>();
        if (tryMethod) {
            assertThat(tcs.trySetCancelled()).isTrue();
        } else {
            tcs.setCancelled();
        }
        assertThat(tcs.awaitable().status()).isEqualTo(AwaitableStatus.CANCELLED);
        Throwable t = catchThrowable(() -> tcs.awaitable().getAwaiter().getResult());
        // Differs from .NET: exception() of a cancelled awaitable is the cancellation an await throws;
        // .NET's Task.Exception is null (Awaitable.exception() Javadoc, README's differences from .NET).
        assertThat(tcs.awaitable().exception()).isSameAs(t);
        assertThat(t).isInstanceOf(OperationCanceledException.class);
        assertThat(((OperationCanceledException) t).token()).isEqualTo(CancellationToken.NONE);
        assertFailsToCompleteAgain(tcs);
    }

    // .NET: TaskCompletionSourceTResultTests.SetCanceled_Token_CompletesSuccessfully
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void setCancelledWithTokenCompletesSuccessfully(boolean tryMethod) {
        CompletionSource<Object> tcs = new CompletionSource<>();
        CancellationTokenSource cts = new CancellationTokenSource();
        if (tryMethod) {
            assertThat(tcs.trySetCancelled(cts.token())).isTrue();
        } else {
            tcs.setCancelled(cts.token());
        }
        assertThat(tcs.awaitable().status()).isEqualTo(AwaitableStatus.CANCELLED);
        Throwable t = catchThrowable(() -> tcs.awaitable().getAwaiter().getResult());
        // Differs from .NET: exception() of a cancelled awaitable is the cancellation an await throws;
        // .NET's Task.Exception is null (Awaitable.exception() Javadoc, README's differences from .NET).
        assertThat(tcs.awaitable().exception()).isSameAs(t);
        assertThat(t).isInstanceOf(OperationCanceledException.class);
        assertThat(((OperationCanceledException) t).token()).isEqualTo(cts.token());
        assertFailsToCompleteAgain(tcs);
    }

    // .NET: TaskCompletionSourceTResultTests.SetException_Exception_CompletesSuccessfully
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void setExceptionCompletesSuccessfully(boolean tryMethod) {
        Exception e = new Exception();
        CompletionSource<Object> tcs = new CompletionSource<>();
        if (tryMethod) {
            assertThat(tcs.trySetException(e)).isTrue();
        } else {
            tcs.setException(e);
        }
        assertThat(tcs.awaitable().status()).isEqualTo(AwaitableStatus.FAULTED);
        // Differs from .NET: exception() is the exception itself, not an AggregateException around
        // it (Awaitable.exception() Javadoc: an AggregateException only for a faulted combinator)
        assertThat(tcs.awaitable().exception()).isSameAs(e);
        assertFailsToCompleteAgain(tcs);
    }

    // .NET: TaskCompletionSourceTResultTests.SetException_Enumerable_CompletesSuccessfully
    // Not ported: no Java counterpart: CompletionSource faults with one exception, not a list

    /**
     * Not a .NET test method: {@code Task.FromCanceled(default)} throws, since a token that can
     * never be cancelled cannot have cancelled anything (its documented contract).
     */
    @Test
    void cancelledWithATokenThatCannotBeCancelledThrows() {
        assertThatThrownBy(() -> Awaitable.cancelled(CancellationToken.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        CancellationToken cancelled = CancellationToken.cancelled();
        assertThat(Awaitable.cancelled(cancelled).isCancelled()).isTrue();
    }
}
