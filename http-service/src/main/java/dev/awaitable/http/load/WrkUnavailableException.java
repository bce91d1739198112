package dev.awaitable.http.load;

/** wrk is missing; the message says how to install it, in one line. */
public final class WrkUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public WrkUnavailableException(String message) {
        super(message);
    }
}
