package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.RunResults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How far runs agree: per ratio, and winners that change. */
class AgreementTest {

    /** {@code run} with every time of {@code impl} multiplied by {@code factor}. */
    private static RunResults slower(RunResults run, String impl, double factor) {
        List<CellResult> cells = run.cells().stream()
                .map(c -> !c.implementation().equals(impl)
                        ? c
                        : new CellResult(
                                c.workload(),
                                c.implementation(),
                                c.params(),
                                c.delivery(),
                                c.status(),
                                c.checksum(),
                                c.nsPerOp() == null ? null : c.nsPerOp() * factor,
                                c.nsPerOpError(),
                                c.iterations().stream().map(v -> v * factor).toList(),
                                c.allocBytesPerOp(),
                                c.gcCountPer1000Ops(),
                                c.gcTimeMs(),
                                c.peakPlatformThreads(),
                                c.peakCarrierThreads(),
                                c.memoryPerTaskBytes(),
                                c.memoryTasks(),
                                c.jolBytesPerTask(),
                                c.jmhResultFile(),
                                c.jfr(),
                                c.attempts(),
                                c.forks()))
                .toList();
        return new RunResults(
                run.environment(), cells, run.scenarios(), run.workloads(), run.http(), run.implementations());
    }

    /** Identical runs agree on every ratio, and no winner changes. */
    @Test
    void identicalRunsAgree() {
        RunResults run = SyntheticRun.create();
        Agreement a = new Agreement(List.of("run-1", "run-2"), List.of(run, run), "statemachine");
        assertThat(a.compared()).isNotEmpty().allMatch(Agreement.Line::agrees);
        assertThat(a.winnerChanged()).isEmpty();
        assertThat(a.verdict())
                .startsWith(a.compared().size() + " of " + a.compared().size() + " ratios agree");
    }

    /**
     * One implementation 20% slower in the second run: its ratios disagree (spread 20%), the others
     * agree; and where it was the significant winner (statemachine, 0.86x loom) it no longer is.
     */
    @Test
    void aShiftBeyondTheToleranceDisagreesAndChangesTheWinner() {
        RunResults run = SyntheticRun.create();
        Agreement a = new Agreement(
                List.of("run-1", "run-2"), List.of(run, slower(run, "statemachine", 1.2)), "completable-future");
        for (Agreement.Line l : a.compared()) {
            if (l.ratio().startsWith("statemachine /")) {
                assertThat(l.spread()).as(l.workload()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(0.001));
                assertThat(l.agrees()).isFalse();
            } else {
                assertThat(l.agrees()).as(l.workload() + " " + l.ratio()).isTrue();
            }
        }
        assertThat(a.winnerChanged()).isNotEmpty().allMatch(w -> w.contains("statemachine vs loom"));
        assertThat(a.markdown()).contains("| **no** |").contains("Unstable cells: run-1: 2 of 116 cells unstable");
    }

    /** A shift inside the tolerance (5%) still agrees. */
    @Test
    void aShiftWithinTheToleranceAgrees() {
        RunResults run = SyntheticRun.create();
        Agreement a = new Agreement(
                List.of("run-1", "run-2"), List.of(run, slower(run, "blocking", 1.05)), "completable-future");
        assertThat(a.compared()).allMatch(Agreement.Line::agrees);
    }
}
