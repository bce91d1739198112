package dev.awaitable.weaver;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Weaves one class: finds its async bodies and its awaits, refuses what cannot be woven,
 * generates a machine per body, and turns each site that creates a body into a call of a
 * generated creator:
 * <pre>
 *   private static AsyncBody lambda$greet$0$create(captures) {
 *       return Async.backend().supportsDirectStyle() ? &lt;the original invokedynamic&gt; : new Foo$greet$Async0(captures);
 *   }
 * </pre>
 * and where the body is started at once ({@code Async.run(() -> ...)}, the common case), the
 * creator starts it too: {@code Async.run(<invokedynamic>)} on loom, and on statemachine the new
 * machine's {@code begin(AsyncMethodBuilder.create())}, the hand-written call sequence. The creator has the invokedynamic's stack effect, so the host's own frames stay valid, and the
 * machine class is referenced only on the branch that creates it: a loom-only class path never
 * loads it.
 */
final class HostWeave {

    private record Site(MethodNode method, InvokeDynamicInsnNode indy, BodyMethod body) {}

    private final ClassNode host;
    private final ClassHierarchy hierarchy;
    private final Diagnostics diagnostics;
    private final Set<MethodNode> loomOnly;

    /** @param loomOnlyClass whether {@code host} is {@code @LoomOnly} or nested in a class that is */
    HostWeave(ClassNode host, ClassHierarchy hierarchy, Diagnostics diagnostics, boolean loomOnlyClass) {
        this.host = host;
        this.hierarchy = hierarchy;
        this.diagnostics = diagnostics;
        this.loomOnly = LoomOnlyCode.methodsOf(host, loomOnlyClass);
    }

