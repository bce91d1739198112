package dev.awaitable.cli.run;

import dev.awaitable.cli.results.CellResult;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Verifier;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadDisagreementException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a matrix: for each workload and parameter set, first checks that every implementation
 * agrees on the checksum (refusing to measure one that does not), then measures the set's cells
 * in rounds of forks with JMH ({@link CellRunner}): the first fork of every implementation, then
 * the second, pooling each cell's forks ({@link CellResult#pooledWith}). A drift of the machine's
 * speed over minutes (seen here as a quarter of the speed, on every implementation alike) then
 * reaches both sides of a ratio instead of one. Adds memory per suspended task for memory-shaped
 * workloads ({@link MemoryMeasurer}), and saves the results after every fork ({@link ResultStore}).
 */
public final class MatrixRunner {

    /**
     * One fork of a cell: its number (from 1) of how many the run gives the cell, and whether it
     * records JFR after its timing iterations.
     */
    public record Fork(int number, int of, boolean profile) {
        /** A cell measured by one fork that also profiles. */
        public static final Fork ONLY = new Fork(1, 1, true);

        @Override
        public String toString() {
            return "fork " + number + " of " + of;
        }
    }

    /** Measures one fork of a cell whose implementations agreed on {@code checksum}; never throws (a failure is a failed result). */
    @FunctionalInterface
    public interface CellMeasurer {
        CellResult measure(Cell cell, long checksum, Fork fork);
    }

    private final MatrixSettings settings;
    private final ResultStore store;
    private final CellMeasurer cells;
    private final Progress progress;
    private final Map<String, Object> verified = new HashMap<>();

    public MatrixRunner(MatrixSettings settings, ResultStore store, CellMeasurer cells, Progress progress) {
        this.settings = settings;
        this.store = store;
        this.cells = cells;
        this.progress = progress;
    }

    /** The progress steps of running {@code matrix}: one per fork of each cell. */
    public static int steps(List<Cell> matrix, MatrixSettings settings) {
        return matrix.size() * settings.forks();
    }

    /** How many forks an unstable cell may get beyond the run's own. */
    static final int MAX_EXTRA_FORKS = 2;

    /**
     * Measures again the cells of {@code matrix} whose result is unstable, in passes of one more
     * fork each (at most {@value #MAX_EXTRA_FORKS} passes), while {@code deadline} (a
     * {@link System#nanoTime()} value) leaves time for another fork, and pools each fork with the
     * cell's others ({@link CellResult#pooledWith}): more forks narrow the interval of a cell
     * whose forks agree, and leave one whose forks disagree unstable. Returns how many forks were
     * measured.
     */
    public int remeasureUnstable(List<Cell> matrix, long deadline) throws IOException {
        int again = 0;
        long longest = 0;
        for (int extra = 1; extra <= MAX_EXTRA_FORKS; extra++) {
            Fork fork = new Fork(settings.forks() + extra, settings.forks() + extra, false);
            for (Cell cell : matrix) {
                CellResult before = store.result(cell.key());
                if (before == null
                        || !before.unstable()
                        || before.attempts() != settings.forks() + extra - 1
                        || Thread.currentThread().isInterrupted()) {
                    continue;
                }
                if (System.nanoTime() + longest >= deadline) {
                    progress.note("no time left to measure the remaining unstable cells again");
                    return again;
                }
                progress.starting(cell + " (" + fork + ", again: unstable at ±"
                        + percent(before.sample().relativeError()) + ")");
                long start = System.nanoTime();
                CellResult pooled = before.pooledWith(measure(cell, fork));
                store.put(pooled);
                long took = System.nanoTime() - start;
                longest = Math.max(longest, took);
                again++;
                progress.finished(summary(pooled), took, false);
            }
        }
        return again;
    }

