package dev.awaitable.weaver;

import static org.objectweb.asm.Opcodes.*;

import dev.awaitable.weaver.BodyMethod.Capture;
import dev.awaitable.weaver.Suspension.Spilled;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Generates the machine class of one {@link BodyMethod}, in the shape of the statemachine
 * backend's hand-written machines: it implements {@code AsyncStateMachine} and is driven by an
 * {@code AsyncMethodBuilder}; it has the captured values, {@code int state}, an {@code awaiter}
 * and spill fields ({@code L$0}, {@code I$0}, ... reused by kind across awaits).
 *
 * <p>{@code moveNext()} is the body's own bytecode, locals shifted by one (slot 0 is the machine),
 * behind a {@code tableswitch} on {@code state}. Each {@code Async.await(args)} becomes
 * <pre>
 *   WovenAwait.awaiter(args); dup; isCompleted(); ifeq SUSPEND_k
 * RESUMED_k:
 *   getResult()
 * </pre>
 * so the fast path writes no field. {@code SUSPEND_k} and {@code RESUME_k} sit after the body's
 * code, outside every try range of the body: the spills, the return and the restores are never
 * seen by a user's catch or finally, and their frames never leak into a handler's (Kotlin splits
 * its try ranges around the same gap). {@code getResult()} stays inside the user's ranges, so an
 * await that faults throws where the user's catch sees it, as on loom. {@code SUSPEND_k} drains
 * the operand stack below the awaiter into spill fields and spills the live locals;
 * {@code RESUME_k} restores both and jumps back to {@code RESUMED_k}.
 *
 * <p>This departs from the study's plan (and Kotlin's), which first stores the stack below each
 * await into fresh locals and reloads it after: the stack is drained into fields only on the
 * suspending path, so the fast path keeps javac's code as it is, with no extra stores, and no pass
 * has to find where an await's arguments begin. Only an object under construction cannot be
 * stored; {@link UninitializedNews} moves its {@code NEW} after the await first.
 */
final class MachineGenerator {

    private final BodyMethod body;
    private final ClassHierarchy hierarchy;
    private final Diagnostics diagnostics;
    private final Accessors accessors;
    private final String machine;
    private final List<Capture> captures;
    private final Map<String, String> spillFields = new java.util.TreeMap<>();
    private int maxReferences;

    MachineGenerator(BodyMethod body, ClassHierarchy hierarchy, Diagnostics diagnostics, Accessors accessors) {
        this.body = body;
        this.accessors = accessors;
        this.hierarchy = hierarchy;
        this.diagnostics = diagnostics;
        this.machine = body.machineName();
        this.captures = body.captures();
    }

    /** The machine, or null when the body cannot be woven (the reasons are in the diagnostics). */
    ClassNode generate() {
        ClassNode host = body.host();
        ClassNode m = new ClassNode();
        m.version = host.version;
        m.access = ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC;
        m.name = machine;
        m.superName = Names.OBJECT;
        m.interfaces = new ArrayList<>(List.of(Names.ASYNC_BODY, Names.WOVEN_BODY, Names.STATE_MACHINE));
        if (body.action()) {
            m.interfaces.add(0, Names.ASYNC_ACTION);
        }
        m.sourceFile = host.sourceFile;
        m.nestHostClass = host.nestHostClass != null ? host.nestHostClass : host.name;
        m.invisibleAnnotations = new ArrayList<>(List.of(new AnnotationNode(Names.WOVEN_MARKER)));
        MethodNode moveNext = moveNext();
        if (moveNext == null) {
            return null;
        }
        for (Capture c : captures) {
            m.fields.add(
                    new FieldNode(ACC_PRIVATE | ACC_FINAL, c.field(), c.type().getDescriptor(), null, null));
        }
        m.fields.add(new FieldNode(
                ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "BUILDER", "Ljava/lang/invoke/VarHandle;", null, null));
        m.fields.add(new FieldNode(ACC_PRIVATE, "builder", "L" + Names.BUILDER + ";", null, null));
        m.fields.add(new FieldNode(ACC_PRIVATE, "state", "I", null, null));
        m.fields.add(new FieldNode(ACC_PRIVATE, "awaiter", "L" + Names.AWAITER + ";", null, null));
        spillFields.forEach((name, desc) -> m.fields.add(new FieldNode(ACC_PRIVATE, name, desc, null, null)));
        MachineMembers members = new MachineMembers(body, captures);
        m.methods.add(members.constructor());
        m.methods.addAll(members.startMethods());
        m.methods.addAll(members.runMethods());
        m.methods.add(moveNext);
        m.methods.add(members.toStringMethod());
        return m;
    }

