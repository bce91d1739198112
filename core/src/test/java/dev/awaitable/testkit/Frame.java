package dev.awaitable.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * The locals of a running {@link Program}: what a state machine hoists into fields and a
 * direct-style body keeps on its stack. One frame per program run; touched only by the body,
 * which runs on one thread at a time, with happens-before across awaits.
 */
public final class Frame {
    private final Map<String, Object> locals = new HashMap<>();
    private Object last;
    private Throwable caught;

    /** The value of the most recent await. */
    public Object last() {
        return last;
    }

    /** The exception the innermost running catch handler caught. */
    public Throwable caught() {
        return caught;
    }

    /** The local's value, typed as the program reads it (a frame holds locals of many types). */
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public <V> V get(String name) {
        return (V) locals.get(name);
    }

    public int getInt(String name) {
        Object v = locals.get(name);
        return v == null ? 0 : (Integer) v;
    }

    public Frame set(String name, Object value) {
        locals.put(name, value);
        return this;
    }

    /** Adds {@code delta} to an int local (0 if unset) and returns the new value. */
    public int add(String name, int delta) {
        int v = getInt(name) + delta;
        locals.put(name, v);
        return v;
    }

    void store(String into, Object value) {
        last = value;
        if (into != null) {
            locals.put(into, value);
        }
    }

    void caught(Throwable t) {
        caught = t;
    }

    @Override
    public String toString() {
        return "Frame" + locals;
    }
}
