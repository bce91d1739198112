package dev.awaitable.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A suspended async body started running again. {@link #resumeLatency} is the time from the
 * awaited awaitable's completion (the continuation was signalled) to the body running: the
 * scheduling cost of the backend, a post to a context, or an unpark of a virtual thread.
 */
@Name(ResumeEvent.NAME)
@Label("Await Resume")
@Category({"Awaitable", "Awaits"})
@Description("A suspended async body resumed; latency from the awaited completion to the body running again")
@Enabled(false)
@StackTrace(false)
public final class ResumeEvent extends Event {
    public static final String NAME = "dev.awaitable.Resume";

    @Label("Backend")
    public String backend;

    @Label("Resume Latency")
    @Description("From the awaited awaitable completing to the body running again")
    @Timespan(Timespan.NANOSECONDS)
    public long resumeLatency;

    @Label("Suspended For")
    @Description("From the suspension to the body running again")
    @Timespan(Timespan.NANOSECONDS)
    public long suspendedFor;

    @Label("Context")
    public String context;

    @Label("Body Id")
    public long bodyId;
}
