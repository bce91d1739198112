package dev.awaitable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard program, run on the backend {@code -Dawaitable.backend} names (the build runs this
 * class once per backend): the same results, the same progress in the same order, the same calls
 * cancelled, whichever backend runs the one source.
 */
class DashboardProgramTest {

    private final Observation run = DashboardProgram.run();

    @Test
    void runsOnTheBackendTheFlagNames() {
        assertThat(run.backend()).isEqualTo(System.getProperty("awaitable.backend"));
    }

    /** Every service is read: answers, one retry that succeeds, two timeouts, one failure. */
    @Test
    void readsEveryService() {
        List<Reading> expected = new ArrayList<>();
        for (int i = 0; i < ServiceDashboard.SERVICES; i++) {
            String name = String.format("service-%02d", i);
            expected.add(
                    switch (i) {
                        case 3 -> Reading.ok(name, 32, 2);
                        case 7, 13 -> Reading.timedOut(name, 2);
                        case 11 -> Reading.failed(name, "down for maintenance", 1);
                        default -> Reading.ok(name, i * 10 + 1, 1);
                    });
        }
        assertThat(run.result().title()).isEqualTo("Dashboard (from mirror-eu)");
        assertThat(run.result().readings()).containsExactlyElementsOf(expected);
        assertThat(run.result().stored()).isEqualTo(ServiceDashboard.SERVICES);
    }

    /** Progress reaches the UI context, in the order the consumer stored the readings. */
    @Test
    void reportsProgressInOrderOnTheUiContext() {
        assertThat(run.progressOnUi()).isTrue();
        assertThat(run.progress()).hasSize(ServiceDashboard.SERVICES);
        assertThat(run.progress().get(0)).isEqualTo("1/20 service-00 ok");
        assertThat(run.progress().get(11)).isEqualTo("12/20 service-11 failed: down for maintenance");
        assertThat(run.progress().get(13)).isEqualTo("14/20 service-13 timed out");
        assertThat(run.progress())
                .extracting(p -> p.split(" ")[1])
                .containsExactlyElementsOf(IntStream.range(0, ServiceDashboard.SERVICES)
                        .mapToObj(i -> String.format("service-%02d", i))
                        .toList());
    }

    /**
     * The losing mirror is cancelled first; then every attempt given up on: the first attempts of
     * the three slow services (together, in any order), then the second attempts of the two that
     * never answer.
     */
    @Test
    void cancelsWhatItGaveUpOn() {
        assertThat(run.cancelled()).hasSize(6);
        assertThat(run.cancelled().get(0)).isEqualTo("mirror-us#1");
        assertThat(run.cancelled().subList(1, 4))
                .containsExactlyInAnyOrder("service-03#1", "service-07#1", "service-13#1");
        assertThat(run.cancelled().subList(4, 6)).containsExactlyInAnyOrder("service-07#2", "service-13#2");
    }

    /** Each reading is saved once, in order, and the store is flushed last (the await in finally). */
    @Test
    void storesEveryReadingThenFlushes() {
        List<String> expected = new ArrayList<>();
        IntStream.range(0, ServiceDashboard.SERVICES)
                .forEach(i -> expected.add(String.format("saved service-%02d", i)));
        expected.add("flushed");
        assertThat(run.journal()).containsExactlyElementsOf(expected);
    }
}
