package dev.awaitable.weaver;

import static org.objectweb.asm.Opcodes.*;

import dev.awaitable.weaver.BodyMethod.Capture;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The members of a machine besides {@code moveNext}: the constructor taking the captures,
 * {@code start}/{@code begin} (the builder protocol), {@code run} (the original body, for a
 * backend that captures stacks) and {@code toString} (where the body is in the source).
 */
final class MachineMembers {

    private final BodyMethod body;
    private final String machine;
    private final List<Capture> captures;

    MachineMembers(BodyMethod body, List<Capture> captures) {
        this.body = body;
        this.machine = body.machineName();
        this.captures = captures;
    }

    MethodNode constructor() {
        MethodNode mn = new MethodNode(0, "<init>", body.descriptorOfCaptures(), null, null);
        InsnList out = mn.instructions;
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new MethodInsnNode(INVOKESPECIAL, Names.OBJECT, "<init>", "()V"));
        int slot = 1;
        for (Capture c : captures) {
            out.add(new VarInsnNode(ALOAD, 0));
            out.add(new VarInsnNode(c.type().getOpcode(ILOAD), slot));
            out.add(new FieldInsnNode(PUTFIELD, machine, c.field(), c.type().getDescriptor()));
            slot += c.type().getSize();
        }
        out.add(new InsnNode(RETURN));
        return mn;
    }

    private void loadCaptures(InsnList out) {
        for (Capture c : captures) {
            out.add(new VarInsnNode(ALOAD, 0));
            out.add(new FieldInsnNode(GETFIELD, machine, c.field(), c.type().getDescriptor()));
        }
    }

    /**
     * {@code start()}: starts this machine, or a fresh copy of it when this one was started
     * already (the same body value passed to {@code Async.run} twice runs twice, as a lambda
     * does). Claiming the machine is a compare-and-set of {@code builder}, so two threads starting
     * one shared body value start two machines. The creation sites that start a body at once
     * ({@code Async.run(() -> ...)}) call {@code begin} on their fresh machine instead, and pay
     * no compare-and-set.
     */
    List<MethodNode> startMethods() {
        String builder = "L" + Names.BUILDER + ";";
        String varHandle = "Ljava/lang/invoke/VarHandle;";
        MethodNode init = new MethodNode(ACC_STATIC, "<clinit>", "()V", null, null);
        InsnList in = init.instructions;
        in.add(new MethodInsnNode(
                INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;"));
        in.add(new LdcInsnNode(Type.getObjectType(machine)));
        in.add(new LdcInsnNode("builder"));
        in.add(new LdcInsnNode(Type.getObjectType(Names.BUILDER)));
        in.add(new MethodInsnNode(
                INVOKEVIRTUAL,
                "java/lang/invoke/MethodHandles$Lookup",
                "findVarHandle",
                "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/Class;)" + varHandle));
        in.add(new FieldInsnNode(PUTSTATIC, machine, "BUILDER", varHandle));
        in.add(new InsnNode(RETURN));

        MethodNode start = new MethodNode(ACC_PUBLIC, "start", "()L" + Names.AWAITABLE + ";", null, null);
        InsnList out = start.instructions;
        LabelNode claimed = new LabelNode();
        out.add(new MethodInsnNode(INVOKESTATIC, Names.BUILDER, "create", "()" + builder));
        out.add(new VarInsnNode(ASTORE, 1));
        out.add(new FieldInsnNode(GETSTATIC, machine, "BUILDER", varHandle));
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new InsnNode(ACONST_NULL));
        out.add(new VarInsnNode(ALOAD, 1));
        out.add(new MethodInsnNode(
                INVOKEVIRTUAL,
                "java/lang/invoke/VarHandle",
                "compareAndSet",
                "(L" + machine + ";" + builder + builder + ")Z"));
        out.add(new JumpInsnNode(IFNE, claimed));
        out.add(new TypeInsnNode(NEW, machine));
        out.add(new InsnNode(DUP));
        loadCaptures(out);
        out.add(new MethodInsnNode(INVOKESPECIAL, machine, "<init>", body.descriptorOfCaptures()));
        out.add(new VarInsnNode(ALOAD, 1));
        out.add(new MethodInsnNode(INVOKEVIRTUAL, machine, "begin", BEGIN));
        out.add(new InsnNode(ARETURN));
        out.add(claimed);
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new VarInsnNode(ALOAD, 1));
        out.add(new MethodInsnNode(INVOKEVIRTUAL, machine, "begin", BEGIN));
        out.add(new InsnNode(ARETURN));

        MethodNode begin = new MethodNode(ACC_SYNTHETIC, "begin", BEGIN, null, null);
        InsnList b = begin.instructions;
        b.add(new VarInsnNode(ALOAD, 0));
        b.add(new VarInsnNode(ALOAD, 1));
        b.add(new FieldInsnNode(PUTFIELD, machine, "builder", builder));
        b.add(new VarInsnNode(ALOAD, 1));
        b.add(new VarInsnNode(ALOAD, 0));
        b.add(new MethodInsnNode(INVOKEVIRTUAL, Names.BUILDER, "start", "(L" + Names.STATE_MACHINE + ";)V"));
        b.add(new VarInsnNode(ALOAD, 1));
        b.add(new MethodInsnNode(INVOKEVIRTUAL, Names.BUILDER, "awaitable", "()L" + Names.AWAITABLE + ";"));
        b.add(new InsnNode(ARETURN));
        return List.of(init, start, begin);
    }

    /** {@code begin(builder)}: starts this machine with {@code builder}, which the caller just created. */
    static final String BEGIN = "(L" + Names.BUILDER + ";)L" + Names.AWAITABLE + ";";

    /** {@code run()} calls the original body: what a backend with stack capture runs. */
    List<MethodNode> runMethods() {
        ClassNode host = body.host();
        MethodNode method = body.method();
        Type returned = Type.getReturnType(method.desc);
        String[] exceptions = {"java/lang/Exception"};
        MethodNode original =
                new MethodNode(ACC_PUBLIC, "run", body.action() ? "()V" : "()Ljava/lang/Object;", null, exceptions);
        InsnList out = original.instructions;
        loadCaptures(out);
        int opcode = body.isStatic() ? INVOKESTATIC : body.hostIsInterface() ? INVOKEINTERFACE : INVOKEVIRTUAL;
        out.add(new MethodInsnNode(opcode, host.name, method.name, method.desc, body.hostIsInterface()));
        if (body.action()) {
            if (returned.getSort() != Type.VOID) {
                out.add(new InsnNode(returned.getSize() == 2 ? POP2 : POP));
            }
            out.add(new InsnNode(RETURN));
            MethodNode asBody =
                    new MethodNode(ACC_PUBLIC | ACC_SYNTHETIC, "run", "()Ljava/lang/Object;", null, exceptions);
            asBody.instructions.add(new VarInsnNode(ALOAD, 0));
            asBody.instructions.add(new MethodInsnNode(INVOKEVIRTUAL, machine, "run", "()V"));
            asBody.instructions.add(new InsnNode(ACONST_NULL));
            asBody.instructions.add(new InsnNode(ARETURN));
            return List.of(original, asBody);
        }
        if (returned.getSort() == Type.VOID) {
            out.add(new InsnNode(ACONST_NULL));
        } else if (returned.getSort() < Type.ARRAY) {
            out.add(MachineGenerator.box(returned));
        }
        out.add(new InsnNode(ARETURN));
        return List.of(original);
    }

    MethodNode toStringMethod() {
        ClassNode host = body.host();
        String simple = host.name.substring(host.name.lastIndexOf('/') + 1);
        String file = host.sourceFile != null ? host.sourceFile : simple + ".java";
        int line = Diagnostics.firstLine(body.method());
        String text = simple + "." + body.sourceMethod() + (body.isLambda() ? " lambda" : "") + " (" + file
                + (line > 0 ? ":" + line : "") + ")";
        MethodNode mn = new MethodNode(ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
        mn.instructions.add(new LdcInsnNode(text));
        mn.instructions.add(new InsnNode(ARETURN));
        return mn;
    }
}
