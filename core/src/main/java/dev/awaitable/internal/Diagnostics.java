package dev.awaitable.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Where failures that have no caller to go to are logged (never swallowed). Errors, and the
 * warnings that say a contract is not kept, also go to stderr when no SLF4J provider is on the
 * class path, where SLF4J would drop them.
 */
public final class Diagnostics {
    private static final Logger LOG = LoggerFactory.getLogger("dev.awaitable");
    private static final boolean NO_PROVIDER = LOG instanceof NOPLogger;

    private Diagnostics() {}

    public static Logger log() {
        return LOG;
    }

    /** Logs an error; on stderr too when nothing would show the log. */
    public static void error(String message, Throwable t) {
        LOG.error(message, t);
        if (NO_PROVIDER) {
            System.err.println("[awaitable] ERROR " + message);
            t.printStackTrace(System.err);
        }
    }

    /** Logs a warning; on stderr too when nothing would show the log. */
    public static void warn(String message) {
        LOG.warn(message);
        if (NO_PROVIDER) {
            System.err.println("[awaitable] WARNING " + message);
        }
    }

    /** A continuation threw: a bug in the code that registered it. The completer carries on. */
    public static void continuationFailed(Runnable continuation, Throwable t) {
        error(
                "continuation " + continuation.getClass().getName()
                        + " threw; the completing thread and the other continuations carry on",
                t);
    }

    /** Work posted to a context or scheduler threw and nothing awaits it. */
    public static void postedWorkFailed(String where, Throwable t) {
        error("work posted to " + where + " threw", t);
    }
}
