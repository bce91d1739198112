package dev.awaitable.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Cumulative counters of one backend, emitted periodically (every second by default). Cheap
 * enough to leave on: the counters are per-thread stripes of plain longs (see
 * {@code dev.awaitable.internal.AsyncStats}); this event only sums them.
 */
@Name(StatisticsEvent.NAME)
@Label("Awaitable Statistics")
@Category({"Awaitable"})
@Description("Cumulative async counters per backend")
@Period("1 s")
@StackTrace(false)
public final class StatisticsEvent extends Event {
    public static final String NAME = "dev.awaitable.Statistics";

    @Label("Backend")
    public String backend;

    @Label("Synchronous Completions")
    @Description("Async bodies or awaits that completed without suspending")
    public long synchronousCompletions;

    @Label("Suspensions")
    public long suspensions;

    @Label("Resumptions")
    public long resumptions;
}
