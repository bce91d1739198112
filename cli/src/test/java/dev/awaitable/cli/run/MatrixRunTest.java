package dev.awaitable.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.cli.Main;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.ResultsJson;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.workloads.Implementation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's normal paths without JMH: shards partition the cells, forks run in rounds,
 * {@code --resume} measures exactly the cells not yet measured OK, and {@code merge} of every
 * shard's output has exactly the unsharded run's cells. Cells are "measured" by a stand-in that records what it was asked.
 */
class MatrixRunTest {

    private static MatrixSettings.Builder settings(Path out) {
        return MatrixSettings.full(out, "test").full(false).jfr(false).forks(1);
    }

    private static Set<String> keys(List<Cell> cells) {
        Set<String> keys = new HashSet<>();
        cells.forEach(c -> keys.add(c.key()));
        assertThat(keys).as("no cell twice").hasSize(cells.size());
        return keys;
    }

    /**
     * Every cell of the quick matrix (all workloads, both kinds) lands in exactly one of n shards, for several n,
     * and every implementation of one parameter set lands in the same shard.
     */
    @Test
    void shardsPartitionTheCellsExactly(@TempDir Path dir) {
        MatrixSettings all = settings(dir).build();
        Set<String> everything = keys(Matrix.cells(all));
        Set<String> everyService = new HashSet<>();
        HttpMatrix.cells(all).forEach(c -> everyService.add(c.key("wrk")));
        assertThat(everything).hasSizeGreaterThan(20);
        for (int n : new int[] {1, 2, 3, 7, everything.size() + 5}) {
            Set<String> union = new HashSet<>();
            Set<String> serviceUnion = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                MatrixSettings shard = settings(dir).shard(i, n).build();
                List<Cell> cells = Matrix.cells(shard);
                for (String k : keys(cells)) {
                    assertThat(union.add(k))
                            .as("cell %s in two shards of %d", k, n)
                            .isTrue();
                }
                for (Cell c : cells) { // the cells a ratio compares are measured in one shard, on one machine
                    assertThat(cells.stream().filter(o -> sameSet(o, c)).count())
                            .isEqualTo(Matrix.cells(all).stream()
                                    .filter(o -> sameSet(o, c))
                                    .count());
                }
                HttpMatrix.cells(shard)
                        .forEach(c -> assertThat(serviceUnion.add(c.key("wrk"))).isTrue());
            }
            assertThat(union).as("the %d shards' cells", n).isEqualTo(everything);
            assertThat(serviceUnion).as("the %d shards' service cells", n).isEqualTo(everyService);
        }
    }

    private static boolean sameSet(Cell a, Cell b) {
        return a.workload() == b.workload()
                && a.params().key().equals(b.params().key());
    }

    /** A stand-in measurement: ok, or failed for the cells named; records every cell it measured. */
    private static class Recorder implements MatrixRunner.CellMeasurer {
        final List<String> measured = new ArrayList<>();
        /** Every fork measured, in order: {@code key#fork}, with {@code +jfr} if it profiles. */
        final List<String> forks = new ArrayList<>();

        final Set<String> failing;

        Recorder(Set<String> failing) {
            this.failing = failing;
        }

        @Override
        public CellResult measure(Cell cell, long checksum, MatrixRunner.Fork fork) {
            measured.add(cell.key());
            forks.add(cell.key() + "#" + fork.number() + (fork.profile() ? "+jfr" : ""));
            if (failing.contains(cell.key())) {
                return CellRunner.failed(cell, checksum, "stand-in failure");
            }
            return result(cell, checksum, iterations(cell));
        }

        /** The iterations of this measurement of {@code cell}: three close ones (subclasses vary them per cell). */
        @SuppressWarnings("UnusedVariable")
        List<Double> iterations(Cell cell) {
            return List.of(100.0, 101.0, 99.0);
        }

        static CellResult result(Cell cell, long checksum, List<Double> iterations) {
            return new CellResult(
                    cell.workload().id(),
                    cell.implementation().id(),
                    cell.params().key(),
                    cell.delivery().id(),
                    "ok",
                    checksum,
                    iterations.stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElseThrow(),
                    1.0,
                    iterations,
                    0.0,
                    0.0,
                    0.0,
                    2,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    1,
                    null);
        }
    }

    /**
     * The quick matrix has kotlin-coroutines beside the other four: one cell in every in-process
     * workload of the quick matrix, which on JDK 24+ leaves out pinning (see
     * {@link Matrix#leftOutOfQuick}), and each of its parameter sets has all five.
     */
    @Test
    void kotlinCoroutinesIsInEveryWorkloadOfTheQuickMatrix(@TempDir Path dir) {
        MatrixSettings quick = MatrixSettings.quick(dir, "test").build();
        List<Cell> cells = Matrix.cells(quick);
        List<String> workloads = Matrix.inProcessWorkloads(quick).stream()
                .map(dev.awaitable.workloads.Workload::id)
                .toList();
        assertThat(cells)
                .filteredOn(c -> c.implementation().id().equals("kotlin-coroutines"))
                .extracting(c -> c.workload().id())
                .containsExactlyInAnyOrderElementsOf(workloads);
        assertThat(cells.stream().collect(java.util.stream.Collectors.groupingBy(Cell::group)))
                .allSatisfy((group, inGroup) -> assertThat(inGroup)
                        .extracting(c -> c.implementation().id())
                        .containsExactlyInAnyOrder(
                                "loom", "statemachine", "virtual-threads", "completable-future", "kotlin-coroutines"));
    }

    /**
     * statemachine-woven is left out of the quick matrix's defaults (its time budget is spent),
     * runs where it is named, and is in the full matrix, in every in-process workload but those
     * whose loom source the weaver refuses (await-chain, pinning).
     */
    @Test
    void statemachineWovenIsNamedInTheQuickMatrixAndInTheFullOne(@TempDir Path dir) {
        assertThat(Matrix.QUICK_DEFAULT).doesNotContain(Implementation.STATEMACHINE_WOVEN);
        assertThat(Matrix.cells(MatrixSettings.quick(dir, "test").build()))
                .noneMatch(c -> c.implementation() == Implementation.STATEMACHINE_WOVEN);

        List<Cell> named = Matrix.cells(MatrixSettings.quick(dir, "test")
                .implementations(List.of("statemachine-woven", "loom"))
                .workloads(List.of("fast-path", "await-chain"))
                .build());
        assertThat(named)
                .filteredOn(c -> c.implementation() == Implementation.STATEMACHINE_WOVEN)
                .extracting(c -> c.workload().id())
                .isNotEmpty()
                .containsOnly("fast-path");
        assertThat(named)
                .filteredOn(c -> c.implementation() == Implementation.LOOM)
                .extracting(c -> c.workload().id())
                .contains("fast-path", "await-chain");

        MatrixSettings full = MatrixSettings.full(dir, "test").build();
        assertThat(Matrix.cells(full))
                .filteredOn(c -> c.implementation() == Implementation.STATEMACHINE_WOVEN)
                .extracting(c -> c.workload().id())
                .doesNotContain("await-chain", "pinning")
                .contains("fast-path", "fan-out", "sleepers", "hoisted-locals");
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static int run(MatrixSettings s, Recorder measure) throws IOException {
        ResultStore store = new ResultStore(s.outDir());
        if (s.resume()) {
            store.load();
        }
        List<Cell> cells = Matrix.cells(s);
        return new MatrixRunner(s, store, measure, new Progress(QUIET, cells.size())).run(cells);
    }

    /** After a run with failed cells and one interrupted before the end, --resume measures exactly the rest. */
    @Test
    void resumeMeasuresExactlyTheCellsNotMeasuredOk(@TempDir Path dir) throws IOException {
        MatrixSettings s =
                settings(dir).workloads(List.of("fast-path", "suspend-resume")).build();
        List<Cell> cells = Matrix.cells(s);
        assertThat(cells).hasSizeGreaterThan(6);
        Set<String> failing = Set.of(cells.get(1).key(), cells.get(4).key());
        // First run: only the first two thirds of the matrix (as if interrupted), two of them fail.
        List<Cell> firstPart = cells.subList(0, cells.size() * 2 / 3);
        Recorder first = new Recorder(failing);
        ResultStore store = new ResultStore(dir);
        assertThat(new MatrixRunner(s, store, first, new Progress(QUIET, firstPart.size())).run(firstPart))
                .isEqualTo(2);

        Recorder second = new Recorder(Set.of());
        assertThat(run(s.toBuilder().resume(true).build(), second)).isZero();

        List<String> expected = new ArrayList<>();
        for (Cell c : cells) {
            if (!firstPart.contains(c) || failing.contains(c.key())) {
                expected.add(c.key());
            }
        }
        assertThat(second.measured).containsExactlyElementsOf(expected);
        RunResults saved = ResultsJson.read(dir.resolve(ResultsJson.FILE));
        assertThat(saved.cells()).extracting(CellResult::key).containsExactlyInAnyOrderElementsOf(keys(cells));
        assertThat(saved.cells()).allMatch(CellResult::ok);
    }

    /** merge of every shard's folder has the unsharded run's cells, each once, with the shards' own results. */
    @Test
    void mergeOfShardsEqualsTheUnshardedRun(@TempDir Path dir) throws IOException {
        MatrixSettings.Builder base = settings(dir).workloads(List.of("fast-path", "await-chain"));
        Set<String> unsharded =
                keys(Matrix.cells(base.outDir(dir.resolve("all")).build()));
        int n = 3;
        List<String> args =
                new ArrayList<>(List.of("merge", "--out", dir.resolve("merged").toString()));
        for (int i = 1; i <= n; i++) {
            Path shardDir = dir.resolve("shard-" + i);
            MatrixSettings s = base.outDir(shardDir).shard(i, n).build();
            ResultStore store = new ResultStore(shardDir);
            store.environment(
                    EnvironmentProbe.describe(s), EnvironmentProbe.catalog(), EnvironmentProbe.implementations());
            store.save();
            Recorder r = new Recorder(Set.of());
            new MatrixRunner(s, store, r, new Progress(QUIET, 1)).run(Matrix.cells(s));
            args.add(shardDir.toString());
        }
        int code;
        PrintStream out = System.out;
        try {
            System.setOut(QUIET);
            code = Main.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
        }
        assertThat(code).isZero();
        RunResults merged = ResultsJson.read(dir.resolve("merged").resolve(ResultsJson.FILE));
        assertThat(merged.cells()).extracting(CellResult::key).containsExactlyInAnyOrderElementsOf(unsharded);
        assertThat(merged.implementations()).isNotEmpty();
        assertThat(dir.resolve("merged").resolve("index.html")).exists();
    }

    /** A shard whose share of the parameter-set groups is empty is an empty run, not an error, so every shard's folder merges. */
    @Test
    void anEmptyShardWritesEmptyResults(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("shard-9");
        int code;
        PrintStream stdout = System.out;
        try {
            System.setOut(QUIET);
            code = Main.execute(
                    "bench",
                    "--quick",
                    "--workloads",
                    "fast-path",
                    "--shard",
                    "9/9",
                    "--no-jfr",
                    "--out",
                    out.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        RunResults empty = ResultsJson.read(out.resolve(ResultsJson.FILE));
        assertThat(empty.cells()).isEmpty();
        assertThat(empty.environment()).isNotNull();
        assertThat(out.resolve("index.html")).exists();
    }

    /**
     * The quick matrix leaves pinning out on JDK 24+ only (a monitor no longer pins there), and
     * only when no workloads are named; a named pinning and the full matrix keep it.
     */
    @Test
    void quickLeavesPinningOutWhereMonitorsNoLongerPin(@TempDir Path dir) {
        dev.awaitable.workloads.Workload pinning = dev.awaitable.workloads.WorkloadCatalog.byId("pinning");
        assertThat(Matrix.leftOutOfQuick(pinning, 21)).isFalse();
        assertThat(Matrix.leftOutOfQuick(pinning, 24)).isTrue();
        assertThat(Matrix.leftOutOfQuick(dev.awaitable.workloads.WorkloadCatalog.byId("ping-pong"), 25))
                .isFalse();
        boolean modern = Runtime.version().feature() >= 24;
        assertThat(Matrix.inProcessWorkloads(MatrixSettings.quick(dir, "test").build())
                        .contains(pinning))
                .isEqualTo(!modern);
        assertThat(Matrix.inProcessWorkloads(MatrixSettings.quick(dir, "test")
                        .workloads(List.of("pinning"))
                        .build()))
                .containsExactly(pinning);
        assertThat(Matrix.inProcessWorkloads(MatrixSettings.full(dir, "test").build()))
                .contains(pinning);
    }

    /**
     * With several forks, a parameter set's cells are measured in rounds (every implementation's
     * first fork, then every second, ...) before the next set starts, only the last fork profiles,
     * and each cell ends as one result of all its forks, kept apart for the bootstrap. A resumed
     * run measures again, from its first fork, a cell that has fewer forks than the run asks.
     */
    @Test
    void forksRunInRoundsAcrossImplementations(@TempDir Path dir) throws IOException {
        MatrixSettings s = settings(dir)
                .workloads(List.of("fast-path", "suspend-resume"))
                .forks(3)
                .build();
        List<Cell> cells = Matrix.cells(s);
        Recorder r = new Recorder(Set.of());
        ResultStore store = new ResultStore(dir);
        assertThat(new MatrixRunner(s, store, r, new Progress(QUIET, MatrixRunner.steps(cells, s))).run(cells))
                .isZero();

        List<String> expected = new ArrayList<>();
        int i = 0;
        while (i < cells.size()) {
            int j = i;
            while (j < cells.size() && sameSet(cells.get(j), cells.get(i))) {
                j++;
            }
            for (int fork = 1; fork <= 3; fork++) {
                for (Cell c : cells.subList(i, j)) {
                    expected.add(c.key() + "#" + fork + (fork == 3 ? "+jfr" : ""));
                }
            }
            i = j;
        }
        assertThat(r.forks).containsExactlyElementsOf(expected);
        for (Cell c : cells) {
            CellResult done = store.result(c.key());
            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.forks()).containsExactly(3, 3, 3);
            assertThat(done.sample().forks()).isEqualTo(3);
        }

        // a cell left with one fork (interrupted) is measured again from its first fork
        Cell partial = cells.get(0);
        store.put(Recorder.result(partial, 0, List.of(100.0, 101.0, 99.0)));
        store.save();
        Recorder again = new Recorder(Set.of());
        assertThat(run(s.toBuilder().resume(true).build(), again)).isZero();
        assertThat(again.forks).containsExactly(partial.key() + "#1", partial.key() + "#2", partial.key() + "#3+jfr");
    }

    /**
     * Unstable cells are measured in more forks (at most two more) and all forks pooled, not the
     * narrower kept: a cell whose second fork agrees with its first becomes stable, one whose
     * forks sit at different levels stays unstable with every fork's iterations; stable cells are
     * not measured again, and nothing is once the deadline has passed.
     */
    @Test
    void unstableCellsAreMeasuredAgainAndPooled(@TempDir Path dir) throws IOException {
        MatrixSettings s = settings(dir).workloads(List.of("fast-path")).build();
        List<Cell> cells = Matrix.cells(s);
        assertThat(cells).hasSizeGreaterThanOrEqualTo(3);
        String settles = cells.get(0).key();
        String staysApart = cells.get(1).key();
        Recorder noisyFirst = new Recorder(Set.of()) {
            @Override
            List<Double> iterations(Cell cell) {
                boolean first = measured.stream().filter(cell.key()::equals).count() == 1;
                if (cell.key().equals(settles)) { // ±24% alone; the second fork's 10 iterations agree
                    return first
                            ? List.of(80.0, 120.0, 100.0)
                            : List.of(100.0, 101.0, 99.0, 100.0, 101.0, 99.0, 100.0, 101.0, 99.0, 100.0);
                }
                if (cell.key().equals(staysApart)) { // two forks at two levels
                    return first ? List.of(80.0, 120.0, 100.0) : List.of(200.0, 201.0, 199.0);
                }
                return super.iterations(cell);
            }
        };
        ResultStore store = new ResultStore(dir);
        MatrixRunner runner = new MatrixRunner(s, store, noisyFirst, new Progress(QUIET, cells.size()));
        runner.run(cells);
        assertThat(store.result(settles).unstable()).isTrue();
        assertThat(runner.remeasureUnstable(cells, System.nanoTime() - 1))
                .as("past the deadline")
                .isZero();

        assertThat(runner.remeasureUnstable(cells, Long.MAX_VALUE))
                .as("settles: one more fork; stays apart: two")
                .isEqualTo(3);
        assertThat(noisyFirst.measured).hasSize(cells.size() + 3);
        CellResult settled = store.result(settles);
        assertThat(settled.attempts()).isEqualTo(2);
        assertThat(settled.iterations()).hasSize(13);
        assertThat(settled.forks()).containsExactly(3, 10);
        assertThat(settled.unstable()).isFalse();
        CellResult apart = store.result(staysApart);
        assertThat(apart.forks()).containsExactly(3, 3, 3);
        assertThat(apart.nsPerOp()).isEqualTo(500.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(apart.unstable()).isTrue();
        assertThat(runner.remeasureUnstable(cells, Long.MAX_VALUE))
                .as("at most two more forks a cell")
                .isZero();
    }
}
