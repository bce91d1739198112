package dev.awaitable.reliability.differential;

import dev.awaitable.Awaitable;
import java.util.concurrent.CancellationException;

/**
 * How a program ended, in comparable form: the value, or the exception's class and message (with
 * identity hash codes blanked, since an exception may name an awaitable), split into faulted and
 * cancelled.
 */
record Outcome(String status, Integer value, String exception, String message) {

    static Outcome succeeded(Integer value) {
        return new Outcome("SUCCEEDED", value, null, null);
    }

    static Outcome failed(Throwable t) {
        return new Outcome(
                t instanceof CancellationException ? "CANCELLED" : "FAULTED",
                null,
                t.getClass().getName(),
                normalize(t.getMessage()));
    }

    /** The outcome of a completed awaitable (observing its fault). */
    static Outcome of(Awaitable<Integer> a) {
        return switch (a.status()) {
            case SUCCEEDED -> succeeded(a.resultNow());
            case FAULTED -> failed(a.exception());
            case CANCELLED -> {
                try {
                    a.getResult();
                    throw new IllegalStateException("cancelled awaitable returned a value");
                } catch (CancellationException e) {
                    yield failed(e);
                }
            }
            case PENDING -> new Outcome("PENDING", null, null, null);
        };
    }

    static String normalize(String message) {
        return message == null ? null : message.replaceAll("@[0-9a-f]+", "@*");
    }

    @Override
    public String toString() {
        return "SUCCEEDED".equals(status)
                ? "SUCCEEDED " + value
                : status + (exception == null ? "" : " " + exception + ": " + message);
    }
}
