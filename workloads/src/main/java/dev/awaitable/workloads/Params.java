package dev.awaitable.workloads;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameter values of one run, checked against the workload's {@link ParamSpec}s. Its
 * {@link #key()} ({@code a=1,b=x}, names sorted) identifies the parameter set in JMH params,
 * result files and the report.
 */
public final class Params {
    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks {@code given} against {@code workload}'s specs: unknown names and illegal values are
     * IllegalArgumentExceptions naming what is legal; missing names take the first quick value.
     */
    public static Params of(Workload workload, Map<String, String> given) {
        Map<String, String> out = new TreeMap<>();
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        for (ParamSpec s : workload.params()) {
            specs.put(s.name(), s);
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            ParamSpec s = specs.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException("workload " + workload.id() + " has no parameter '" + e.getKey()
                        + "'; its parameters: " + (specs.isEmpty() ? "none" : String.join(", ", specs.keySet())));
            }
            out.put(s.name(), s.validate(e.getValue()));
        }
        for (ParamSpec s : specs.values()) {
            out.putIfAbsent(s.name(), s.quick().get(0));
        }
        return new Params(out);
    }

    /** Parses a key such as {@code depth=10,mode=value} (empty for none). */
    public static Params parse(Workload workload, String key) {
        Map<String, String> m = new LinkedHashMap<>();
        if (key != null && !key.isBlank()) {
            for (String part : key.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("malformed parameter '" + part + "': expected name=value");
                }
                m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return of(workload, m);
    }

    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    public int getInt(String name) {
        return Math.toIntExact(Long.parseLong(get(name)));
    }

    public long getLong(String name) {
        return Long.parseLong(get(name));
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Canonical {@code name=value,...}, names sorted. */
    public String key() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return key();
    }
}
