package dev.awaitable.weaver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * The awaits the weaver refuses, as build errors rather than silent changes: an await holding a
 * monitor, an await in a method that is not an async body, an await in a constructor or an
 * initializer.
 */
final class Refusals {

    /** Deeper nesting is still "inside a monitor"; the cap makes the dataflow end on loops. */
    private static final int MAX_DEPTH = 16;

    private Refusals() {}

    /** Reports every refused await of {@code method}; returns true when there was none. */
    static boolean check(ClassNode owner, MethodNode method, boolean body, Diagnostics diagnostics) {
        List<AbstractInsnNode> awaits = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (Names.isAwait(insn)) {
                awaits.add(insn);
            }
        }
        if (awaits.isEmpty()) {
            return true;
        }
        if (!body) {
            for (AbstractInsnNode await : awaits) {
                diagnostics.error(owner, await, outsideBody(owner, method));
            }
            return false;
        }
        boolean ok = true;
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            diagnostics.error(
                    owner,
                    awaits.get(0),
                    "Async.await in a synchronized method: the statemachine backend"
                            + " may resume the body on another thread, and the monitor would be held across the suspension;"
                            + " make the method not synchronized and await outside any lock");
            return false;
        }
        int[] depth = monitorDepths(method);
        for (AbstractInsnNode await : awaits) {
            if (depth[method.instructions.indexOf(await)] > 0) {
                diagnostics.error(
                        owner,
                        await,
                        "Async.await inside synchronized: the statemachine backend may resume"
                                + " the body on another thread, and the monitor would be held across the suspension; move the"
                                + " await out of the synchronized block");
                ok = false;
            }
        }
        return ok;
    }

    private static String outsideBody(ClassNode owner, MethodNode method) {
        if (method.name.equals("<init>") || method.name.equals("<clinit>")) {
            return "Async.await in a constructor or initializer of " + owner.name.replace('/', '.')
                    + ": it cannot suspend on the statemachine backend; await in an Async.run body before"
                    + " constructing, and pass the value in";
        }
        boolean bodyClass =
                owner.interfaces.contains(Names.ASYNC_BODY) || owner.interfaces.contains(Names.ASYNC_ACTION);
        if (bodyClass && method.name.equals("run") && method.desc.startsWith("()")) {
            return "Async.await in " + owner.name.replace('/', '.') + ".run: the weaver makes machines of lambda"
                    + " bodies, not of classes that implement AsyncBody or AsyncAction; write the body as a lambda,"
                    + " Async.run(() -> ...), or a reference to a static or private method";
        }
        if (method.name.startsWith("lambda$")) {
            String enclosing = method.name.substring("lambda$".length(), Math.max(7, method.name.lastIndexOf('$')));
            return "Async.await in a lambda in " + owner.name.replace('/', '.') + "." + enclosing + " that is not an"
                    + " async body (a callback, say forEach's): it cannot suspend stacklessly on the statemachine"
                    + " backend; await outside the lambda, or make the lambda an Async.run body and await that";
        }
        return "Async.await in " + owner.name.replace('/', '.') + "." + method.name + ", which is not an async"
                + " body: a method called from a body cannot suspend stacklessly on the statemachine backend; make"
                + " it a body and await that, Async.await(Async.run(() -> " + method.name + "(...)))";
    }

    /** The monitor depth at each instruction (-1 where unreachable), the deepest of all paths. */
    private static int[] monitorDepths(MethodNode method) {
        InsnList insns = method.instructions;
        int[] depth = new int[insns.size()];
        Arrays.fill(depth, -1);
        List<List<Integer>> handlers = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            handlers.add(new ArrayList<>());
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            for (int i = insns.indexOf(block.start); i < insns.indexOf(block.end); i++) {
                handlers.get(i).add(insns.indexOf(block.handler));
            }
        }
        Deque<Integer> work = new ArrayDeque<>();
        depth[0] = 0;
        work.add(0);
        while (!work.isEmpty()) {
            int i = work.poll();
            AbstractInsnNode insn = insns.get(i);
            int after = depth[i];
            if (insn.getOpcode() == Opcodes.MONITORENTER) {
                after = Math.min(MAX_DEPTH, after + 1);
            } else if (insn.getOpcode() == Opcodes.MONITOREXIT) {
                after = Math.max(0, after - 1);
            }
            List<Integer> next = new ArrayList<>(Liveness.successorsOf(insns, insn, i));
            for (int s : next) {
                if (after > depth[s]) {
                    depth[s] = after;
                    work.add(s);
                }
            }
            for (int h : handlers.get(i)) {
                if (depth[i] > depth[h]) {
                    depth[h] = depth[i];
                    work.add(h);
                }
            }
        }
        return depth;
    }
}
