package dev.awaitable.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The remaining-time estimate weighs each kind of step by its own time, planned or measured. */
class ProgressTest {

    @Test
    void eachKindIsEstimatedByItsOwnTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 5);
        p.plan("http", 2, Duration.ofSeconds(10));

        p.starting("first"); // nothing measured: the planned kind alone, 2 x 10 s
        p.finished("ok", Duration.ofSeconds(1).toNanos(), false);
        p.starting("second"); // 2 default steps x 1 s + 2 http steps x 10 s
        p.finished("ok", Duration.ofSeconds(1).toNanos(), false);
        p.finished("ok", Duration.ofSeconds(1).toNanos(), false);
        p.finished("http", "ok", Duration.ofSeconds(30).toNanos(), false);
        p.starting("last"); // 1 http step, measured at 30 s

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains(
                        "[1/5] first  (elapsed 0s, ~20s left)",
                        "[2/5] second  (elapsed 0s, ~22s left)",
                        "[5/5] last  (elapsed 0s, ~30s left)");
    }

    @Test
    void withoutPlansTheAverageStepTimeIsUsed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 3);
        p.starting("a");
        p.finished("ok", Duration.ofSeconds(4).toNanos(), false);
        p.starting("b");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("[1/3] a  (elapsed 0s)", "[2/3] b  (elapsed 0s, ~8s left)");
    }

    /** Steps beyond the plan (cells measured again) are numbered as extras, not as 5 of 4. */
    @Test
    void stepsBeyondThePlanAreExtras() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1);
        p.starting("planned");
        p.finished("ok", Duration.ofSeconds(1).toNanos(), false);
        p.starting("again");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("[1/1] planned", "[+1] again  (elapsed 0s)")
                .doesNotContain("[2/1]");
    }
}
