package dev.awaitable.weaver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The methods of a class that can run: all but the lambda methods that no live code creates.
 *
 * <p>javac leaves out the code after a constant condition ({@code if (true) return x;}, a
 * {@code static final boolean} flag), creation sites of lambdas included, yet still writes the
 * lambdas' methods. Such a method is a body javac no longer says is one: it awaits, and no
 * invokedynamic names it. It never runs, so it is neither woven nor refused (whether its source
 * was a body or a callback, the class file no longer tells), and neither are the lambdas only it
 * creates.
 */
final class LiveMethods {

    private LiveMethods() {}

    static Set<MethodNode> of(ClassNode host) {
        Set<MethodNode> live = new HashSet<>();
        Deque<MethodNode> work = new ArrayDeque<>();
        for (MethodNode method : host.methods) {
            if (!isLambda(method)) {
                live.add(method);
                work.add(method);
            }
        }
        while (!work.isEmpty()) {
            for (AbstractInsnNode insn : work.poll().instructions) {
                for (Handle handle : handlesOf(insn)) {
                    MethodNode target = lambdaNamed(host, handle);
                    if (target != null && live.add(target)) {
                        work.add(target);
                    }
                }
            }
        }
        return live;
    }

    /** A private synthetic {@code lambda$...} method: javac's, referenced from this class alone. */
    private static boolean isLambda(MethodNode method) {
        return method.name.startsWith("lambda$")
                && (method.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC))
                        == (Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC);
    }

    private static Handle[] handlesOf(AbstractInsnNode insn) {
        if (insn instanceof InvokeDynamicInsnNode indy) {
            return java.util.Arrays.stream(indy.bsmArgs)
                    .filter(Handle.class::isInstance)
                    .map(Handle.class::cast)
                    .toArray(Handle[]::new);
        }
        if (insn instanceof MethodInsnNode call) {
            return new Handle[] {new Handle(Opcodes.H_INVOKESTATIC, call.owner, call.name, call.desc, call.itf)};
        }
        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Handle handle) {
            return new Handle[] {handle};
        }
        return new Handle[0];
    }

    private static MethodNode lambdaNamed(ClassNode host, Handle handle) {
        if (!handle.getOwner().equals(host.name) || !handle.getName().startsWith("lambda$")) {
            return null;
        }
        for (MethodNode method : host.methods) {
            if (method.name.equals(handle.getName()) && method.desc.equals(handle.getDesc())) {
                return method;
            }
        }
        return null;
    }
}
