package dev.awaitable.cli.report;

import dev.awaitable.cli.results.CellResult;
import java.util.function.Function;

/**
 * The numeric metrics the report compares across implementations: in ratios, in the summary and
 * in charts. Each knows its unit and the smallest denominator a ratio of it may have.
 */
@SuppressWarnings("ImmutableEnumChecker") // its functions are method references
enum Metric {
    /** Mean time per operation. */
    TIME("Mean time", "ns/op", CellResult::nsPerOp, Double.MIN_VALUE),
    /**
     * Bytes allocated per operation. JMH reports allocation-free code as a fraction of a byte
     * (noise); a ratio against less than one byte would be noise divided by noise.
     */
    ALLOCATION("Allocation", "B/op", CellResult::allocBytesPerOp, 1.0),
    /** Heap held per suspended task (memory-shaped workloads). */
    MEMORY_PER_TASK("Memory per suspended task", "B/task", CellResult::memoryPerTaskBytes, 1.0);

    private final String label;
    private final String unit;
    private final Function<CellResult, Double> value;
    private final double smallestDenominator;

    Metric(String label, String unit, Function<CellResult, Double> value, double smallestDenominator) {
        this.label = label;
        this.unit = unit;
        this.value = value;
        this.smallestDenominator = smallestDenominator;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    /** The cell's value, or null when it was not measured or is not a finite number. */
    Double of(CellResult cell) {
        Double v = cell == null ? null : value.apply(cell);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** Whether {@code v} may divide another value of this metric. */
    boolean usableDenominator(Double v) {
        return v != null && v >= smallestDenominator;
    }
}
