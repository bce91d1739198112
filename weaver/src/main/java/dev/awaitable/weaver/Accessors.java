package dev.awaitable.weaver;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * What a body may do in its host that a nestmate may not: call a superclass's method with
 * {@code super.m()} (invokespecial), or touch a protected member inherited from a superclass of
 * another package. The machine calls such a member through a private static accessor generated
 * in the host, with the instruction's own stack effect, as javac's pre-nestmate
 * {@code access$000} methods did.
 */
final class Accessors {

    private final ClassNode host;
    private final ClassHierarchy hierarchy;
    private final List<MethodNode> added = new ArrayList<>();
    private final Map<String, MethodNode> byAccess = new HashMap<>();

    Accessors(ClassNode host, ClassHierarchy hierarchy) {
        this.host = host;
        this.hierarchy = hierarchy;
    }

    /** The accessor methods made so far, for the host. */
    List<MethodNode> added() {
        return added;
    }

    /** The call of an accessor that replaces {@code insn}, or null when a nestmate may execute it itself. */
    MethodInsnNode replacement(AbstractInsnNode insn) {
        if (insn instanceof MethodInsnNode call && !call.name.equals("<init>")) {
            boolean superCall = call.getOpcode() == INVOKESPECIAL && !privateOfHost(call.owner, call.name, call.desc);
            if (superCall || protectedElsewhere(call.owner, call.name, call.desc)) {
                boolean instance = call.getOpcode() != INVOKESTATIC;
                String desc = instance ? "(L" + host.name + ";" + call.desc.substring(1) : call.desc;
                return accessor(
                        call.name,
                        desc,
                        new MethodInsnNode(call.getOpcode(), call.owner, call.name, call.desc, call.itf));
            }
        } else if (insn instanceof FieldInsnNode f && protectedElsewhere(f.owner, f.name, f.desc)) {
            String desc = switch (f.getOpcode()) {
                case GETFIELD -> "(L" + host.name + ";)" + f.desc;
                case PUTFIELD -> "(L" + host.name + ";" + f.desc + ")V";
                case GETSTATIC -> "()" + f.desc;
                default -> "(" + f.desc + ")V";
            };
            return accessor(f.name, desc, new FieldInsnNode(f.getOpcode(), f.owner, f.name, f.desc));
        }
        return null;
    }

    private boolean privateOfHost(String owner, String name, String desc) {
        if (!owner.equals(host.name)) {
            return false;
        }
        for (MethodNode m : host.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return (m.access & ACC_PRIVATE) != 0;
            }
        }
        return false;
    }

    private boolean protectedElsewhere(String owner, String name, String desc) {
        if (owner.startsWith("[")) {
            return false; // an array's clone(): public
        }
        Object[] declaration = hierarchy.declaration(owner, name, desc);
        if (declaration == null || (((Integer) declaration[1]) & ACC_PROTECTED) == 0) {
            return false;
        }
        return !packageOf((String) declaration[0]).equals(packageOf(host.name));
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    private MethodInsnNode accessor(String member, String desc, AbstractInsnNode access) {
        boolean itf = (host.access & ACC_INTERFACE) != 0;
        String key = access.getOpcode() + " " + member + desc;
        MethodNode existing = byAccess.get(key);
        if (existing != null) {
            return new MethodInsnNode(INVOKESTATIC, host.name, existing.name, desc, itf);
        }
        MethodNode m = new MethodNode(
                ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, "access$" + member + "$" + added.size(), desc, null, null);
        InsnList out = m.instructions;
        int slot = 0;
        for (Type t : Type.getArgumentTypes(desc)) {
            out.add(new VarInsnNode(t.getOpcode(ILOAD), slot));
            slot += t.getSize();
        }
        out.add(access);
        out.add(new org.objectweb.asm.tree.InsnNode(Type.getReturnType(desc).getOpcode(IRETURN)));
        m.maxLocals = slot;
        m.maxStack = Math.max(slot, Type.getReturnType(desc).getSize()) + 1;
        added.add(m);
        byAccess.put(key, m);
        return new MethodInsnNode(INVOKESTATIC, host.name, m.name, desc, itf);
    }
}
