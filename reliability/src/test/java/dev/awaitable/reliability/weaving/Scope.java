package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.ValueType;
import dev.awaitable.reliability.weaving.Program.Var;
import dev.awaitable.reliability.weaving.Program.VarKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the generator may name at the current point: the locals of the body being generated and
 * the final ones of the bodies around it (what a lambda may capture), and the loops and switches a
 * jump may leave. Jumps never cross a body: a lambda is its own method.
 */
final class Scope {

    /** {@code capturable}: final, so a lambda may read it; {@code assignable}: the generator may write it. */
    private record Entry(Var var, String array, String exception, boolean capturable, boolean assignable) {}

    /** A loop (label possibly null) or, with {@code loop} false, a switch. */
    private record Target(boolean loop, String label) {}

    private static final class Frame {
        final ValueType result;
        final List<Entry> entries = new ArrayList<>();
        final Deque<Target> targets = new ArrayDeque<>();

        Frame(ValueType result) {
            this.result = result;
        }
    }

    private final Deque<Frame> frames = new ArrayDeque<>();

    void enterBody(ValueType result) {
        frames.push(new Frame(result));
    }

    void exitBody() {
        frames.pop();
    }

    private Frame top() {
        return frames.getFirst();
    }

    ValueType result() {
        return top().result;
    }

    int mark() {
        return top().entries.size();
    }

    void reset(int mark) {
        List<Entry> entries = top().entries;
        entries.subList(mark, entries.size()).clear();
    }

    void add(Var v, boolean capturable, boolean assignable) {
        top().entries.add(new Entry(v, null, null, capturable, assignable));
    }

    void addArray(String name) {
        top().entries.add(new Entry(null, name, null, true, false));
    }

    void addException(String name) {
        top().entries.add(new Entry(null, null, name, false, false));
    }

    /** The locals declared since {@code mark} in this body. */
    List<Var> since(int mark) {
        List<Var> out = new ArrayList<>();
        for (Entry e : top().entries.subList(mark, top().entries.size())) {
            if (e.var() != null) {
                out.add(e.var());
            }
        }
        return out;
    }

    List<String> arraysSince(int mark) {
        List<String> out = new ArrayList<>();
        for (Entry e : top().entries.subList(mark, top().entries.size())) {
            if (e.array() != null) {
                out.add(e.array());
            }
        }
        return out;
    }

    /** Variables of type {@code t}: this body's, the enclosing bodies' final ones, the field. */
    List<Var> readable(ValueType t, boolean instance) {
        List<Var> out = new ArrayList<>();
        boolean current = true;
        for (Frame f : frames) {
            for (Entry e : f.entries) {
                if (e.var() != null && e.var().type() == t && (current || e.capturable())) {
                    out.add(e.var());
                }
            }
            current = false;
        }
        if (instance && t == ValueType.INT) {
            out.add(new Var(ValueType.INT, "fld", VarKind.FIELD));
        }
        return out;
    }

    List<Var> assignable() {
        List<Var> out = new ArrayList<>();
        for (Entry e : top().entries) {
            if (e.var() != null && e.assignable()) {
                out.add(e.var());
            }
        }
        return out;
    }

    /** Arrays are final, so a lambda may capture (and write into) the enclosing bodies' arrays. */
    List<String> arrays() {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            for (Entry e : f.entries) {
                if (e.array() != null) {
                    out.add(e.array());
                }
            }
        }
        return out;
    }

    List<String> exceptions() {
        List<String> out = new ArrayList<>();
        for (Entry e : top().entries) {
            if (e.exception() != null) {
                out.add(e.exception());
            }
        }
        return out;
    }

    void enterLoop(String label) {
        top().targets.push(new Target(true, label));
    }

    void exitLoop() {
        top().targets.pop();
    }

    void enterSwitch() {
        top().targets.push(new Target(false, null));
    }

    void exitSwitch() {
        top().targets.pop();
    }

    boolean breakable() {
        return !top().targets.isEmpty();
    }

    boolean inLoop() {
        return top().targets.stream().anyMatch(Target::loop);
    }

    List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Target t : top().targets) {
            if (t.label() != null) {
                out.add(t.label());
            }
        }
        return out;
    }
}
