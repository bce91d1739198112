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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a matrix: for each workload and parameter set, first checks that every implementation
 * agrees on the checksum (refusing to measure one that does not), then measures each cell with
 * JMH ({@link CellRunner}), adds memory per suspended task for memory-shaped workloads
 * ({@link MemoryMeasurer}), and saves the results after every cell ({@link ResultStore}).
 */
public final class MatrixRunner {

    /** Measures one cell whose implementations agreed on {@code checksum}; never throws (a failure is a failed result). */
    @FunctionalInterface
    public interface CellMeasurer {
        CellResult measure(Cell cell, long checksum);
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

    /**
     * Measures again, once each, the cells of {@code matrix} whose result is unstable, while
     * {@code deadline} (a {@link System#nanoTime()} value) leaves time for another cell, and pools
     * the two measurements as one cell of two forks ({@link CellResult#pooledWith}): more
     * iterations narrow the interval of a cell whose forks agree, and leave one whose forks
     * disagree unstable. Returns how many were measured again.
     */
    public int remeasureUnstable(List<Cell> matrix, long deadline) throws IOException {
        int again = 0;
        long longest = 0;
        for (Cell cell : matrix) {
            CellResult before = store.result(cell.key());
            if (before == null
                    || !before.unstable()
                    || before.attempts() > 1
                    || Thread.currentThread().isInterrupted()) {
                continue;
            }
            if (System.nanoTime() + longest >= deadline) {
                progress.note("no time left to measure the remaining unstable cells again");
                break;
            }
            progress.starting(
                    cell + " (again: unstable at ±" + percent(before.sample().relativeError()) + ")");
            long start = System.nanoTime();
            CellResult pooled = before.pooledWith(measure(cell));
            store.put(pooled);
            long took = System.nanoTime() - start;
            longest = Math.max(longest, took);
            again++;
            progress.finished(summary(pooled), took, false);
        }
        return again;
    }

    /** Measures every cell; returns how many failed. */
    public int run(List<Cell> matrix) throws IOException {
        int failed = 0;
        for (Cell cell : matrix) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            progress.starting(cell.toString());
            if (settings.resume() && store.measuredOk(cell.key())) {
                progress.finished("already measured (resume)", 0, true);
                continue;
            }
            long start = System.nanoTime();
            CellResult result = measure(cell);
            store.put(result);
            if (!result.ok()) {
                failed++;
            }
            progress.finished(summary(result), System.nanoTime() - start, false);
        }
        return failed;
    }

    private CellResult measure(Cell cell) {
        Object agreement = verify(cell.workload(), cell.params());
        if (agreement instanceof String reason) {
            return CellRunner.failed(cell, null, reason);
        }
        long checksum = (Long) agreement;
        CellResult r = cells.measure(cell, checksum);
        if (r.ok() && cell.workload().shape() == Workload.Shape.MEMORY) {
            r = withMemory(cell, r);
        }
        return r;
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
