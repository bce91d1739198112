package dev.awaitable.weaver.harness;

import java.util.List;

/**
 * What one run of a fixture did: its result ({@code value X}) or failure
 * ({@code threw Class: message}), and its side effects in order.
 */
public record Outcome(String result, List<String> log) {

    @Override
    public String toString() {
        return result + " " + log;
    }
}
