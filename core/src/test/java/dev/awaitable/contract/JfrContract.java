package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.jfr.ResumeEvent;
import dev.awaitable.jfr.StatisticsEvent;
import dev.awaitable.jfr.SuspendEvent;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Every backend emits the same JFR events: suspensions, resumptions with latency, and periodic statistics. */
class JfrContract extends Contract {

    /**
     * A body that suspends once emits one Suspend and one Resume event naming the backend.
     *
     * <p>The backend runs one body before the recording starts, so its statistics counters
     * (and with them the periodic statistics event) exist by then. A JFR quirk otherwise: a
     * programmatic recording that enables a periodic event by name before the event's hook is
     * registered never emits it (a {@code -XX:StartFlightRecording} one does). Run alone, this
     * test used to hit that and pass only when an earlier test had used the backend.
     */
    @Test
    void suspendAndResumeEventsAreRecorded() throws Exception {
        CompletionSource<Integer> warm = new CompletionSource<>();
        Awaitable<Integer> first = start(
                Program.<Integer>builder("warm-up").await(f -> warm.awaitable()).returnsLast());
        warm.setResult(0);
        await(first);
        Path file = Files.createTempFile("awaitable-contract", ".jfr");
        try (Recording r = new Recording()) {
            r.enable(SuspendEvent.NAME);
            r.enable(ResumeEvent.NAME);
            r.enable(StatisticsEvent.NAME).withPeriod(Duration.ofMillis(100));
            r.start();
            CompletionSource<Integer> io = new CompletionSource<>();
            Awaitable<Integer> body = start(Program.<Integer>builder("traced")
                    .await(f -> io.awaitable())
                    .returnsLast());
            Thread.sleep(5);
            io.setResult(1);
            await(body);
            Thread.sleep(250);
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.deleteIfExists(file);
        List<RecordedEvent> suspends = events.stream()
                .filter(e -> e.getEventType().getName().equals(SuspendEvent.NAME))
                .filter(e -> backend().equals(e.getString("backend")))
                .toList();
        List<RecordedEvent> resumes = events.stream()
                .filter(e -> e.getEventType().getName().equals(ResumeEvent.NAME))
                .filter(e -> backend().equals(e.getString("backend")))
                .toList();
        assertThat(suspends).isNotEmpty();
        assertThat(resumes).isNotEmpty();
        RecordedEvent resume = resumes.get(resumes.size() - 1);
        assertThat(resume.getLong("suspendedFor"))
                .isGreaterThanOrEqualTo(Duration.ofMillis(4).toNanos());
        assertThat(resume.getLong("resumeLatency")).isGreaterThanOrEqualTo(0L);
        assertThat(events.stream()
                        .filter(e -> e.getEventType().getName().equals(StatisticsEvent.NAME))
                        .filter(e -> backend().equals(e.getString("backend")))
                        .anyMatch(e -> e.getLong("suspensions") >= 1 && e.getLong("resumptions") >= 1))
                .isTrue();
    }
}
