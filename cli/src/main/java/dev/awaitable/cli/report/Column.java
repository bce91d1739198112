package dev.awaitable.cli.report;

import dev.awaitable.analyzer.JfrHighlights;
import dev.awaitable.cli.report.WorkloadTable.Row;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.stats.Sample;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The columns of a workload table, in order, each with its header (unit included), its one-line
 * legend, and its text for a row. Optional columns appear only in tables where some row has a
 * value, so a throughput workload carries no empty percentile columns; every column that appears
 * gets its legend line.
 */
@SuppressWarnings("ImmutableEnumChecker") // its functions are stateless lambdas and method references
enum Column {
    IMPLEMENTATION(
            "Implementation",
            false,
            Presence.ALWAYS,
            "how the workload is written (the run's implementations and what each is are listed at the top)",
            r -> r.cell().implementation()),
    PARAMS(
            "Parameters",
            false,
            Presence.WHEN_PARAMS,
            "the parameter set of the row (name=value; the workload's parameters are listed above the table)",
            r -> ParamKeys.label(r.cell().params())),
    STATUS(
            "Status",
            false,
            Presence.WHEN_FAILED,
            "ok, or why the cell failed; a failed row keeps what it measured but takes part in no ratio",
            r -> r.cell().status() == null ? Formats.MISSING : r.cell().status()),
    MEAN(
            "Mean (ns/op)",
            true,
            Presence.ALWAYS,
            "mean time of one operation (JMH average time over the timed iterations of every fork, none under JFR)",
            r -> Formats.number(r.cell().nsPerOp())),
    ERROR(
            "± 95% (of mean)",
            true,
            Presence.ALWAYS,
            "half-width of the 95% confidence interval of the mean (Student's t over the iterations), relative to the"
                    + " mean; above " + Formats.percent(Sample.UNSTABLE_ABOVE)
                    + " the cell is unstable: shown, but in no"
                    + " summary",
            r -> relativeError(r.cell())),
    RATIO(
            "Ratio [95% interval]",
            true,
            Presence.ALWAYS,
            null,
            r -> r.ratio() == null ? Formats.MISSING : r.ratio().format()),
    ALLOCATION(
            "Alloc (B/op)",
            true,
            Presence.ALWAYS,
            "bytes allocated per operation (JMH gc.alloc.rate.norm); below 1 is allocation-free within noise",
            r -> Formats.number(r.cell().allocBytesPerOp())),
    GC_COUNT(
            "GC (per 1,000 ops)",
            true,
            Presence.ALWAYS,
            "garbage collections per 1,000 operations during measurement",
            r -> Formats.number(r.cell().gcCountPer1000Ops())),
    GC_TIME(
            "GC time (ms)",
            true,
            Presence.WHEN_PRESENT,
            "total time spent in garbage collection during measurement",
            r -> Formats.number(r.cell().gcTimeMs())),
    THREADS(
            "Peak threads (platform / carrier)",
            true,
            Presence.ALWAYS,
            "most live platform threads seen during measurement / most virtual-thread carrier threads (loom only)",
            r -> threads(r.cell())),
    MEMORY_PER_TASK(
            "Memory/task (B)",
            true,
            Presence.WHEN_PRESENT,
            "heap held per suspended task: heap after a full GC with N tasks suspended, minus the heap without them, divided by N",
            r -> Formats.number(r.cell().memoryPerTaskBytes())),
    JOL_PER_TASK(
            "JOL (B/task)",
            true,
            Presence.WHEN_PRESENT,
            "JOL's size of one suspended task's object graph (the state machine, or the virtual thread and its stack chunks)",
            r -> Formats.number(r.cell().jolBytesPerTask())),
    SUSPENSIONS(
            "Suspensions/op (JFR)",
            true,
            Presence.ALWAYS,
            "JFR: dev.awaitable suspensions per operation (0 means every await took the fast path)",
            r -> Formats.number(jfr(r.cell(), JfrHighlights::suspensionsPerOp))),
    RESUME_P99(
            "Resume p99 (ns, JFR)",
            true,
            Presence.ALWAYS,
            "JFR: 99th percentile of the delay from a completion to the resumption of its awaiter",
            r -> Formats.number(jfr(r.cell(), JfrHighlights::resumeLatencyP99Ns))),
    PINNED(
            "Pinned (JFR)",
            true,
            Presence.ALWAYS,
            "JFR: jdk.VirtualThreadPinned events in the recording (a virtual thread that blocked its carrier)",
            r -> r.cell().jfr() == null
                    ? Formats.MISSING
                    : Formats.integer(r.cell().jfr().pinnedEvents()));

    /** When a column appears in a table. */
    @SuppressWarnings("ImmutableEnumChecker") // its predicates are stateless lambdas
    private enum Presence {
        ALWAYS(r -> true),
        WHEN_PARAMS(r -> r.cell().params() != null && !r.cell().params().isBlank()),
        WHEN_FAILED(r -> !r.cell().ok()),
        WHEN_PRESENT(null);

        private final Predicate<Row> rowNeedsIt;

        Presence(Predicate<Row> rowNeedsIt) {
            this.rowNeedsIt = rowNeedsIt;
        }
    }

    private final String header;
    private final boolean numeric;
    private final Presence presence;
    private final String legend;
    private final Function<Row, String> text;

    Column(String header, boolean numeric, Presence presence, String legend, Function<Row, String> text) {
        this.header = header;
        this.numeric = numeric;
        this.presence = presence;
        this.legend = legend;
        this.text = text;
    }

    /** The header, unit in parentheses. */
    String header() {
        return header;
    }

    /** Whether the column holds numbers (right-aligned). */
    boolean numeric() {
        return numeric;
    }

    /** One line explaining the column; the ratio's names the baseline. */
    String legend(String baseline) {
        if (this == RATIO) {
            return "mean / mean of " + baseline
                    + " at the same parameters (BenchmarkDotNet's Ratio), with its 95% confidence interval (bootstrap over"
                    + " both cells' iterations): below 1.00 is faster; an interval that contains 1.00 is no measurable"
                    + " difference; " + Formats.MISSING + " when either cell failed or has no iterations";
        }
        return legend;
    }

    /** The row's text in this column; {@link Formats#MISSING} for what was not measured. */
    String text(Row row) {
        return text.apply(row);
    }

    /** The columns a table of {@code rows} shows, in order. */
    static List<Column> present(List<Row> rows) {
        return Arrays.stream(values()).filter(c -> c.presentIn(rows)).toList();
    }

    private boolean presentIn(List<Row> rows) {
        if (presence == Presence.WHEN_PRESENT) {
            return rows.stream().anyMatch(r -> !Formats.MISSING.equals(text(r)));
        }
        return rows.stream().anyMatch(presence.rowNeedsIt);
    }

    private static String relativeError(CellResult c) {
        Sample s = c.sample();
        if (s == null) {
            return Formats.MISSING;
        }
        String e = Double.isInfinite(s.relativeError()) ? "n/a" : "±" + Formats.percent(s.relativeError());
        return c.unstable() ? e + " unstable" : e;
    }

    private static String threads(CellResult c) {
        if (c.peakPlatformThreads() == null && c.peakCarrierThreads() == null) {
            return Formats.MISSING;
        }
        return Formats.integer(c.peakPlatformThreads()) + " / " + Formats.integer(c.peakCarrierThreads());
    }

    private static Double jfr(CellResult c, Function<JfrHighlights, Double> field) {
        return c.jfr() == null ? null : field.apply(c.jfr());
    }
}
