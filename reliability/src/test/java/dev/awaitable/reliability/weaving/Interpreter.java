package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.Bin;
import dev.awaitable.reliability.weaving.Program.Block;
import dev.awaitable.reliability.weaving.Program.Body;
import dev.awaitable.reliability.weaving.Program.Expr;
import dev.awaitable.reliability.weaving.Program.Op;
import dev.awaitable.reliability.weaving.Program.Stmt;
import dev.awaitable.reliability.weaving.Program.ValueType;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference: runs a {@link Program} synchronously with Java's semantics, the way the
 * compiled program would run if every await returned at once (or threw the schedule's fault):
 * left-to-right evaluation, int and long overflow, Java's double arithmetic and string
 * conversion, short-circuit {@code &&}/{@code ||}, compound assignment reading its target before
 * its operand, and exceptions and jumps through {@code finally} (the interpreter's own
 * try/finally gives it those). Values are boxed Integer, Long, Double, Boolean, String and int[].
 */
class Interpreter {

    /** A jump or return in flight: an Error, so no generated catch (all RuntimeException) takes it. */
    private static final class Signal extends Error {
        private static final long serialVersionUID = 1L;
        final Program.JumpKind jump;
        final String label;
        final transient Object value;

        /** A jump (label null: the innermost target), or with {@code jump} null a return. */
        Signal(Program.JumpKind jump, String label, Object value) {
            super(null, null, false, false);
            this.jump = jump;
            this.label = label;
            this.value = value;
        }
    }

    private Program program;
    private Src src;
    private Log log;
    private int fld;

    /** Runs {@code p}'s main body under {@code schedule}, appending its side effects to {@code log}. */
    final String run(Program p, Schedule schedule, Log log) {
        this.program = p;
        this.src = new Src(schedule, null);
        this.log = log;
        this.fld = 3;
        return (String) body(p.main(), new HashMap<>());
    }

    private Object body(Body b, Map<String, Object> frame) {
        try {
            block(b.block(), frame);
        } catch (Signal s) {
            if (s.jump != null) {
                throw new AssertionError("a jump left its body: " + b);
            }
            return s.value;
        }
        return eval(b.result(), frame);
    }

    private void block(Block b, Map<String, Object> frame) {
        for (Stmt s : b.stmts()) {
            stmt(s, frame);
        }
    }

    private void stmt(Stmt s, Map<String, Object> frame) {
        switch (s) {
            case Block b -> block(b, frame);
            case Program.Decl d -> frame.put(d.name(), eval(d.init(), frame));
            case Program.DeclArray a -> {
                int[] values = new int[a.init().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (Integer) eval(a.init().get(i), frame);
                }
                frame.put(a.name(), values);
            }
            case Program.Assign a -> {
                Object value;
                if (a.op().equals("=")) {
                    value = eval(a.value(), frame);
                } else {
                    Object old = eval(a.target(), frame);
                    value = compound(a.target().type(), a.op(), old, eval(a.value(), frame));
                }
                if (a.target().kind() == Program.VarKind.FIELD) {
                    fld = (Integer) value;
                } else {
                    frame.put(a.target().name(), value);
                }
            }
            case Program.ArrayAssign a -> {
                int[] array = (int[]) frame.get(a.array());
                int index = (Integer) eval(a.index(), frame) & 3;
                if (a.op().equals("=")) {
                    array[index] = (Integer) eval(a.value(), frame);
                } else {
                    int old = array[index];
                    array[index] = (Integer) compound(ValueType.INT, a.op(), old, eval(a.value(), frame));
                }
            }
            case Program.Log l -> log.add((String) eval(l.value(), frame));
            case Program.If i -> {
                if (truth(i.cond(), frame)) {
                    block(i.then(), frame);
                } else if (i.otherwise() != null) {
                    block(i.otherwise(), frame);
                }
            }
            case Program.Switch w -> switchStmt(w, frame);
            case Program.Loop l -> loop(l, frame);
            case Program.Jump j -> {
                if (truth(j.cond(), frame)) {
                    throw new Signal(j.kind(), j.label(), null);
                }
            }
            case Program.Return r -> {
                if (truth(r.cond(), frame)) {
                    throw new Signal(null, null, eval(r.value(), frame));
                }
            }
            case Program.Throw t -> {
                if (truth(t.cond(), frame)) {
                    throw new IllegalStateException((String) eval(t.message(), frame));
                }
            }
            case Program.Try t -> tryStmt(t, frame);
        }
    }

    private void switchStmt(Program.Switch w, Map<String, Object> frame) {
        Object selector = eval(w.selector(), frame);
        Block chosen = w.otherwise();
        for (int c = 0; c < w.labels().size(); c++) {
            if (w.labels().get(c).equals(selector)) {
                chosen = w.cases().get(c);
                break;
            }
        }
        if (chosen == null) {
            return;
        }
        try {
            block(chosen, frame);
        } catch (Signal s) {
            if (s.jump != Program.JumpKind.BREAK || s.label != null) {
                throw s;
            }
        }
    }

    private void loop(Program.Loop l, Map<String, Object> frame) {
        String c = l.counter();
        frame.put(c, 0);
        boolean first = true;
        while (true) {
            if (l.kind() == Program.LoopKind.DO && first) {
                first = false;
            } else {
                int count = (Integer) frame.get(c);
                if (l.kind() != Program.LoopKind.FOR) {
                    frame.put(c, count + 1); // c++ is evaluated before the bound
                }
                if (!(count < ((Integer) eval(l.bound(), frame) & 3))) {
                    return;
                }
            }
            try {
                block(l.body(), frame);
            } catch (Signal s) {
                boolean mine = s.jump != null && (s.label == null || s.label.equals(l.label()));
                if (!mine) {
                    throw s;
                }
                if (s.jump == Program.JumpKind.BREAK) {
                    return;
                }
            }
            if (l.kind() == Program.LoopKind.FOR) {
                frame.put(c, (Integer) frame.get(c) + 1);
            }
        }
    }

    private void tryStmt(Program.Try t, Map<String, Object> frame) {
        try {
            if (t.resource() != null) {
                String name = (String) eval(t.resource(), frame);
                log.add("open " + name);
                try {
                    block(t.body(), frame);
                } finally {
                    log.add("close " + name);
                }
            } else {
                block(t.body(), frame);
            }
        } catch (RuntimeException e) {
            Program.Catch handler = null;
            for (Program.Catch c : t.catches()) {
                if (caught(c.type(), e)) {
                    handler = c;
                    break;
                }
            }
            if (handler == null) {
                throw e;
            }
            frame.put(handler.var(), e);
            block(handler.body(), frame);
        } finally {
            if (t.finallyBlock() != null) {
                block(t.finallyBlock(), frame);
            }
        }
    }

    private static boolean caught(String type, RuntimeException e) {
        return switch (type) {
            case "SourceFault" -> e instanceof SourceFault;
            case "IllegalStateException" -> e instanceof IllegalStateException;
            case "RuntimeException" -> true;
            default -> throw new IllegalArgumentException(type);
        };
    }

    /* ---------------- Expressions ---------------- */

    private boolean truth(Expr e, Map<String, Object> frame) {
        return (Boolean) eval(e, frame);
    }

    final Object eval(Expr e, Map<String, Object> frame) {
        return switch (e) {
            case Program.Lit l -> l.value();
            case Program.Var v -> v.kind() == Program.VarKind.FIELD ? fld : frame.get(v.name());
            case Program.ArrayRead a -> {
                int[] array = (int[]) frame.get(a.array());
                yield array[(Integer) eval(a.index(), frame) & 3];
            }
            case Bin b -> bin(b, frame);
            case Program.Unary u ->
                switch (u.op()) {
                    case NEG ->
                        switch (u.type()) {
                            case INT -> -(Integer) eval(u.operand(), frame);
                            case LONG -> -(Long) eval(u.operand(), frame);
                            case DOUBLE -> -(Double) eval(u.operand(), frame);
                            default -> throw new IllegalArgumentException(u.toString());
                        };
                    case NOT -> !truth(u.operand(), frame);
                    case CAST -> cast(u.type(), eval(u.operand(), frame));
                };
            case Program.Cond c -> truth(c.cond(), frame) ? eval(c.then(), frame) : eval(c.otherwise(), frame);
            case Program.Await a -> src.value(eval(a.value(), frame));
            case Program.Call c -> call(c, frame);
            case Program.Nested n -> body(n.body(), new HashMap<>(frame));
            case Program.HelperCall h -> {
                Map<String, Object> callee = new HashMap<>();
                callee.put("p" + h.helper(), eval(h.arg(), frame));
                yield body(program.helpers().get(h.helper()), callee);
            }
            case Program.Message m -> ((Throwable) frame.get(m.exception())).getMessage();
        };
    }

    private Object call(Program.Call c, Map<String, Object> frame) {
        Object a = eval(c.args().get(0), frame);
        return switch (c.fn()) {
            case MAX -> Math.max((Integer) a, (Integer) eval(c.args().get(1), frame));
            case LONG_HASH -> Long.hashCode((Long) a);
            case LENGTH -> ((String) a).length();
            case EQUALS -> a.equals(eval(c.args().get(1), frame));
            case PAIR -> a + ":" + eval(c.args().get(1), frame);
        };
    }

    private Object bin(Bin b, Map<String, Object> frame) {
        if (b.op() == Op.ANDAND) {
            return truth(b.left(), frame) && truth(b.right(), frame);
        }
        if (b.op() == Op.OROR) {
            return truth(b.left(), frame) || truth(b.right(), frame);
        }
        Object l = eval(b.left(), frame);
        Object r = eval(b.right(), frame);
        if (b.op() == Op.CONCAT) {
            return String.valueOf(l) + r;
        }
        return arithmetic(b.left().type(), b.op(), l, r);
    }

    /** {@code l op r} on two operands of type {@code t}; overridable to plant a wrong rule. */
    Object arithmetic(ValueType t, Op op, Object l, Object r) {
        return switch (t) {
            case INT -> {
                int x = (Integer) l;
                int y = (Integer) r;
                yield switch (op) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case REM -> x % y;
                    case AND -> x & y;
                    case XOR -> x ^ y;
                    case LT -> x < y;
                    case LE -> x <= y;
                    case EQ -> x == y;
                    case NE -> x != y;
                    default -> throw new IllegalArgumentException(op.toString());
                };
            }
            case LONG -> {
                long x = (Long) l;
                long y = (Long) r;
                yield switch (op) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case AND -> x & y;
                    case LT -> x < y;
                    case LE -> x <= y;
                    case EQ -> x == y;
                    case NE -> x != y;
                    default -> throw new IllegalArgumentException(op.toString());
                };
            }
            case DOUBLE -> {
                double x = (Double) l;
                double y = (Double) r;
                yield switch (op) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case LT -> x < y;
                    case LE -> x <= y;
                    case EQ -> x == y;
                    case NE -> x != y;
                    default -> throw new IllegalArgumentException(op.toString());
                };
            }
            default -> throw new IllegalArgumentException(t + " " + op);
        };
    }

    private Object compound(ValueType t, String op, Object old, Object value) {
        if (t == ValueType.STR) {
            return old + String.valueOf(value);
        }
        Op arithmetic = switch (op) {
            case "+=" -> Op.ADD;
            case "-=" -> Op.SUB;
            case "*=" -> Op.MUL;
            default -> throw new IllegalArgumentException(op);
        };
        return arithmetic(t, arithmetic, old, value);
    }

    private static Object cast(ValueType to, Object v) {
        return switch (v) {
            case Integer i ->
                switch (to) {
                    case INT -> i;
                    case LONG -> (long) i;
                    case DOUBLE -> (double) i;
                    default -> throw new IllegalArgumentException(to.toString());
                };
            case Long l ->
                switch (to) {
                    case INT -> (int) (long) l;
                    case LONG -> l;
                    case DOUBLE -> (double) l;
                    default -> throw new IllegalArgumentException(to.toString());
                };
            case Double d ->
                switch (to) {
                    case INT -> (int) (double) d;
                    case LONG -> (long) (double) d;
                    case DOUBLE -> d;
                    default -> throw new IllegalArgumentException(to.toString());
                };
            default -> throw new IllegalArgumentException(v.toString());
        };
    }
}
