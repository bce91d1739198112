package dev.awaitable.weaver.agent;

import dev.awaitable.weaver.WeaveDiagnostic;
import dev.awaitable.weaver.WeaveResult;
import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The agent's machinery with a weave result fixed by the test instead of the weaver's: it marks
 * every class of a nest it weaves with a static field {@code woven}, gives the nest host a
 * generated nestmate {@code Host$Machine}, refuses {@code fixture.Refused} at the line of its
 * await, and prints each nest it is given. It is offered every class the program loads, so what it
 * prints also shows what the agent never offers to a weaver (the JDK, the library itself).
 */
public final class FixtureWeavingAgent {

    private FixtureWeavingAgent() {}

    public static void premain(String args, Instrumentation inst) throws ReflectiveOperationException {
        inst.addTransformer(
                new LoadTimeWeaver(
                        classpath -> FixtureWeavingAgent::weave, ClassDefiner.open(inst), name -> true, System.err),
                false);
    }

    static WeaveResult weave(Map<String, byte[]> classes) {
        System.out.println("weave " + new TreeSet<>(classes.keySet()));
        if (classes.containsKey("fixture/Refused")) {
            return new WeaveResult(classes, List.of(refusal(classes.get("fixture/Refused"))), List.of());
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            node.visitField(Opcodes.ACC_STATIC, "woven", "Z", null, null);
            if (node.nestHostClass == null) {
                String machine = name + "$Machine";
                node.visitNestMember(machine);
                out.put(machine, machine(machine, name, node.version));
            }
            ClassWriter writer = new ClassWriter(0);
            node.accept(writer);
            out.put(name, writer.toByteArray());
        });
        return new WeaveResult(out, List.of(), List.of());
    }

    private static byte[] machine(String name, String host, int version) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(
                version,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
                name,
                null,
                "java/lang/Object",
                null);
        w.visitNestHost(host);
        MethodVisitor m =
                w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "hello", "()Ljava/lang/String;", null, null);
        m.visitCode();
        m.visitLdcInsn("machine of " + host);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    private static WeaveDiagnostic refusal(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        for (MethodNode m : node.methods) {
            int line = 0;
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof LineNumberNode ln) {
                    line = ln.line;
                } else if (insn instanceof MethodInsnNode call && call.name.equals("await")) {
                    return new WeaveDiagnostic(node.name, node.sourceFile, line, "refused (fixture)");
                }
            }
        }
        throw new AssertionError("no await in " + node.name);
    }
}
