package dev.awaitable.http.load;

import java.io.IOException;
import java.time.Duration;

/** A closed-loop HTTP/1.1 load generator: {@link Wrk}, or the built-in {@link JavaLoadGenerator}. */
public interface LoadGenerator {

    /** "wrk" or "java". */
    String id();

    /**
     * Closed-loop load: {@code connections} keep-alive connections to
     * {@code http://host:port/path}, each sending its next GET as soon as the previous response
     * arrived, for {@code duration}; a request unanswered after {@code timeout} counts as an
     * error. Always returns by itself within duration + timeout + a few seconds.
     */
    LoadResult run(String host, int port, String path, int connections, Duration duration, Duration timeout)
            throws IOException, InterruptedException;
}
