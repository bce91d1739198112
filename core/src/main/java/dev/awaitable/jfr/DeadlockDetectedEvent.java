package dev.awaitable.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A blocking join on a context's own thread was refused because it could never return. */
@Name(DeadlockDetectedEvent.NAME)
@Label("Deadlock Detected")
@Category({"Awaitable", "Faults"})
@Description("join() was called on the thread of the context that the awaited work must resume on")
public final class DeadlockDetectedEvent extends Event {
    public static final String NAME = "dev.awaitable.DeadlockDetected";

    @Label("Context")
    public String context;

    @Label("Awaitable")
    public String awaitable;

    @Label("Waiting Chain")
    @Description("The awaitables from the joined one to the step that must resume on the context")
    public String chain;
}
