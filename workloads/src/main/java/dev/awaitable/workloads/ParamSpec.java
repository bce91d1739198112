package dev.awaitable.workloads;

import java.util.List;
import java.util.Objects;

/**
 * A workload parameter: its name, meaning, legal values, and the values the quick and the full
 * matrix use. Values travel as strings (CLI, JMH {@code @Param}, report keys) and are checked
 * here with one clear message when out of range.
 *
 * @param name        identifier, e.g. {@code depth}
 * @param description what it changes, one line
 * @param kind        INT (whole numbers in [min, max]) or CHOICE (one of {@code choices})
 * @param min         smallest legal INT value
 * @param max         largest legal INT value
 * @param choices     legal CHOICE values
 * @param quick       values used by {@code ./awaitable compare}
 * @param full        values used by {@code ./awaitable bench}
 */
public record ParamSpec(
        String name,
        String description,
        Kind kind,
        long min,
        long max,
        List<String> choices,
        List<String> quick,
        List<String> full) {

    public enum Kind {
        INT,
        CHOICE
    }

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        choices = List.copyOf(choices);
        quick = List.copyOf(quick);
        full = List.copyOf(full);
        for (String v : quick) {
            validate(name, kind, min, max, choices, v);
        }
        for (String v : full) {
            validate(name, kind, min, max, choices, v);
        }
    }

    /** An integer parameter in [min, max]. */
    public static ParamSpec ints(
            String name, String description, long min, long max, List<Long> quick, List<Long> full) {
        return new ParamSpec(
                name,
                description,
                Kind.INT,
                min,
                max,
                List.of(),
                quick.stream().map(String::valueOf).toList(),
                full.stream().map(String::valueOf).toList());
    }

    /** A parameter with a fixed set of values. */
    public static ParamSpec choice(
            String name, String description, List<String> choices, List<String> quick, List<String> full) {
        return new ParamSpec(name, description, Kind.CHOICE, 0, 0, choices, quick, full);
    }

    /** Checks {@code value}; returns it normalized, or throws IllegalArgumentException saying what is legal. */
    public String validate(String value) {
        return validate(name, kind, min, max, choices, value);
    }

    private static String validate(String name, Kind kind, long min, long max, List<String> choices, String value) {
        String v = value == null ? "" : value.trim();
        return switch (kind) {
            case INT -> {
                long n;
                try {
                    n = Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("parameter " + name + "=" + value
                            + " is not a whole number (legal: " + min + ".." + max + ")");
                }
                if (n < min || n > max) {
                    throw new IllegalArgumentException(
                            "parameter " + name + "=" + value + " is out of range (legal: " + min + ".." + max + ")");
                }
                yield Long.toString(n);
            }
            case CHOICE -> {
                if (!choices.contains(v)) {
                    throw new IllegalArgumentException("parameter " + name + "=" + value + " is not one of " + choices);
                }
                yield v;
            }
            default -> throw new IllegalStateException("kind " + kind);
        };
    }

    /** "1..1000" or "a|b|c", for listings. */
    public String legal() {
        return kind == Kind.INT ? min + ".." + max : String.join("|", choices);
    }
}
