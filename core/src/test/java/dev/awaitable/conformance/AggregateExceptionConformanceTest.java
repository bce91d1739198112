package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AggregateException;
import dev.awaitable.testkit.Contract;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .NET's {@code AggregateExceptionTests} (System.Threading.Tasks/tests/AggregateExceptionTests.cs)
 * against {@link AggregateException}, whose one constructor takes a message and a list.
 */
class AggregateExceptionConformanceTest extends Contract {

    // .NET: AggregateExceptionTests.ConstructorBasic
    @Test
    void constructorBasic() {
        AggregateException ex = new AggregateException("message", List.of());
        assertThat(ex.exceptions()).isEmpty();
        assertThat(ex.getMessage()).isNotNull();
        ex = new AggregateException("message", List.of(new Exception()));
        assertThat(ex.exceptions()).hasSize(1);
        assertThat(ex.getMessage()).isNotNull();
    }

    // .NET: AggregateExceptionTests.ConstructorInvalidArguments
    @Test
    void constructorInvalidArguments() {
        assertThatThrownBy(() -> new AggregateException("message", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AggregateException("message", Arrays.asList(new Exception(), null)))
                .isInstanceOf(NullPointerException.class);
    }

    // .NET: AggregateExceptionTests.BaseExceptions
    // Not ported: no Java counterpart: no GetBaseException (Java's getCause chain is the idiom)

    // .NET: AggregateExceptionTests.Handle
    // Not ported: no Java counterpart: AggregateException has no handle(predicate)

    // .NET: AggregateExceptionTests.HandleInvalidCases
    // Not ported: no Java counterpart: AggregateException has no handle(predicate)

    // .NET: AggregateExceptionTests.Flatten
    // Not ported: no Java counterpart: AggregateException has no flatten()

    /**
     * Not a .NET test: AggregateException's own Javadoc promises the first failure as the cause
     * and the others as suppressed, so a logged stack trace shows them all.
     */
    @Test
    void causeIsTheFirstAndSuppressedHoldTheOthers() {
        Exception a = new Exception("A");
        Exception b = new Exception("B");
        Exception c = new Exception("C");
        AggregateException ex = new AggregateException("message", List.of(a, b, c));
        assertThat(ex.exceptions()).containsExactly(a, b, c);
        assertThat(ex.getCause()).isSameAs(a);
        assertThat(ex.getSuppressed()).containsExactly(b, c);
    }
}
