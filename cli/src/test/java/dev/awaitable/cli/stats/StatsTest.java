package dev.awaitable.cli.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's statistics on synthetic samples whose truth is known. */
class StatsTest {

    /** n iterations around {@code mean}, with relative noise {@code noise} (standard deviation), seeded. */
    private static List<Double> iterations(double mean, double noise, int n, long seed) {
        Random r = new Random(seed);
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(mean * (1 + noise * r.nextGaussian()));
        }
        return v;
    }

    /** The same as one fork's sample. */
    private static Sample sample(double mean, double noise, int n, long seed) {
        return new Sample(iterations(mean, noise, n, seed));
    }

    /** The interval of a known ratio (2.0) from two quiet samples contains it, is narrow, and excludes 1.0. */
    @Test
    void intervalOfAKnownRatio() {
        Interval i = Bootstrap.ratio(sample(200, 0.02, 10, 1), sample(100, 0.02, 10, 2));
        assertThat(i.point()).isCloseTo(2.0, within(0.05));
        assertThat(i.contains(2.0)).isTrue();
        assertThat(i.relativeHalfWidth()).isLessThan(0.03);
        assertThat(i.differsFromOne()).isTrue();
    }

    /** Over many synthetic experiments, the 95% interval covers the true ratio most of the time. */
    @Test
    void intervalsCoverTheTruth() {
        int covered = 0;
        int experiments = 200;
        for (int e = 0; e < experiments; e++) {
            Interval i = Bootstrap.ratio(sample(130, 0.05, 10, 3L * e), sample(100, 0.05, 10, 3L * e + 1));
            if (i.contains(1.3)) {
                covered++;
            }
        }
        // the percentile bootstrap under-covers a little with 10 iterations; far below 95% would be a bug
        assertThat(covered).isGreaterThan(experiments * 80 / 100);
    }

    /** Two samples of the same mean: the interval contains 1.0, "no measurable difference". */
    @Test
    void equalMeansAreNoMeasurableDifference() {
        Interval i = Bootstrap.ratio(sample(100, 0.05, 10, 7), sample(100, 0.05, 10, 8));
        assertThat(i.contains(1.0)).isTrue();
        assertThat(i.differsFromOne()).isFalse();
    }

    /** The same measurements always give the same interval (the resampling is seeded from the data). */
    @Test
    void intervalsAreReproducible() {
        assertThat(Bootstrap.ratio(sample(150, 0.1, 8, 11), sample(100, 0.1, 8, 12)))
                .isEqualTo(Bootstrap.ratio(sample(150, 0.1, 8, 11), sample(100, 0.1, 8, 12)));
    }

    /** The geometric mean of 2x and 0.5x is 1x, and its interval contains 1.0. */
    @Test
    void geometricMeanOfOppositeRatios() {
        Interval i = Bootstrap.geometricMeanOfRatios(List.of(
                new Bootstrap.Pair(sample(200, 0.01, 10, 21), sample(100, 0.01, 10, 22)),
                new Bootstrap.Pair(sample(50, 0.01, 10, 23), sample(100, 0.01, 10, 24))));
        assertThat(i.point()).isCloseTo(1.0, within(0.02));
        assertThat(i.contains(1.0)).isTrue();
    }

    /** The unstable rule: a cell whose mean's 95% interval is wider than 10% either side is unstable. */
    @Test
    void unstableCells() {
        assertThat(sample(100, 0.02, 10, 31).unstable()).isFalse();
        assertThat(sample(100, 0.30, 10, 32).unstable()).isTrue();
        // exactly known: values 90 and 110 alternating, 10 of them: mean 100, sd 10.54, t(9) 2.262 -> 7.5%
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            v.add(i % 2 == 0 ? 90.0 : 110.0);
        }
        Sample s = new Sample(v);
        assertThat(s.mean()).isEqualTo(100.0);
        assertThat(s.relativeError()).isCloseTo(0.0754, within(0.001));
        assertThat(s.unstable()).isFalse();
        assertThat(new Sample(List.of(100.0)).unstable())
                .as("one iteration says nothing about noise")
                .isTrue();
    }

    /**
     * Forks that disagree widen the interval: the same iterations read as one fork give an
     * interval that excludes the ratio the forks average to with a margin; read as three forks
     * at three levels (each fork quiet inside), the interval is several times wider, since the
     * bootstrap resamples forks before iterations. Forks that agree cost almost nothing.
     */
    @Test
    void forksThatDisagreeWidenTheInterval() {
        List<Double> levels = new ArrayList<>();
        for (double level : new double[] {90, 100, 110}) {
            levels.addAll(iterations(level, 0.005, 5, (long) level));
        }
        Sample baseline = sample(100, 0.005, 15, 41);
        Interval asOne = Bootstrap.ratio(new Sample(levels), baseline);
        Interval asForks = Bootstrap.ratio(new Sample(levels, List.of(5, 5, 5)), baseline);
        assertThat(asForks.point()).isEqualTo(asOne.point());
        assertThat(asForks.relativeHalfWidth()).isGreaterThan(2 * asOne.relativeHalfWidth());
        assertThat(asForks.contains(1.08))
                .as("a fork's level is inside the interval")
                .isTrue();

        List<Double> same = iterations(100, 0.01, 15, 43);
        Interval quiet = Bootstrap.ratio(new Sample(same, List.of(5, 5, 5)), baseline);
        assertThat(quiet.relativeHalfWidth()).isLessThan(0.02);
    }

    /** Fork sizes must add up to the iterations, and no fork is empty. */
    @Test
    void forkSizesAreChecked() {
        List<Double> three = List.of(1.0, 2.0, 3.0);
        assertThat(new Sample(three, List.of(1, 2)).forks()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new Sample(three, List.of(1, 1)));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new Sample(three, List.of(3, 0)));
    }

    /** Formatting: three significant digits, an en dash between the ends. */
    @Test
    void format() {
        assertThat(new Interval(1.8333, 1.7111, 1.9555).format()).isEqualTo("1.83 [1.71–1.96]");
        assertThat(new Interval(12.34, 11.0, 13.9).format()).isEqualTo("12.3 [11.0–13.9]");
    }
}
