package dev.awaitable.statemachine;

import dev.awaitable.CompletionSource;
import dev.awaitable.jfr.StatisticsEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Run in a fresh JVM by {@link NoRecordingStartupTest}: starts a method that suspends and
 * resumes, with no JFR recording anywhere, and prints its result. With the argument
 * {@code record}, then starts a programmatic recording of the statistics event (JFR initializes
 * only now, after the counters loaded) and prints how many of its events name this backend.
 */
public final class NoRecordingProbe {
    private NoRecordingProbe() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        System.out.println("result " + addOne(41) + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        if (args.length > 0 && args[0].equals("record")) {
            System.out.println("statistics events " + recordStatistics());
        }
    }

    private static int addOne(int value) {
        CompletionSource<Integer> input = new CompletionSource<>();
        ResumeLoopTest.Next next = new ResumeLoopTest.Next("probe", input.awaitable(), new java.util.ArrayList<>());
        next.start(); // suspends: the tracing hooks ask whether to record
        input.setResult(value);
        return next.getResult();
    }

    private static long recordStatistics() throws Exception {
        Path file = Files.createTempFile("probe", ".jfr");
        try (Recording r = new Recording()) {
            r.enable(StatisticsEvent.NAME).withPeriod(Duration.ofMillis(50));
            r.start();
            for (int i = 0; i < 5; i++) {
                addOne(i);
                Thread.sleep(60);
            }
            r.stop();
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(StatisticsEvent.NAME))
                    .map((RecordedEvent e) -> e.getString("backend"))
                    .filter(StatemachineBackend.NAME::equals)
                    .count();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
