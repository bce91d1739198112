package dev.awaitable.reliability.leak;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.awaitable.jfr.StatisticsEvent;
import dev.awaitable.statemachine.AsyncMethod;
import dev.awaitable.testkit.ManualAwaiter;
import java.lang.management.ManagementFactory;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/**
 * A JFR recording of statistics alone (what the comparison records by default) must not tax
 * every await: no per-await event object is made, and no identity hash is computed, unless the
 * event is on. (Regression: every suspension made a Suspend and a Resume event object to ask
 * whether they were enabled, and escape analysis did not always remove them: they were among the
 * top allocations of a recorded await chain.) Allocation, not time, so it holds on a noisy host.
 */
class RecordingAllocationTest {

    /** {@code for (;;) await pulse;} */
    static final class Forever extends AsyncMethod<Void> {
        final ManualAwaiter<Integer> pulse = new ManualAwaiter<>(); // never completed: the test resumes by hand

        @Override
        public void moveNext() {
            awaitOnCompleted(pulse, this);
        }
    }

    @Test
    void aStatisticsOnlyRecordingAddsNoAllocationPerSuspension() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Forever m = new Forever();
        m.start();
        try (Recording r = new Recording()) {
            r.enable(StatisticsEvent.NAME);
            r.start();
            for (int i = 0; i < 1_000; i++) { // warm up
                m.pulse.continuation().run();
            }
            int n = 20_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                m.pulse.continuation().run(); // resume: the method suspends again
            }
            long perSuspension = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            assertThat(perSuspension)
                    .as("bytes allocated per suspension with a statistics-only recording")
                    .isLessThan(8);
        }
    }
}
