package dev.awaitable.weaver;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which local variables are live after each instruction: read on some path before being written
 * (a backward dataflow over the method's control flow, exception edges included). Only these
 * cross a suspension, so a machine holds no dead value in a field and restores no slot that the
 * rest of the body overwrites before reading.
 *
 * <p>An exception edge joins a handler's live set into an instruction's own live-in set, without
 * removing what the instruction writes: the exception may come before the write.
 */
final class Liveness {

    private final BitSet[] liveOut;

    private Liveness(BitSet[] liveOut) {
        this.liveOut = liveOut;
    }

    /** The locals live just after {@code insn} (by slot of the analyzed method). */
    BitSet liveAfter(InsnList insns, AbstractInsnNode insn) {
        return (BitSet) liveOut[insns.indexOf(insn)].clone();
    }

    static Liveness of(MethodNode method) {
        InsnList insns = method.instructions;
        int n = insns.size();
        List<List<Integer>> successors = new ArrayList<>(n);
        List<List<Integer>> handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            successors.add(successorsOf(insns, insns.get(i), i));
            handlers.add(new ArrayList<>());
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            int start = insns.indexOf(block.start);
            int end = insns.indexOf(block.end);
            int handler = insns.indexOf(block.handler);
            for (int i = start; i < end; i++) {
                handlers.get(i).add(handler);
            }
        }
        BitSet[] liveIn = new BitSet[n];
        BitSet[] liveOut = new BitSet[n];
        for (int i = 0; i < n; i++) {
            liveIn[i] = new BitSet();
            liveOut[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                BitSet out = new BitSet();
                for (int s : successors.get(i)) {
                    out.or(liveIn[s]);
                }
                BitSet in = (BitSet) out.clone();
                AbstractInsnNode insn = insns.get(i);
                if (insn instanceof VarInsnNode v) {
                    if (v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
                        in.clear(v.var);
                    } else if (v.getOpcode() != Opcodes.RET) {
                        in.set(v.var);
                    }
                } else if (insn instanceof IincInsnNode inc) {
                    in.set(inc.var);
                }
                for (int h : handlers.get(i)) {
                    in.or(liveIn[h]);
                    out.or(liveIn[h]);
                }
                if (!in.equals(liveIn[i]) || !out.equals(liveOut[i])) {
                    liveIn[i] = in;
                    liveOut[i] = out;
                    changed = true;
                }
            }
        }
        return new Liveness(liveOut);
    }

    static List<Integer> successorsOf(InsnList insns, AbstractInsnNode insn, int index) {
        List<Integer> next = new ArrayList<>(2);
        int opcode = insn.getOpcode();
        if (insn instanceof JumpInsnNode jump) {
            next.add(insns.indexOf(jump.label));
            if (opcode != Opcodes.GOTO) {
                next.add(index + 1);
            }
            return next;
        }
        if (insn instanceof TableSwitchInsnNode table) {
            next.add(insns.indexOf(table.dflt));
            for (LabelNode label : table.labels) {
                next.add(insns.indexOf(label));
            }
            return next;
        }
        if (insn instanceof LookupSwitchInsnNode lookup) {
            next.add(insns.indexOf(lookup.dflt));
            for (LabelNode label : lookup.labels) {
                next.add(insns.indexOf(label));
            }
            return next;
        }
        boolean ends = (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW;
        if (!ends && index + 1 < insns.size()) {
            next.add(index + 1);
        }
        return next;
    }
}