    /** The machines, or null when the class has no body or cannot be woven. */
    List<ClassNode> weave() {
        List<Site> sites = new ArrayList<>();
        Map<MethodNode, BodyMethod> bodies = new LinkedHashMap<>();
        Map<String, Integer> perSourceMethod = new HashMap<>();
        Set<MethodNode> live = LiveMethods.of(host);
        for (MethodNode method : host.methods) {
            if (loomOnly.contains(method) || !live.contains(method)) {
                continue;
            }
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy) {
                    MethodNode impl = bodyMethodOf(indy);
                    if (impl == null) {
                        continue;
                    }
                    BodyMethod body = bodies.computeIfAbsent(impl, m -> {
                        String source = sourceMethodOf(m);
                        int n = perSourceMethod.merge(source, 1, Integer::sum) - 1;
                        boolean action =
                                Type.getReturnType(indy.desc).getInternalName().equals(Names.ASYNC_ACTION);
                        return new BodyMethod(host, m, action, host.name + "$" + source + "$Async" + n, source);
                    });
                    sites.add(new Site(method, indy, body));
                }
            }
        }
        boolean ok = true;
        for (MethodNode method : host.methods) {
            if (loomOnly.contains(method) || !live.contains(method)) {
                continue;
            }
            ok &= Refusals.check(host, method, bodies.containsKey(method), diagnostics);
        }
        if (!ok || bodies.isEmpty()) {
            return null;
        }
        if (host.version < V11) {
            diagnostics.error(
                    host,
                    0,
                    "class file version " + host.version + " has no nestmates; compile with --release 11 or newer");
            return null;
        }
        int n = 0;
        List<MethodNode> creators = new ArrayList<>();
        for (Site site : sites) {
            String name = site.body().method().name + "$create" + (n++ == 0 ? "" : "$" + n);
            MethodInsnNode run = startedAtOnce(site.indy());
            MethodNode creator = creator(site, name, run);
            creators.add(creator);
            if (run != null) {
                site.method().instructions.remove(run);
            }
            site.method()
                    .instructions
                    .set(
                            site.indy(),
                            new MethodInsnNode(INVOKESTATIC, host.name, creator.name, creator.desc, isInterface()));
        }
        List<ClassNode> machines = new ArrayList<>();
        Accessors accessors = new Accessors(host, hierarchy);
        for (BodyMethod body : bodies.values()) {
            ClassNode machine = new MachineGenerator(body, hierarchy, diagnostics, accessors).generate();
            if (machine == null) {
                return null;
            }
            machines.add(machine);
        }
        host.methods.addAll(creators);
        host.methods.addAll(accessors.added());
        return machines;
    }

    private boolean isInterface() {
        return (host.access & ACC_INTERFACE) != 0;
    }

    /** The body method an invokedynamic creates a body of, or null when it creates something else. */
    private MethodNode bodyMethodOf(InvokeDynamicInsnNode indy) {
        if (!indy.bsm.getOwner().equals(Names.METAFACTORY) || indy.bsmArgs.length < 2) {
            return null;
        }
        String produced = Type.getReturnType(indy.desc).getInternalName();
        if (!produced.equals(Names.ASYNC_BODY) && !produced.equals(Names.ASYNC_ACTION)) {
            return null;
        }
        if (!(indy.bsmArgs[1] instanceof Handle impl) || !impl.getOwner().equals(host.name)) {
            return null; // a reference to another class's method: left to run as it is
        }
        for (MethodNode method : host.methods) {
            if (method.name.equals(impl.getName()) && method.desc.equals(impl.getDesc())) {
                if (loomOnly.contains(method)) {
                    return null; // a @LoomOnly method referenced as a body: runs as it is
                }
                boolean isPrivate = (method.access & ACC_PRIVATE) != 0;
                boolean isStatic = impl.getTag() == H_INVOKESTATIC;
                int captures = Type.getArgumentTypes(method.desc).length + (isStatic ? 0 : 1);
                if (captures != Type.getArgumentTypes(indy.desc).length) {
                    return null;
                }
                // A non-private instance method may be overridden: its body is not the one that runs.
                return isStatic || isPrivate ? method : null;
            }
        }
        return null;
    }

    private static String sourceMethodOf(MethodNode method) {
        if (method.name.startsWith("lambda$")) {
            int end = method.name.lastIndexOf('$');
            return method.name.substring("lambda$".length(), end > 7 ? end : method.name.length());
        }
        return method.name;
    }

    /**
     * The {@code Async.run} that starts the body right where it is created, or null when the body
     * value goes elsewhere first. There the creator also starts it: on statemachine the fresh
     * machine is begun directly, with neither the backend's dispatch nor {@code start()}'s claim.
     */
    private static MethodInsnNode startedAtOnce(InvokeDynamicInsnNode indy) {
        String produced = Type.getReturnType(indy.desc).getDescriptor();
        if (indy.getNext() instanceof MethodInsnNode call
                && call.getOpcode() == INVOKESTATIC
                && call.owner.equals(Names.ASYNC)
                && call.name.equals("run")
                && call.desc.equals("(" + produced + ")L" + Names.AWAITABLE + ";")) {
            return call;
        }
        return null;
    }

    private MethodNode creator(Site site, String name, MethodInsnNode run) {
        InvokeDynamicInsnNode indy = site.indy();
        BodyMethod body = site.body();
        String desc = run == null
                ? indy.desc
                : indy.desc.substring(0, indy.desc.indexOf(')') + 1) + "L" + Names.AWAITABLE + ";";
        MethodNode mn = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, name, desc, null, null);
        InsnList out = mn.instructions;
        Type[] params = Type.getArgumentTypes(indy.desc);
        Type[] captured = Type.getArgumentTypes(body.descriptorOfCaptures());
        LabelNode machine = new LabelNode();
        out.add(new MethodInsnNode(INVOKESTATIC, Names.ASYNC, "backend", "()L" + Names.BACKEND + ";"));
        out.add(new MethodInsnNode(INVOKEINTERFACE, Names.BACKEND, "supportsDirectStyle", "()Z"));
        out.add(new JumpInsnNode(IFEQ, machine));
        loadAll(out, params, null);
        out.add(new InvokeDynamicInsnNode(indy.name, indy.desc, indy.bsm, indy.bsmArgs));
        if (run != null) {
            out.add(new MethodInsnNode(INVOKESTATIC, run.owner, run.name, run.desc, run.itf));
        }
        out.add(new InsnNode(ARETURN));
        out.add(machine);
        List<Object> locals = new ArrayList<>();
        for (Type p : params) {
            locals.add(frameType(p));
        }
        out.add(new FrameNode(F_NEW, locals.size(), locals.toArray(), 0, new Object[0]));
        out.add(new TypeInsnNode(NEW, body.machineName()));
        out.add(new InsnNode(DUP));
        loadAll(out, params, captured);
        out.add(new MethodInsnNode(INVOKESPECIAL, body.machineName(), "<init>", body.descriptorOfCaptures()));
        if (run != null) {
            out.add(new MethodInsnNode(INVOKESTATIC, Names.BUILDER, "create", "()L" + Names.BUILDER + ";"));
            out.add(new MethodInsnNode(INVOKEVIRTUAL, body.machineName(), "begin", MachineMembers.BEGIN));
        }
        out.add(new InsnNode(ARETURN));
        mn.maxLocals = Type.getArgumentsAndReturnSizes(indy.desc) >> 2;
        mn.maxStack = mn.maxLocals + 3;
        return mn;
    }

    /** Loads the parameters, cast to the machine's capture types where they differ. */
    private static void loadAll(InsnList out, Type[] params, Type[] castTo) {
        int slot = 0;
        for (int i = 0; i < params.length; i++) {
            out.add(new VarInsnNode(params[i].getOpcode(ILOAD), slot));
            if (castTo != null && params[i].getSort() >= Type.ARRAY && !castTo[i].equals(params[i])) {
                out.add(new TypeInsnNode(CHECKCAST, castTo[i].getInternalName()));
            }
            slot += params[i].getSize();
        }
    }

    private static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> INTEGER;
            case Type.FLOAT -> FLOAT;
            case Type.LONG -> LONG;
            case Type.DOUBLE -> DOUBLE;
            default -> type.getInternalName();
        };
    }
}
