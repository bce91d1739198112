package dev.awaitable.cli.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical parameter keys ({@code depth=10,returns=value}) as the report needs them: split into
 * names and values, ordered so numeric sweeps read in ascending order, and searched for a numeric
 * parameter that a line chart can put on its x axis. The report must render keys it has never
 * seen (a merged run, a newer catalog), so nothing here consults the workload catalog.
 */
final class ParamKeys {

    /** What a table shows for a workload measured without parameters. */
    static final String NONE = "(no parameters)";

    private ParamKeys() {}

    /** {@code a=1,b=x} as an ordered map; an empty or null key is an empty map; a part without '=' is a name with value "". */
    static Map<String, String> parse(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (key == null || key.isBlank()) {
            return out;
        }
        for (String part : key.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                out.put(part.trim(), "");
            } else {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** The key with {@code name} left out: what stays fixed while {@code name} sweeps. */
    static String without(String key, String name) {
        List<String> parts = new ArrayList<>();
        parse(key).forEach((n, v) -> {
            if (!n.equals(name)) {
                parts.add(n + "=" + v);
            }
        });
        return String.join(",", parts);
    }

    /** The value as a number, or null when it is not one. */
    static Double numeric(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.replace("_", ""));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Orders keys by each parameter in turn: numeric values ascending, other values in the order
     * they first appear in {@code keys} (the matrix order, which follows the catalog).
     */
    static List<String> sorted(Collection<String> keys) {
        Map<String, Map<String, Integer>> firstSeen = new LinkedHashMap<>();
        for (String key : keys) {
            parse(key).forEach((n, v) -> {
                Map<String, Integer> seen = firstSeen.computeIfAbsent(n, x -> new HashMap<>());
                seen.putIfAbsent(v, seen.size());
            });
        }
        // A total order: per name (in first-seen order), non-numeric values by first appearance, then numbers
        // ascending.
        Comparator<String> byParams = (a, b) -> {
            Map<String, String> pa = parse(a);
            Map<String, String> pb = parse(b);
            for (Map.Entry<String, Map<String, Integer>> name : firstSeen.entrySet()) {
                String va = pa.getOrDefault(name.getKey(), "");
                String vb = pb.getOrDefault(name.getKey(), "");
                if (va.equals(vb)) {
                    continue;
                }
                Double na = numeric(va);
                Double nb = numeric(vb);
                if (na != null && nb != null) {
                    int c = Double.compare(na, nb);
                    if (c != 0) {
                        return c;
                    }
                } else if (na != null || nb != null) {
                    return na == null ? -1 : 1;
                }
                int c = Integer.compare(
                        name.getValue().getOrDefault(va, -1), name.getValue().getOrDefault(vb, -1));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        List<String> out = new ArrayList<>(new LinkedHashSet<>(keys));
        out.sort(byParams);
        return out;
    }

    /**
     * Parameters worth a line chart: every value numeric and at least {@code minValues} distinct
     * values among {@code keys}. In key order.
     */
    static List<String> sweeps(Collection<String> keys, int minValues) {
        Map<String, Set<Double>> values = new LinkedHashMap<>();
        Set<String> nonNumeric = new LinkedHashSet<>();
        for (String key : keys) {
            parse(key).forEach((n, v) -> {
                Double d = numeric(v);
                if (d == null) {
                    nonNumeric.add(n);
                } else {
                    values.computeIfAbsent(n, x -> new LinkedHashSet<>()).add(d);
                }
            });
        }
        List<String> out = new ArrayList<>();
        values.forEach((n, vs) -> {
            if (!nonNumeric.contains(n) && vs.size() >= minValues) {
                out.add(n);
            }
        });
        return out;
    }

    /** The key as a table shows it: {@link #NONE} for the empty key. */
    static String label(String key) {
        return key == null || key.isBlank() ? NONE : key;
    }
}
