package dev.awaitable.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An async body suspended at an await whose awaitable was not yet complete. Off by default:
 * one per await is far too many for an always-on recording; turn it on for a focused one
 * ({@code jfr configure} or {@code -XX:StartFlightRecording:settings=...}).
 */
@Name(SuspendEvent.NAME)
@Label("Await Suspend")
@Category({"Awaitable", "Awaits"})
@Description("An async body suspended at an await of an awaitable that was not yet complete")
@Enabled(false)
@StackTrace(false)
public final class SuspendEvent extends Event {
    public static final String NAME = "dev.awaitable.Suspend";

    @Label("Backend")
    public String backend;

    @Label("Awaited")
    @Description("Class of the awaitable the body waits for")
    public String awaited;

    @Label("Context")
    @Description("The context the body will resume on, or none")
    public String context;

    @Label("Body Id")
    @Description("Identifies the suspended body, to pair suspensions with resumptions")
    public long bodyId;
}
