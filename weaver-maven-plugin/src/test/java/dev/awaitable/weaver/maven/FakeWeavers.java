package dev.awaitable.weaver.maven;

import dev.awaitable.weaver.WeaveDiagnostic;
import dev.awaitable.weaver.WeaveResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weave functions with a result fixed by the test, for checking what is done around a weave
 * independently of the transformation itself.
 */
final class FakeWeavers {

    private FakeWeavers() {}

    /**
     * Refuses every call of {@code Async.await} it finds, at the line the class file gives it: the
     * shape of the weaver's real refusals (an await inside {@code synchronized}, say), with the
     * class name, {@code SourceFile} and line read from real class files.
     */
    static WeaveResult refuseEveryAwait(Map<String, byte[]> classes) {
        List<WeaveDiagnostic> errors = new ArrayList<>();
        classes.forEach((name, bytes) -> {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            for (MethodNode m : node.methods) {
                int line = 0;
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof LineNumberNode ln) {
                        line = ln.line;
                    } else if (insn instanceof MethodInsnNode call
                            && call.owner.equals("dev/awaitable/Async")
                            && call.name.equals("await")) {
                        errors.add(new WeaveDiagnostic(
                                name, node.sourceFile, line, "Async.await inside synchronized (fixture)"));
                    }
                }
            }
        });
        return new WeaveResult(classes, errors, List.of());
    }
}
