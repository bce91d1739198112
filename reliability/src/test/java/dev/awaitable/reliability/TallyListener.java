package dev.awaitable.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints {@link Tally#summary()} when the test plan finishes and writes it to
 * {@code target/reliability-summary.txt}, so a long run leaves its counts behind for README.
 * Registered through {@code META-INF/services}.
 */
public final class TallyListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (Tally.PROGRAMS.get() + Tally.RACES.get() + Tally.FAULTS.get() == 0) {
            return; // a run of other tests only
        }
        String line = Tally.summary();
        System.out.println(line);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("reliability-summary.txt"), line + System.lineSeparator());
            }
        } catch (IOException e) {
            System.err.println("could not write target/reliability-summary.txt: " + e);
        }
    }
}
