package dev.awaitable.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * An async body: the method an {@code AsyncBody}/{@code AsyncAction} lambda (or a method
 * reference to a static or private method of the same class) runs, and the machine class it
 * becomes.
 *
 * @param host the class that declares the method and creates the body
 * @param method the body's method, as javac wrote it (left in the host for the loom backend)
 * @param action true for an {@code AsyncAction} (no result)
 * @param machineName the generated machine's internal name, {@code Foo$greet$Async0}
 * @param sourceMethod the source method the body is written in ({@code greet} for {@code lambda$greet$0})
 */
record BodyMethod(ClassNode host, MethodNode method, boolean action, String machineName, String sourceMethod) {

    /** A value the body captured: a constructor parameter and a field of the machine. */
    record Capture(String field, Type type, int slot) {}

    boolean isStatic() {
        return (method.access & Opcodes.ACC_STATIC) != 0;
    }

    boolean isLambda() {
        return method.name.startsWith("lambda$");
    }

    boolean hostIsInterface() {
        return (host.access & Opcodes.ACC_INTERFACE) != 0;
    }

    /** The captures in parameter order: the outer {@code this} first for an instance method. */
    List<Capture> captures() {
        List<Capture> captures = new ArrayList<>();
        int slot = 0;
        if (!isStatic()) {
            captures.add(new Capture("this$0", Type.getObjectType(host.name), 0));
            slot = 1;
        }
        List<String> taken = new ArrayList<>(List.of("this$0", "state", "builder", "awaiter"));
        for (Type type : Type.getArgumentTypes(method.desc)) {
            String name = nameOf(slot);
            while (taken.contains(name)) {
                name = name + "$";
            }
            taken.add(name);
            captures.add(new Capture(name, type, slot));
            slot += type.getSize();
        }
        return captures;
    }

    /** Slots taken by the parameters (the outer {@code this} included). */
    int parameterSlots() {
        return (Type.getArgumentsAndReturnSizes(method.desc) >> 2) - (isStatic() ? 1 : 0);
    }

    private String nameOf(int slot) {
        if (method.localVariables != null) {
            for (LocalVariableNode local : method.localVariables) {
                if (local.index == slot && !local.name.equals("this")) {
                    return local.name;
                }
            }
        }
        return "capture" + slot;
    }

    String descriptorOfCaptures() {
        StringBuilder desc = new StringBuilder("(");
        for (Capture c : captures()) {
            desc.append(c.type().getDescriptor());
        }
        return desc.append(")V").toString();
    }
}
