package dev.awaitable.reliability.weaving;

import java.util.List;

/**
 * What one leg saw of one run of a program: how it ended ({@code returned <checksum>},
 * {@code threw <class>: <message>}, {@code hung}, or why it could not run) and its side effects.
 */
record Observed(String leg, String outcome, List<String> log) {

    static String returned(Object value) {
        return "returned " + value;
    }

    static String threw(Throwable t) {
        return "threw " + t.getClass().getName() + ": " + t.getMessage();
    }

    boolean sameAs(Observed other) {
        return outcome.equals(other.outcome) && log.equals(other.log);
    }

    @Override
    public String toString() {
        return leg + ": " + outcome + "\n      log " + log;
    }
}
