package dev.awaitable.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** The errors and warnings of one weave, each at a class's source file and line. */
final class Diagnostics {

    final List<WeaveDiagnostic> errors = new ArrayList<>();
    final List<WeaveDiagnostic> warnings = new ArrayList<>();

    /** An error; the same error twice at one line (two awaits on it) is reported once. */
    void error(ClassNode owner, AbstractInsnNode at, String message) {
        error(owner, lineOf(at), message);
    }

    void error(ClassNode owner, int line, String message) {
        WeaveDiagnostic d = diagnostic(owner, line, message);
        if (!errors.contains(d)) {
            errors.add(d);
        }
    }

    void warning(ClassNode owner, int line, String message) {
        warnings.add(diagnostic(owner, line, message));
    }

    private static WeaveDiagnostic diagnostic(ClassNode owner, int line, String message) {
        String simple = owner.name.substring(owner.name.lastIndexOf('/') + 1);
        int nested = simple.indexOf('$');
        String file = owner.sourceFile != null
                ? owner.sourceFile
                : (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
        return new WeaveDiagnostic(owner.name, file, line, message);
    }

    /** The source line of an instruction: the last line number before it, or 0. */
    static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode i = insn; i != null; i = i.getPrevious()) {
            if (i instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return 0;
    }

    /** The first source line of a method, or 0 when it has no line numbers. */
    static int firstLine(MethodNode method) {
        for (AbstractInsnNode i : method.instructions) {
            if (i instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return 0;
    }
}
