package dev.awaitable.analyzer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording's own settings, from the {@code jdk.ActiveSetting} events JFR writes at the start
 * of every chunk and whenever a setting changes: per event type whether it was enabled, its
 * threshold and its period.
 *
 * <p>A setting can change during a recording (another recording starts in the same JVM, a
 * {@code jcmd JFR.configure}); for thresholds the largest seen is kept, since that is the one that
 * may have hidden events, and {@link #thresholdVaried} says whether it changed.
 */
final class RecordingSettings {
    private static final Pattern TIMESPAN =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|min|h|d)?\\s*", Pattern.CASE_INSENSITIVE);

    private final Set<String> enabled = new HashSet<>();
    private final Set<String> disabled = new HashSet<>();
    private final Map<String, Long> maxThresholdNs = new HashMap<>();
    private final Map<String, Long> minThresholdNs = new HashMap<>();
    private final Map<String, String> maxThresholdText = new HashMap<>();
    private final Map<String, String> period = new HashMap<>();

    /** One {@code jdk.ActiveSetting}: {@code type} is the event type's name, already looked up by id. */
    void accept(String type, String name, String value) {
        if (type == null || name == null || value == null) {
            return;
        }
        switch (name) {
            case "enabled" -> ("true".equals(value) ? enabled : disabled).add(type);
            case "threshold" -> {
                long ns = parseNanos(value);
                if (ns >= 0) {
                    if (ns >= maxThresholdNs.getOrDefault(type, -1L)) {
                        maxThresholdNs.put(type, ns);
                        maxThresholdText.put(type, Units.timespan(ns));
                    }
                    minThresholdNs.merge(type, ns, Math::min);
                }
            }
            case "period" -> {
                long ns = parseNanos(value);
                period.put(type, ns >= 0 ? Units.timespan(ns) : value.strip());
            }
            default -> {
                // stackTrace, cutoff, throttle, ...: not needed
            }
        }
    }

    /** Enabled at some point of the recording. */
    boolean enabled(String type) {
        return enabled.contains(type);
    }

    /** Explicitly disabled and never enabled. */
    boolean disabled(String type) {
        return disabled.contains(type) && !enabled.contains(type);
    }

    /** The largest threshold in effect, in nanoseconds, or -1 when the recording does not say. */
    long thresholdNs(String type) {
        return maxThresholdNs.getOrDefault(type, -1L);
    }

    /** The largest threshold in its largest whole unit ({@code "20 ms"}), or null. */
    String thresholdText(String type) {
        return maxThresholdText.get(type);
    }

    /** The threshold changed during the recording. */
    boolean thresholdVaried(String type) {
        Long min = minThresholdNs.get(type);
        return min != null && min.longValue() != thresholdNs(type);
    }

    /** The period in its largest whole unit ({@code "10 ms"}), else as recorded ({@code "everyChunk"}), or null. */
    String period(String type) {
        return period.get(type);
    }

    /**
     * A JFR timespan setting in nanoseconds: {@code "20 ms"}, {@code "0 ns"}, {@code "1 s"},
     * {@code "0"}; -1 when it is not one (e.g. {@code "infinity"}, which no threshold uses).
     */
    static long parseNanos(String text) {
        Matcher m = TIMESPAN.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ns" : m.group(2).toLowerCase(Locale.ROOT);
        double factor = switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> throw new IllegalStateException("unit " + unit);
        };
        return Math.round(v * factor);
    }
}
