package dev.awaitable.weaver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The code {@code @LoomOnly} opts out of weaving: every method of an annotated class (or of a
 * class nested in one), an annotated method, and the lambda bodies created inside either, to any
 * depth (javac compiles a lambda to a separate method of the class, which carries no annotation
 * of its own).
 */
final class LoomOnlyCode {

    static final String DESCRIPTOR = "Ldev/awaitable/LoomOnly;";

    private LoomOnlyCode() {}

    /** Whether {@code c} carries the annotation itself. */
    static boolean annotated(ClassNode c) {
        return has(c.invisibleAnnotations) || has(c.visibleAnnotations);
    }

    /** Whether {@code internalName} is {@code outer} or nested in it, by the binary name. */
    static boolean within(String internalName, String outer) {
        return internalName.equals(outer) || internalName.startsWith(outer + "$");
    }

    /** The methods of {@code host} that are loom-only (all of them when {@code wholeClass}). */
    static Set<MethodNode> methodsOf(ClassNode host, boolean wholeClass) {
        Set<MethodNode> loomOnly = new HashSet<>();
        Deque<MethodNode> work = new ArrayDeque<>();
        for (MethodNode m : host.methods) {
            if (wholeClass || has(m.invisibleAnnotations) || has(m.visibleAnnotations)) {
                loomOnly.add(m);
                work.add(m);
            }
        }
        while (!work.isEmpty()) {
            for (AbstractInsnNode insn : work.poll().instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy
                        && indy.bsmArgs.length >= 2
                        && indy.bsmArgs[1] instanceof Handle impl
                        && impl.getOwner().equals(host.name)
                        && impl.getName().startsWith("lambda$")) {
                    for (MethodNode m : host.methods) {
                        if (m.name.equals(impl.getName()) && m.desc.equals(impl.getDesc()) && loomOnly.add(m)) {
                            work.add(m);
                        }
                    }
                }
            }
        }
        return loomOnly;
    }

    private static boolean has(List<AnnotationNode> annotations) {
        if (annotations != null) {
            for (AnnotationNode a : annotations) {
                if (a.desc.equals(DESCRIPTOR)) {
                    return true;
                }
            }
        }
        return false;
    }
}
