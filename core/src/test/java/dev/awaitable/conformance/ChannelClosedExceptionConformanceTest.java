package dev.awaitable.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.channels.ChannelClosedException;
import dev.awaitable.testkit.Contract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * .NET's {@code ChannelClosedExceptionTests}
 * (System.Threading.Channels/tests/ChannelClosedExceptionTests.cs and .netcoreapp.cs) against
 * {@link ChannelClosedException}. {@code InnerException} is {@code getCause()};
 * {@code BinaryFormatter} is Java serialization.
 */
class ChannelClosedExceptionConformanceTest extends Contract {

    // .NET: ChannelClosedExceptionTests.Ctors
    @Test
    void constructors() {
        // .NET's parameterless constructor has no counterpart: a channel always says why it is closed
        ChannelClosedException e = new ChannelClosedException("hello");
        assertThat(e.getMessage()).isEqualTo("hello");
        assertThat(e.getCause()).isNull();

        NumberFormatException inner = new NumberFormatException();
        e = new ChannelClosedException("hello", inner);
        assertThat(e.getMessage()).isEqualTo("hello");
        assertThat(e.getCause()).isSameAs(inner);
    }

    // .NET: ChannelClosedExceptionTests.Serialization_Roundtrip
    @Test
    void serializationRoundtrip() throws IOException, ClassNotFoundException {
        IllegalStateException inner = new IllegalStateException("inner");
        ChannelClosedException outer = new ChannelClosedException("outer", inner);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(outer);
        }
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isInstanceOf(ChannelClosedException.class).isNotSameAs(outer);
        ChannelClosedException newOuter = (ChannelClosedException) read;
        assertThat(newOuter.getMessage()).isEqualTo(outer.getMessage());
        assertThat(newOuter.getCause()).isNotNull().isNotSameAs(inner);
        assertThat(newOuter.getCause().getMessage()).isEqualTo(inner.getMessage());
    }
}
