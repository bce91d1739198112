package dev.awaitable.cli.run;

import dev.awaitable.http.load.OpenFileLimit;
import java.io.IOException;

/**
 * The open-file limit of this process, from {@code /proc/self/limits}. Every connection costs
 * a file descriptor in the load generator and one in the server; HotSpot raises its soft limit
 * to the hard one at start-up (-XX:+MaxFDLimit, the default), the launcher raises the shell's,
 * and wrk is started with its own raised (see {@code Wrk}).
 */
public final class OpenFiles {
    /** Descriptors a process needs besides its connections (jars, selectors, pipes, logs). */
    static final int SPARE = 500;

    private OpenFiles() {}

    /** {soft, hard}, or null where /proc is not there. */
    static long[] limits() {
        try {
            return OpenFileLimit.current();
        } catch (IOException | RuntimeException e) {
            return null; // not Linux
        }
    }

    /** One line for the progress output. */
    public static String describe() {
        long[] l = limits();
        if (l == null) {
            return "open-file limit unknown (no /proc/self/limits); each connection needs a descriptor on each side";
        }
        return "open-file limit " + l[0] + " (hard " + l[1]
                + "), raised to the hard limit by the launcher and the JVM; "
                + "each connection needs one descriptor in the generator and one in the server";
    }

    /** Null if {@code connections} fit under this process's limit, else a one-line reason saying how to raise it. */
    static String shortfall(int connections) {
        long[] l = limits();
        if (l == null || l[0] >= connections + (long) SPARE) {
            return null;
        }
        return "the open-file limit " + l[0] + " is below the " + (connections + SPARE) + " descriptors " + connections
                + " connections need; raise it (ulimit -n " + (connections + SPARE) + ", hard limit now " + l[1]
                + "; as root: ulimit -Hn, or LimitNOFILE / limits.conf)";
    }
}
