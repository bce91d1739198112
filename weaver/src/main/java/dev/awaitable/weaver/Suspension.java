package dev.awaitable.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One await of a body, and what crosses it when it suspends: the live locals and the operand
 * stack below the awaited value, each with the spill field that holds it while the machine waits.
 */
final class Suspension {

    /**
     * A value that crosses the suspension.
     *
     * @param kind the field kind: {@code L} reference, {@code I} int (and boolean, byte, char,
     *     short), {@code J}, {@code F}, {@code D}; {@code N} a null, restored without a field;
     *     {@code C} a parameter never assigned, restored from its capture field
     * @param type the verifier's type of the value
     * @param index the spill field's number within its kind ({@code L$index})
     * @param slot the local's slot in the body's method, or -1 for a stack value
     */
    record Spilled(char kind, Type type, int index, int slot) {

        String field() {
            return kind + "$" + index;
        }

        String fieldDescriptor() {
            return kind == 'L' ? "Ljava/lang/Object;" : String.valueOf(kind);
        }
    }

    final int state;
    final MethodInsnNode await;
    final int line;
    /**
     * The awaited value is statically an {@code Awaitable} awaited with no token: its own final
     * methods are called directly, as hand-written machines do.
     */
    boolean direct;

    final List<Spilled> locals = new ArrayList<>();
    /** Bottom first. */
    final List<Spilled> stack = new ArrayList<>();

    Suspension(int state, MethodInsnNode await, int line) {
        this.state = state;
        this.await = await;
        this.line = line;
    }

    /** How many reference fields this suspension writes ({@code L$0} to {@code L$(n-1)}). */
    int references() {
        int n = 0;
        for (Spilled s : locals) {
            n += s.kind() == 'L' ? 1 : 0;
        }
        for (Spilled s : stack) {
            n += s.kind() == 'L' ? 1 : 0;
        }
        return n;
    }
}
