package dev.awaitable.http.load;

/**
 * Errors of one run by kind, in wrk's five kinds plus {@code malformed} (a response the Java
 * generator could not parse; wrk counts those as read errors). Not thread-safe.
 */
final class ErrorCounts {

    long connect;
    long read;
    long write;
    long status;
    long timeout;
    long malformed;

    long total() {
        return connect + read + write + status + timeout + malformed;
    }

    /** "connect 0, read 3, write 0, status 0, timeout 12" (and ", malformed n" if any); null if none. */
    String detail() {
        if (total() == 0) {
            return null;
        }
        String detail = "connect " + connect + ", read " + read + ", write " + write + ", status " + status
                + ", timeout " + timeout;
        return malformed == 0 ? detail : detail + ", malformed " + malformed;
    }
}
