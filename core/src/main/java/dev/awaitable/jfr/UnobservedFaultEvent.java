package dev.awaitable.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A faulted awaitable became unreachable without anyone observing its exception. */
@Name(UnobservedFaultEvent.NAME)
@Label("Unobserved Fault")
@Category({"Awaitable", "Faults"})
@Description("A faulted awaitable became unreachable and nobody observed its exception")
@StackTrace(false)
public final class UnobservedFaultEvent extends Event {
    public static final String NAME = "dev.awaitable.UnobservedFault";

    @Label("Exception Class")
    public String exceptionClass;

    @Label("Message")
    public String message;

    @Label("Awaitable")
    public String awaitable;
}
