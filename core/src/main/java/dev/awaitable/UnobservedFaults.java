package dev.awaitable;

import dev.awaitable.internal.Diagnostics;
import dev.awaitable.jfr.UnobservedFaultEvent;
import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * Reports faults nobody observed, once, when their awaitable becomes unreachable (.NET's
 * {@code TaskScheduler.UnobservedTaskException}, but never silent by default).
 *
 * <p>Each faulted awaitable registers its {@link Awaitable.Faulted} state with a {@link Cleaner};
 * observing the fault (await, join, {@code exception()}, a combinator taking it over) cleans the
 * registration at once, so only unobserved faults are left for the cleaner thread. The cleaning
 * action holds the exception, never the awaitable, so it cannot keep it reachable.
 */
final class UnobservedFaults {

    private static final Cleaner CLEANER =
            Cleaner.create(r -> dev.awaitable.internal.LibraryThreads.newThread(r, "awaitable-unobserved-faults"));

    private static final UnobservedFaultHandler LOGGING = fault -> Diagnostics.error(
            "unobserved fault in " + fault.awaitable()
                    + ": nobody awaited or inspected it before it became unreachable",
            fault.exception());

    private static volatile UnobservedFaultHandler handler = LOGGING;

    private UnobservedFaults() {}

    static UnobservedFaultHandler setHandler(UnobservedFaultHandler h) {
        UnobservedFaultHandler previous = handler;
        handler = h == null ? LOGGING : h;
        return previous;
    }

    static UnobservedFaultHandler defaultHandler() {
        return LOGGING;
    }

    static void track(Awaitable<?> owner, Awaitable.Faulted fault) {
        try {
            fault.description = owner.describe();
        } catch (RuntimeException | StackOverflowError e) { // a subclass's describe() must not stop the completion
            fault.description = owner.getClass().getName();
        }
        fault.cleanable = CLEANER.register(owner, fault);
    }

    /** Cleaner thread. A handler that throws is logged and breaks nothing. */
    static void report(Throwable exception, String description) {
        UnobservedFaultEvent e = new UnobservedFaultEvent();
        if (e.isEnabled()) {
            e.exceptionClass = exception.getClass().getName();
            e.message = exception.getMessage();
            e.awaitable = description;
            e.commit();
        }
        UnobservedFault fault = new UnobservedFault(exception, Objects.requireNonNullElse(description, "awaitable"));
        try {
            handler.handle(fault);
        } catch (Throwable t) {
            Diagnostics.error("unobserved-fault handler threw while reporting " + fault, t);
        }
    }
}
