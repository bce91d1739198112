package dev.awaitable.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Moves {@code NEW T; DUP} after the awaits among the constructor's arguments, as javac emits
 * {@code new T(a, Async.await(x))}: an uninitialized object cannot be stored in a field, so it must
 * not be on the stack at a suspension. The arguments are stored in fresh locals just before the
 * constructor call, {@code NEW T; DUP} is emitted there, and the arguments are reloaded.
 *
 * <p>This changes when {@code T}'s static initializer may run (now after the await, it was before),
 * as Kotlin's same move does; nothing else is observable.
 */
final class UninitializedNews {

    private UninitializedNews() {}

    /**
     * Rewrites {@code method} in place and returns the awaits at which an uninitialized value of
     * another shape (not javac's {@code NEW; DUP}) is still on the stack: those cannot be woven.
     */
    static List<AbstractInsnNode> move(String owner, MethodNode method, Set<AbstractInsnNode> awaits)
            throws AnalyzerException {
        InsnList insns = method.instructions;
        Frame<SourceValue>[] frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        List<AbstractInsnNode[]> moves = new ArrayList<>(); // {new, dup, init}
        for (int i = 0; i < insns.size(); i++) {
            if (!(insns.get(i) instanceof MethodInsnNode init)
                    || init.getOpcode() != Opcodes.INVOKESPECIAL
                    || !init.name.equals("<init>")
                    || frames[i] == null) {
                continue;
            }
            Frame<SourceValue> frame = frames[i];
            int args = Type.getArgumentTypes(init.desc).length;
            SourceValue receiver = frame.getStack(frame.getStackSize() - args - 1);
            if (receiver.insns.size() != 1 || receiver.insns.iterator().next().getOpcode() != Opcodes.DUP) {
                continue;
            }
            AbstractInsnNode dup = receiver.insns.iterator().next();
            AbstractInsnNode created = dup.getPrevious();
            if (created == null || created.getOpcode() != Opcodes.NEW) {
                continue;
            }
            int from = insns.indexOf(created);
            boolean spansAwait = false;
            for (AbstractInsnNode await : awaits) {
                int at = insns.indexOf(await);
                spansAwait |= at > from && at < i;
            }
            if (spansAwait) {
                moves.add(new AbstractInsnNode[] {created, dup, init});
            }
        }
        List<AbstractInsnNode> unsupported = new ArrayList<>();
        for (AbstractInsnNode await : awaits) {
            Frame<SourceValue> frame = frames[insns.indexOf(await)];
            if (frame == null) {
                continue;
            }
            for (int s = 0; s < frame.getStackSize(); s++) {
                for (AbstractInsnNode source : frame.getStack(s).insns) {
                    boolean uninitialized = source.getOpcode() == Opcodes.NEW
                            || (source.getOpcode() == Opcodes.DUP
                                    && source.getPrevious() != null
                                    && source.getPrevious().getOpcode() == Opcodes.NEW);
                    boolean moved = moves.stream().anyMatch(m -> m[0] == source || m[1] == source);
                    if (uninitialized && !moved && !unsupported.contains(await)) {
                        unsupported.add(await);
                    }
                }
            }
        }
        int nextLocal = method.maxLocals;
        for (AbstractInsnNode[] move : moves) {
            TypeInsnNode created = (TypeInsnNode) move[0];
            MethodInsnNode init = (MethodInsnNode) move[2];
            insns.remove(move[0]);
            insns.remove(move[1]);
            Type[] argTypes = Type.getArgumentTypes(init.desc);
            int[] slots = new int[argTypes.length];
            for (int a = 0; a < argTypes.length; a++) {
                slots[a] = nextLocal;
                nextLocal += argTypes[a].getSize();
            }
            InsnList before = new InsnList();
            for (int a = argTypes.length - 1; a >= 0; a--) {
                before.add(new VarInsnNode(argTypes[a].getOpcode(Opcodes.ISTORE), slots[a]));
            }
            before.add(new TypeInsnNode(Opcodes.NEW, created.desc));
            before.add(new InsnNode(Opcodes.DUP));
            for (int a = 0; a < argTypes.length; a++) {
                before.add(new VarInsnNode(argTypes[a].getOpcode(Opcodes.ILOAD), slots[a]));
            }
            insns.insertBefore(init, before);
        }
        method.maxLocals = nextLocal;
        return unsupported;
    }
}
