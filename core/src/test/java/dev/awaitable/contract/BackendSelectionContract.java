package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Async;
import dev.awaitable.internal.Backends;
import dev.awaitable.testkit.Contract;
import org.junit.jupiter.api.Test;

/** The SPI: backends are found with ServiceLoader and chosen by name; bad names are one clear error. */
class BackendSelectionContract extends Contract {

    /** The selected backend is the one named by -Dawaitable.backend, and it is on the list. */
    @Test
    void selectedBackendIsFoundByName() {
        String name = System.getProperty(Backends.PROPERTY);
        assertThat(Async.backend().name()).isEqualTo(name);
        assertThat(Async.availableBackends()).contains(name);
        assertThat(Async.backend().description()).isNotBlank();
    }

    /** An unknown name is one IllegalStateException that lists what is on the class path. */
    @Test
    void unknownBackendListsAvailable() {
        assertThatThrownBy(() -> Async.useBackend("no-such-backend"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown Awaitable backend 'no-such-backend'")
                .hasMessageContaining(Async.backend().name());
        assertThatThrownBy(() -> Async.setDefaultBackend("nope")).isInstanceOf(IllegalStateException.class);
    }
}