    /* ---------------- moveNext ---------------- */

    private MethodNode moveNext() {
        ClassNode host = body.host();
        MethodNode code = new MethodNode(body.method().access, body.method().name, body.method().desc, null, null);
        body.method().accept(code);
        List<AbstractInsnNode> awaits = new ArrayList<>();
        for (AbstractInsnNode insn : code.instructions) {
            if (Names.isAwait(insn)) {
                awaits.add(insn);
            }
        }
        Frame<BasicValue>[] frames;
        try {
            List<AbstractInsnNode> odd = UninitializedNews.move(host.name, code, new LinkedHashSet<>(awaits));
            for (AbstractInsnNode await : odd) {
                diagnostics.error(
                        host,
                        await,
                        "an object under construction is on the stack at this await in a shape"
                                + " the weaver does not know (javac emits NEW; DUP); assign the awaited value to a local first");
            }
            if (!odd.isEmpty()) {
                return null;
            }
            List<Type> interfaces = new ArrayList<>();
            for (String i : host.interfaces) {
                interfaces.add(Type.getObjectType(i));
            }
            HierarchyVerifier verifier = new HierarchyVerifier(
                    hierarchy,
                    Type.getObjectType(host.name),
                    host.superName == null ? null : Type.getObjectType(host.superName),
                    interfaces,
                    body.hostIsInterface());
            frames = new Analyzer<>(verifier).analyze(host.name, code);
        } catch (AnalyzerException e) {
            diagnostics.error(host, e.node, "the weaver cannot analyze this body: " + e.getMessage());
            return null;
        }
        Liveness liveness = Liveness.of(code);
        Set<Integer> assignedParameters = assignedParameters(code);
        List<Suspension> suspensions = new ArrayList<>();
        for (AbstractInsnNode await : awaits) {
            Frame<BasicValue> frame = frames[code.instructions.indexOf(await)];
            if (frame == null) {
                continue; // unreachable: javac's dead code; the frame computation replaces it
            }
            MethodInsnNode call = (MethodInsnNode) await;
            if (!Names.AWAIT_DESCRIPTORS.contains(call.desc)) {
                diagnostics.error(host, await, "unknown Async.await form " + call.desc + "; upgrade the weaver");
                return null;
            }
            Suspension s = new Suspension(suspensions.size() + 1, call, Diagnostics.lineOf(await));
            plan(s, frame, liveness.liveAfter(code.instructions, await), assignedParameters);
            suspensions.add(s);
        }
        return assemble(code, suspensions);
    }

    private Set<Integer> assignedParameters(MethodNode code) {
        Set<Integer> assigned = new HashSet<>();
        int parameters = body.parameterSlots();
        for (AbstractInsnNode insn : code.instructions) {
            if (insn instanceof VarInsnNode v
                    && v.getOpcode() >= ISTORE
                    && v.getOpcode() <= ASTORE
                    && v.var < parameters) {
                assigned.add(v.var);
            } else if (insn instanceof IincInsnNode inc && inc.var < parameters) {
                assigned.add(inc.var);
            }
        }
        return assigned;
    }

    private void plan(Suspension s, Frame<BasicValue> frame, BitSet live, Set<Integer> assignedParameters) {
        Map<Character, Integer> next = new HashMap<>();
        for (int slot = live.nextSetBit(0); slot >= 0; slot = live.nextSetBit(slot + 1)) {
            if (slot >= frame.getLocals()) {
                break;
            }
            BasicValue value = frame.getLocal(slot);
            if (slot < body.parameterSlots() && !assignedParameters.contains(slot)) {
                if (value != null && value.getType() != null) {
                    s.locals.add(new Spilled('C', value.getType(), captureAt(slot), slot));
                }
                continue;
            }
            Spilled spilled = spilled(value, slot, next);
            if (spilled != null) {
                s.locals.add(spilled);
            }
        }
        int below = frame.getStackSize() - Type.getArgumentTypes(s.await.desc).length;
        int rethrows = DIRECT_AWAITS.indexOf(s.await.desc);
        if (rethrows >= 0) {
            Type awaited = frame.getStack(below).getType();
            s.direct = awaited != null
                    && awaited.getSort() == Type.OBJECT
                    && hierarchy.isAssignable(Names.AWAITABLE, awaited.getInternalName());
        }
        for (int i = 0; i < below; i++) {
            Spilled spilled = spilled(frame.getStack(i), -1, next);
            s.stack.add(spilled);
        }
        maxReferences = Math.max(maxReferences, s.references());
    }

