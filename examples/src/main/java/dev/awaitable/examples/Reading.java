package dev.awaitable.examples;

/**
 * What the dashboard learned from one service.
 *
 * @param service the service's name
 * @param status {@code ok}, {@code timed out} or {@code failed: <reason>}
 * @param value the service's answer when {@code ok}, else 0
 * @param attempts how many calls it took
 */
public record Reading(String service, String status, int value, int attempts) {

    static Reading ok(String service, int value, int attempts) {
        return new Reading(service, "ok", value, attempts);
    }

    static Reading timedOut(String service, int attempts) {
        return new Reading(service, "timed out", 0, attempts);
    }

    static Reading failed(String service, String reason, int attempts) {
        return new Reading(service, "failed: " + reason, 0, attempts);
    }
}