    /** Measures every cell, a parameter set's cells in rounds of forks; returns how many cells failed. */
    public int run(List<Cell> matrix) throws IOException {
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell cell : matrix) {
            groups.computeIfAbsent(cell.group(), k -> new ArrayList<>()).add(cell);
        }
        int failed = 0;
        int forks = settings.forks();
        for (List<Cell> group : groups.values()) {
            List<Cell> todo = new ArrayList<>();
            for (Cell cell : group) {
                CellResult done = store.result(cell.key());
                if (settings.resume() && done != null && done.ok() && done.attempts() >= forks) {
                    for (int f = 0; f < forks; f++) {
                        progress.starting(cell.toString());
                        progress.finished("already measured (resume)", 0, true);
                    }
                } else {
                    todo.add(cell);
                }
            }
            for (int round = 1; round <= forks; round++) {
                Fork fork = new Fork(round, forks, round == forks);
                for (Cell cell : todo) {
                    if (Thread.currentThread().isInterrupted()) {
                        return failed;
                    }
                    measureFork(cell, fork);
                }
            }
            failed += (int) todo.stream()
                    .map(c -> store.result(c.key()))
                    .filter(r -> r == null || !r.ok())
                    .count();
        }
        return failed;
    }

    /**
     * Measures {@code fork} of {@code cell} and saves the cell with it pooled into its earlier
     * forks; a cell whose earlier fork failed is not measured again. Memory per task, for
     * memory-shaped workloads, once the last fork is in.
     */
    private void measureFork(Cell cell, Fork fork) throws IOException {
        progress.starting(fork.of() > 1 ? cell + " (" + fork + ")" : cell.toString());
        CellResult before = fork.number() == 1 ? null : store.result(cell.key());
        if (before != null && !before.ok()) {
            progress.finished("skipped: an earlier fork failed", 0, true);
            return;
        }
        long start = System.nanoTime();
        CellResult result = measure(cell, fork);
        if (before != null) {
            result = before.pooledWith(result);
        }
        if (fork.number() == fork.of() && result.ok() && cell.workload().shape() == Workload.Shape.MEMORY) {
            result = withMemory(cell, result);
        }
        store.put(result);
        progress.finished(summary(result), System.nanoTime() - start, false);
    }

    private CellResult measure(Cell cell, Fork fork) {
        Object agreement = verify(cell.workload(), cell.params());
        if (agreement instanceof String reason) {
            return CellRunner.failed(cell, null, reason);
        }
        return cells.measure(cell, (Long) agreement, fork);
    }

    /** The agreed checksum (Long), or why the workload may not be measured (String); once per workload and params. */
    private Object verify(Workload w, Params p) {
        return verified.computeIfAbsent(w.id() + "/" + p.key(), k -> {
            try {
                Map<Implementation, Long> sums = Verifier.verify(w, EnumSet.copyOf(w.implementations()), p);
                return sums.values().iterator().next();
            } catch (WorkloadDisagreementException e) {
                return e.getMessage();
            } catch (Exception e) {
                return "checksum run failed: " + CellRunner.oneLine(e);
            }
        });
    }

    private CellResult withMemory(Cell cell, CellResult r) {
        int count = settings.memoryTasks() > 0
                ? settings.memoryTasks()
                : cell.params().asMap().containsKey("tasks") ? cell.params().getInt("tasks") : 10_000;
        Path log = settings.outDir().resolve("memory").resolve(cell.fileName() + ".log");
        try {
            Files.createDirectories(log.getParent());
            MemoryMeasurer.Measurement m = MemoryMeasurer.measure(cell, count, log);
            return r.withMemory(
                    m.bytesPerTask(),
                    m.tasks(),
                    m.jolBytes() == null ? null : m.jolBytes().doubleValue());
        } catch (Exception e) {
            return r.withFailure("memory per task: " + CellRunner.oneLine(e));
        }
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String summary(CellResult r) {
        if (!r.ok()) {
            return r.status();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%.4g ns/op", r.nsPerOp()));
        if (r.sample() != null && Double.isFinite(r.sample().relativeError())) {
            sb.append(" ±").append(percent(r.sample().relativeError()));
            if (r.unstable()) {
                sb.append(" (unstable)");
            }
        }
        if (r.allocBytesPerOp() != null) {
            sb.append(String.format(Locale.ROOT, ", %.4g B/op", r.allocBytesPerOp()));
        }
        if (r.memoryPerTaskBytes() != null) {
            sb.append(String.format(Locale.ROOT, ", %.4g B/task", r.memoryPerTaskBytes()));
        }
        if (r.peakPlatformThreads() != null) {
            sb.append(", peak threads ").append(r.peakPlatformThreads());
        }
        return sb.toString();
    }
}