    private int captureAt(int slot) {
        for (int i = 0; i < captures.size(); i++) {
            if (captures.get(i).slot() == slot) {
                return i;
            }
        }
        throw new IllegalStateException("no capture at slot " + slot);
    }

    private Spilled spilled(BasicValue value, int slot, Map<Character, Integer> next) {
        if (value == null || value.getType() == null || value == BasicValue.RETURNADDRESS_VALUE) {
            return null; // not a value yet (TOP): nothing reads it before writing it
        }
        Type type = value.getType();
        char kind = switch (type.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> 'I';
            case Type.FLOAT -> 'F';
            case Type.LONG -> 'J';
            case Type.DOUBLE -> 'D';
            default -> type.getInternalName().equals("null") ? 'N' : 'L';
        };
        if (kind == 'N') {
            return new Spilled('N', type, -1, slot);
        }
        int index = next.merge(kind, 1, Integer::sum) - 1;
        Spilled s = new Spilled(kind, type, index, slot);
        spillFields.put(s.field(), s.fieldDescriptor());
        return s;
    }

    private MethodNode assemble(MethodNode code, List<Suspension> suspensions) {
        ClassNode host = body.host();
        MethodNode mn = new MethodNode(ACC_PUBLIC, "moveNext", "()V", null, null);
        InsnList out = mn.instructions;
        int firstLine = Diagnostics.firstLine(code);
        int scratch = code.maxLocals + 1;
        LabelNode begin = new LabelNode();
        LabelNode entry = new LabelNode();
        LabelNode bad = new LabelNode();
        LabelNode endOfBody = new LabelNode();
        LabelNode handler = new LabelNode();
        LabelNode done = new LabelNode();
        LabelNode end = new LabelNode();
        Map<Suspension, LabelNode[]> labels = new HashMap<>(); // suspend, resume, resumed
        LabelNode[] dispatch = new LabelNode[suspensions.size() + 1];
        dispatch[0] = entry;
        for (Suspension s : suspensions) {
            LabelNode[] l = {new LabelNode(), new LabelNode(), new LabelNode()};
            labels.put(s, l);
            dispatch[s.state] = l[1];
        }

        out.add(begin);
        if (firstLine > 0) {
            out.add(new LineNumberNode(firstLine, begin));
        }
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, machine, "state", "I"));
        out.add(new TableSwitchInsnNode(0, suspensions.size(), bad, dispatch));
        out.add(entry);
        for (Capture c : captures) {
            out.add(new VarInsnNode(ALOAD, 0));
            out.add(new FieldInsnNode(GETFIELD, machine, c.field(), c.type().getDescriptor()));
            out.add(new VarInsnNode(c.type().getOpcode(ISTORE), c.slot() + 1));
        }

        Map<AbstractInsnNode, Suspension> byAwait = new HashMap<>();
        for (Suspension s : suspensions) {
            byAwait.put(s.await, s);
        }
        for (AbstractInsnNode insn : code.instructions.toArray()) {
            if (insn instanceof FrameNode) {
                code.instructions.remove(insn);
            } else if (insn instanceof VarInsnNode v) {
                v.var += 1;
            } else if (insn instanceof IincInsnNode inc) {
                inc.var += 1;
            } else if (insn.getOpcode() >= IRETURN && insn.getOpcode() <= RETURN) {
                code.instructions.insertBefore(insn, returning(insn.getOpcode(), done));
                code.instructions.remove(insn);
            } else if (insn instanceof MethodInsnNode call
                    && call.getOpcode() == INVOKESPECIAL
                    && call.owner.equals(host.name)
                    && isPrivateMethodOfHost(call)) {
                call.setOpcode(body.hostIsInterface() ? INVOKEINTERFACE : INVOKEVIRTUAL);
            } else if (Names.isAwait(insn)) {
                Suspension s = byAwait.get(insn);
                if (s != null) {
                    code.instructions.insertBefore(insn, awaitInline(s, labels.get(s)));
                    code.instructions.remove(insn);
                }
            } else if (insn instanceof MethodInsnNode || insn instanceof FieldInsnNode) {
                MethodInsnNode accessor = accessors.replacement(insn);
                if (accessor != null) {
                    code.instructions.set(insn, accessor);
                }
            }
        }
        out.add(code.instructions);
        out.add(endOfBody);
        for (Suspension s : suspensions) {
            out.add(suspend(s, labels.get(s), scratch));
            out.add(resume(s, labels.get(s)));
        }
        out.add(bad);
        out.add(new TypeInsnNode(NEW, "java/lang/IllegalStateException"));
        out.add(new InsnNode(DUP));
        out.add(new LdcInsnNode("state "));
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, machine, "state", "I"));
        out.add(new MethodInsnNode(INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;"));
        out.add(new MethodInsnNode(
                INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;"));
        out.add(new MethodInsnNode(
                INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V"));
        out.add(new InsnNode(ATHROW));
        out.add(handler);
        out.add(new VarInsnNode(ASTORE, scratch));
        finish(out);
        out.add(new VarInsnNode(ALOAD, scratch));
        out.add(new MethodInsnNode(INVOKEVIRTUAL, Names.BUILDER, "setException", "(Ljava/lang/Throwable;)V"));
        out.add(new InsnNode(RETURN));
        out.add(done);
        out.add(new VarInsnNode(ASTORE, scratch));
        finish(out);
        out.add(new VarInsnNode(ALOAD, scratch));
        out.add(new MethodInsnNode(INVOKEVIRTUAL, Names.BUILDER, "setResult", "(Ljava/lang/Object;)V"));
        out.add(new InsnNode(RETURN));
        out.add(end);

        mn.tryCatchBlocks.addAll(code.tryCatchBlocks);
        mn.tryCatchBlocks.add(new TryCatchBlockNode(begin, handler, handler, "java/lang/Throwable"));
        mn.localVariables = new ArrayList<>();
        mn.localVariables.add(new LocalVariableNode("this", "L" + machine + ";", null, begin, end, 0));
        if (code.localVariables != null) {
            for (LocalVariableNode local : code.localVariables) {
                String name = local.index == 0 && local.name.equals("this") ? "this$0" : local.name;
                mn.localVariables.add(new LocalVariableNode(
                        name, local.desc, local.signature, local.start, local.end, local.index + 1));
            }
        }
        mn.maxLocals = scratch + 1;
        return mn;
    }

    private boolean isPrivateMethodOfHost(MethodInsnNode call) {
        for (MethodNode method : body.host().methods) {
            if (method.name.equals(call.name) && method.desc.equals(call.desc)) {
                return (method.access & ACC_PRIVATE) != 0;
            }
        }
        return false;
    }

    /** Sets {@code state = -1} and leaves the builder on the stack. */
    private void finish(InsnList out) {
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new InsnNode(ICONST_M1));
        out.add(new FieldInsnNode(PUTFIELD, machine, "state", "I"));
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, machine, "builder", "L" + Names.BUILDER + ";"));
    }

    /** A return of the body: its value, boxed (or null for an action), goes to {@code done}. */
    private InsnList returning(int opcode, LabelNode done) {
        InsnList out = new InsnList();
        Type returned = Type.getReturnType(body.method().desc);
        if (body.action()) {
            if (opcode != RETURN) {
                out.add(new InsnNode(returned.getSize() == 2 ? POP2 : POP));
            }
            out.add(new InsnNode(ACONST_NULL));
        } else if (opcode == RETURN) {
            out.add(new InsnNode(ACONST_NULL));
        } else if (returned.getSort() < Type.ARRAY) {
            out.add(box(returned));
        }
        out.add(new JumpInsnNode(GOTO, done));
        return out;
    }

    static MethodInsnNode box(Type primitive) {
        String boxed = switch (primitive.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> throw new IllegalArgumentException(primitive.toString());
        };
        return new MethodInsnNode(INVOKESTATIC, boxed, "valueOf", "(" + primitive.getDescriptor() + ")L" + boxed + ";");
    }

    /**
     * The forms an {@code Awaitable} awaits directly, indexed by how many rethrow classes follow
     * it: {@code Async.await(awaitable)}, {@code (awaitable, rethrows)}, {@code (awaitable,
     * rethrows1, rethrows2)}. A token needs {@code WovenAwait}'s cancellable awaiter.
     */
    private static final List<String> DIRECT_AWAITS = List.of(
            "(Ldev/awaitable/AwaitableLike;)Ljava/lang/Object;",
            "(Ldev/awaitable/AwaitableLike;Ljava/lang/Class;)Ljava/lang/Object;",
            "(Ldev/awaitable/AwaitableLike;Ljava/lang/Class;Ljava/lang/Class;)Ljava/lang/Object;");

    /**
     * The awaiter's test and result. Where the awaited value is statically an {@code Awaitable}
     * (the common case) its own final {@code getAwaiter}, {@code isCompleted} and
     * {@code getResult} are called, and the suspension takes {@code awaitOnCompleted(Awaitable,
     * ...)}: the calls hand-written machines make, direct calls with no type check, where the
     * {@code WovenAwait}/{@code Awaiter} path needs an interface dispatch per call.
     */
    private InsnList awaitInline(Suspension s, LabelNode[] l) {
        InsnList out = new InsnList();
        if (s.direct) {
            // The rethrow classes only type the await for javac; null is refused as WovenAwait does.
            int rethrows = DIRECT_AWAITS.indexOf(s.await.desc);
            if (rethrows == 2) {
                out.add(new InsnNode(SWAP));
                requireNonNull(out, "rethrows1");
                requireNonNull(out, "rethrows2");
            } else if (rethrows == 1) {
                requireNonNull(out, "rethrows");
            }
            String awaitable = "L" + Names.AWAITABLE + ";";
            out.add(new MethodInsnNode(INVOKEVIRTUAL, Names.AWAITABLE, "getAwaiter", "()" + awaitable));
            out.add(new InsnNode(DUP));
            out.add(new MethodInsnNode(INVOKEVIRTUAL, Names.AWAITABLE, "isCompleted", "()Z"));
            out.add(new JumpInsnNode(IFEQ, l[0]));
            out.add(l[2]);
            out.add(new MethodInsnNode(INVOKEVIRTUAL, Names.AWAITABLE, "getResult", "()Ljava/lang/Object;"));
            return out;
        }
        MethodInsnNode await = s.await;
        String desc = await.desc.substring(0, await.desc.indexOf(')') + 1) + "L" + Names.AWAITER + ";";
        out.add(new MethodInsnNode(INVOKESTATIC, Names.WOVEN_AWAIT, "awaiter", desc));
        out.add(new InsnNode(DUP));
        out.add(new MethodInsnNode(INVOKEINTERFACE, Names.AWAITER, "isCompleted", "()Z"));
        out.add(new JumpInsnNode(IFEQ, l[0]));
        out.add(l[2]);
        out.add(new MethodInsnNode(INVOKEINTERFACE, Names.AWAITER, "getResult", "()Ljava/lang/Object;"));
        return out;
    }

    /** Checks the value on top of the stack is not null (an NPE naming {@code what}) and pops it. */
    private static void requireNonNull(InsnList out, String what) {
        out.add(new LdcInsnNode(what));
        out.add(new MethodInsnNode(
                INVOKESTATIC,
                "java/util/Objects",
                "requireNonNull",
                "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;"));
        out.add(new InsnNode(POP));
    }

    /* ---------------- Suspending and resuming ---------------- */

    private InsnList suspend(Suspension s, LabelNode[] l, int scratch) {
        InsnList out = new InsnList();
        out.add(l[0]);
        if (s.line > 0) {
            out.add(new LineNumberNode(s.line, l[0]));
        }
        out.add(new VarInsnNode(ASTORE, scratch));
        for (int i = s.stack.size() - 1; i >= 0; i--) {
            Spilled v = s.stack.get(i);
            if (v.kind() == 'N') {
                out.add(new InsnNode(POP));
            } else if (v.type().getSize() == 2) {
                out.add(new VarInsnNode(ALOAD, 0));
                out.add(new InsnNode(DUP_X2));
                out.add(new InsnNode(POP));
                out.add(new FieldInsnNode(PUTFIELD, machine, v.field(), v.fieldDescriptor()));
            } else {
                out.add(new VarInsnNode(ALOAD, 0));
                out.add(new InsnNode(SWAP));
                out.add(new FieldInsnNode(PUTFIELD, machine, v.field(), v.fieldDescriptor()));
            }
        }
        boolean skipped = false;
        for (Spilled v : s.locals) {
            if (v.kind() == 'N' || v.kind() == 'C') {
                continue;
            }
            if (Mutation.active == Mutation.SKIP_ONE_SPILL && !skipped) {
                skipped = true;
                continue;
            }
            out.add(new VarInsnNode(ALOAD, 0));
            out.add(new VarInsnNode(v.type().getOpcode(ILOAD), v.slot() + 1));
            out.add(new FieldInsnNode(PUTFIELD, machine, v.field(), v.fieldDescriptor()));
        }
        for (int i = s.references(); i < maxReferences; i++) { // dead references: not kept reachable
            out.add(new VarInsnNode(ALOAD, 0));
            out.add(new InsnNode(ACONST_NULL));
            out.add(new FieldInsnNode(PUTFIELD, machine, "L$" + i, "Ljava/lang/Object;"));
        }
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new VarInsnNode(ALOAD, scratch));
        out.add(new FieldInsnNode(PUTFIELD, machine, "awaiter", "L" + Names.AWAITER + ";"));
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new LdcInsnNode(s.state));
        out.add(new FieldInsnNode(PUTFIELD, machine, "state", "I"));
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, machine, "builder", "L" + Names.BUILDER + ";"));
        out.add(new VarInsnNode(ALOAD, scratch));
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new MethodInsnNode(
                INVOKEVIRTUAL,
                Names.BUILDER,
                "awaitOnCompleted",
                "(L" + (s.direct ? Names.AWAITABLE : Names.AWAITER) + ";L" + Names.STATE_MACHINE + ";)V"));
        out.add(new InsnNode(RETURN));
        return out;
    }

    private InsnList resume(Suspension s, LabelNode[] l) {
        InsnList out = new InsnList();
        out.add(l[1]);
        if (s.line > 0) {
            out.add(new LineNumberNode(s.line, l[1]));
        }
        List<Spilled> locals = new ArrayList<>(s.locals);
        if (Mutation.active == Mutation.MISORDER_RESTORE) {
            misorder(locals);
        }
        for (int i = 0; i < locals.size(); i++) {
            Spilled v = locals.get(i);
            int slot = s.locals.get(i).slot();
            load(out, v);
            out.add(new VarInsnNode(v.type().getOpcode(ISTORE), slot + 1));
        }
        for (Spilled v : s.stack) {
            load(out, v);
        }
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new FieldInsnNode(GETFIELD, machine, "awaiter", "L" + Names.AWAITER + ";"));
        if (s.direct) {
            out.add(new TypeInsnNode(CHECKCAST, Names.AWAITABLE));
        }
        out.add(new VarInsnNode(ALOAD, 0));
        out.add(new InsnNode(ACONST_NULL));
        out.add(new FieldInsnNode(PUTFIELD, machine, "awaiter", "L" + Names.AWAITER + ";"));
        out.add(new JumpInsnNode(GOTO, l[2]));
        return out;
    }

    /** The deliberate defect: the first two spilled locals of one kind trade fields. */
    private static void misorder(List<Spilled> locals) {
        for (int i = 0; i < locals.size(); i++) {
            for (int j = i + 1; j < locals.size(); j++) {
                Spilled a = locals.get(i);
                Spilled b = locals.get(j);
                if (a.kind() == b.kind()
                        && a.kind() != 'N'
                        && a.kind() != 'C'
                        && a.type().equals(b.type())) {
                    locals.set(i, b);
                    locals.set(j, a);
                    return;
                }
            }
        }
    }

    private void load(InsnList out, Spilled v) {
        switch (v.kind()) {
            case 'N' -> out.add(new InsnNode(ACONST_NULL));
            case 'C' -> {
                Capture c = captures.get(v.index());
                out.add(new VarInsnNode(ALOAD, 0));
                out.add(new FieldInsnNode(GETFIELD, machine, c.field(), c.type().getDescriptor()));
            }
            default -> {
                out.add(new VarInsnNode(ALOAD, 0));
                out.add(new FieldInsnNode(GETFIELD, machine, v.field(), v.fieldDescriptor()));
                if (v.kind() == 'L' && !v.type().getInternalName().equals(Names.OBJECT)) {
                    out.add(new TypeInsnNode(CHECKCAST, v.type().getInternalName()));
                }
            }
        }
    }
}
