package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Pinning made visible: a body that awaits while holding a monitor pins its carrier on JDK 21-23
 * and does not on JDK 24+ (JEP 491). Either way the await completes, and a pinned park shows up
 * as the JFR event {@code jdk.VirtualThreadPinned}.
 */
class PinningTest extends Contract {

    private static final String PINNED = "jdk.VirtualThreadPinned";

    /** Awaiting inside synchronized completes, and emits jdk.VirtualThreadPinned exactly when the running JDK pins on monitors. */
    @Test
    void awaitHoldingAMonitorIsPinnedOnlyWhereTheJdkPins() throws Exception {
        Path file = Files.createTempFile("loom-pinning", ".jfr");
        Object monitor = new Object();
        try (Recording r = new Recording()) {
            r.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            r.start();
            CompletionSource<Integer> io = new CompletionSource<>();
            Awaitable<Integer> body = Async.run(() -> {
                synchronized (monitor) {
                    return Async.await(io.awaitable()) + 1;
                }
            });
            Thread completer = new Thread(() -> {
                sleep(20);
                io.setResult(1);
            });
            completer.start();
            assertThat(await(body)).isEqualTo(2);
            completer.join();
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> pinned = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(PINNED))
                .filter(e -> e.getThread() != null
                        && VirtualThreads.BODY_THREAD_NAME.equals(e.getThread().getJavaName()))
                .toList();
        Files.deleteIfExists(file);
        int feature = Runtime.version().feature();
        System.out.printf(
                "JDK %d: %d jdk.VirtualThreadPinned event(s) for an await inside synchronized (pinsOnMonitors=%s)%n",
                feature, pinned.size(), LoomBackend.pinsOnMonitors());
        if (feature < 24) {
            assertThat(pinned)
                    .as("JDK %d pins a virtual thread parked while holding a monitor", feature)
                    .isNotEmpty();
        } else {
            assertThat(pinned)
                    .as("JDK %d does not pin on monitors (JEP 491)", feature)
                    .isEmpty();
        }
        assertThat(LoomBackend.pinsOnMonitors()).isEqualTo(feature < 24);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
