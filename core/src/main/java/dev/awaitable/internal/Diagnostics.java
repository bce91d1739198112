package dev.awaitable.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where failures that have no caller to go to are logged (never swallowed). */
public final class Diagnostics {
    private static final Logger LOG = LoggerFactory.getLogger("dev.awaitable");

    private Diagnostics() {}

    public static Logger log() {
        return LOG;
    }

    /** A continuation threw: a bug in the code that registered it. The completer carries on. */
    public static void continuationFailed(Runnable continuation, Throwable t) {
        LOG.error(
                "continuation {} threw; the completing thread and the other continuations carry on",
                continuation.getClass().getName(),
                t);
    }

    /** Work posted to a context or scheduler threw and nothing awaits it. */
    public static void postedWorkFailed(String where, Throwable t) {
        LOG.error("work posted to {} threw", where, t);
    }
}
