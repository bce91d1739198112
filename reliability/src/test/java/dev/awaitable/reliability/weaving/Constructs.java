package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.Await;
import dev.awaitable.reliability.weaving.Program.Block;
import dev.awaitable.reliability.weaving.Program.Body;
import dev.awaitable.reliability.weaving.Program.Expr;
import dev.awaitable.reliability.weaving.Program.Stmt;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the constructs a set of programs exercises: each statement form, each local type, and
 * each expression position an await occupies (directly: {@code f(Async.await(..))} counts as a
 * method argument, {@code f(1 + Async.await(..))} as a right operand).
 */
final class Constructs {

    /** Everything the generator must reach. */
    static final List<String> ALL = List.of(
            "await as method argument",
            "await as receiver",
            "await as left operand",
            "await as right operand",
            "await as constructor argument",
            "await as array index",
            "await in compound assignment",
            "await in ternary arm",
            "await in string concatenation",
            "await in loop condition",
            "await in switch selector",
            "await in try",
            "await in catch",
            "await in finally",
            "await in try-with-resources resource",
            "if/else",
            "switch on int",
            "switch on String",
            "for",
            "while",
            "do",
            "break",
            "continue",
            "labelled break",
            "labelled continue",
            "try/catch",
            "try/finally",
            "try-with-resources",
            "throw",
            "early return",
            "return through a finally",
            "break or continue through a finally",
            "nested Async.run",
            "call into a helper body",
            "local int",
            "local long",
            "local double",
            "local boolean",
            "local String",
            "local Integer",
            "local int[]",
            "field of this");

    private final Map<String, Integer> counts = new TreeMap<>();
    private boolean inTry;
    private boolean inCatch;
    private boolean inFinally;
    /** Inside a try or catch block whose finally runs when the block is left: the exits javac duplicates finally code for. */
    private boolean guarded;

    private Constructs() {}

    static Map<String, Integer> count(List<Program> programs) {
        Constructs c = new Constructs();
        for (Program p : programs) {
            p.helpers().forEach(c::body);
            c.body(p.main());
        }
        return c.counts;
    }

    private void add(String construct) {
        counts.merge(construct, 1, Integer::sum);
    }

    private void body(Body b) {
        block(b.block());
        expr(b.result());
    }

    private void block(Block b) {
        if (b != null) {
            b.stmts().forEach(this::stmt);
        }
    }

    private boolean awaits(Expr e) {
        return e instanceof Await;
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Block b -> block(b);
            case Program.Decl d -> {
                add("local " + (d.boxed() ? "Integer" : d.type().java));
                expr(d.init());
            }
            case Program.DeclArray a -> {
                add("local int[]");
                a.init().forEach(this::expr);
            }
            case Program.Assign a -> {
                if (a.target().kind() == Program.VarKind.FIELD) {
                    add("field of this");
                }
                if (!a.op().equals("=") && awaits(a.value())) {
                    add("await in compound assignment");
                }
                expr(a.value());
            }
            case Program.ArrayAssign a -> {
                if (awaits(a.index())) {
                    add("await as array index");
                }
                if (!a.op().equals("=") && awaits(a.value())) {
                    add("await in compound assignment");
                }
                expr(a.index());
                expr(a.value());
            }
            case Program.Log l -> expr(l.value());
            case Program.If i -> {
                if (i.otherwise() != null) {
                    add("if/else");
                }
                expr(i.cond());
                block(i.then());
                block(i.otherwise());
            }
            case Program.Switch w -> {
                add(w.selector().type() == Program.ValueType.STR ? "switch on String" : "switch on int");
                if (contains(w.selector())) {
                    add("await in switch selector");
                }
                expr(w.selector());
                w.cases().forEach(this::block);
                block(w.otherwise());
            }
            case Program.Loop l -> {
                add(l.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (contains(l.bound())) {
                    add("await in loop condition");
                }
                expr(l.bound());
                block(l.body());
            }
            case Program.Jump j -> {
                add((j.label() == null ? "" : "labelled ") + j.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (guarded) {
                    add("break or continue through a finally");
                }
                expr(j.cond());
            }
            case Program.Return r -> {
                add("early return");
                if (guarded) {
                    add("return through a finally");
                }
                expr(r.cond());
                expr(r.value());
            }
            case Program.Throw t -> {
                add("throw");
                if (awaits(t.message())) {
                    add("await as constructor argument");
                }
                expr(t.cond());
                expr(t.message());
            }
            case Program.Try t -> tryStmt(t);
        }
    }

    private void tryStmt(Program.Try t) {
        boolean[] saved = {inTry, inCatch, inFinally, guarded};
        if (t.resource() != null) {
            add("try-with-resources");
            if (contains(t.resource())) {
                add("await in try-with-resources resource");
            }
            expr(t.resource());
        }
        if (!t.catches().isEmpty()) {
            add("try/catch");
        }
        if (t.finallyBlock() != null) {
            add("try/finally");
        }
        guarded = saved[3] || t.finallyBlock() != null;
        inTry = true;
        block(t.body());
        inTry = saved[0];
        inCatch = true;
        t.catches().forEach(c -> block(c.body()));
        inCatch = saved[1];
        guarded = saved[3];
        inFinally = true;
        block(t.finallyBlock());
        inFinally = saved[2];
    }

    private static boolean contains(Expr e) {
        int[] awaits = {0};
        new Rewriter() {
            @Override
            Expr onExpr(int index, Expr x) {
                if (x instanceof Await) {
                    awaits[0]++;
                }
                return x;
            }
        }.apply(new Program("C", List.of(), new Body(new Block(List.of()), e)));
        return awaits[0] > 0;
    }

    private void expr(Expr e) {
        switch (e) {
            case Program.Lit l -> {}
            case Program.Var v -> {
                if (v.kind() == Program.VarKind.FIELD) {
                    add("field of this");
                }
            }
            case Program.Message m -> {}
            case Program.ArrayRead a -> {
                if (awaits(a.index())) {
                    add("await as array index");
                }
                expr(a.index());
            }
            case Program.Bin b -> {
                String where = b.op() == Program.Op.CONCAT ? "await in string concatenation" : null;
                if (awaits(b.left())) {
                    add(where != null ? where : "await as left operand");
                }
                if (awaits(b.right())) {
                    add(where != null ? where : "await as right operand");
                }
                expr(b.left());
                expr(b.right());
            }
            case Program.Unary u -> expr(u.operand());
            case Program.Cond c -> {
                if (awaits(c.then()) || awaits(c.otherwise())) {
                    add("await in ternary arm");
                }
                expr(c.cond());
                expr(c.then());
                expr(c.otherwise());
            }
            case Await a -> {
                if (inTry) {
                    add("await in try");
                }
                if (inCatch) {
                    add("await in catch");
                }
                if (inFinally) {
                    add("await in finally");
                }
                if (awaits(a.value())) {
                    add("await as method argument");
                }
                expr(a.value());
            }
            case Program.Call c -> {
                for (int i = 0; i < c.args().size(); i++) {
                    if (awaits(c.args().get(i))) {
                        add(
                                switch (c.fn()) {
                                    case PAIR -> "await as constructor argument";
                                    case LENGTH, EQUALS -> i == 0 ? "await as receiver" : "await as method argument";
                                    default -> "await as method argument";
                                });
                    }
                }
                c.args().forEach(this::expr);
            }
            case Program.Nested n -> {
                add("nested Async.run");
                boolean[] saved = {inTry, inCatch, inFinally, guarded};
                inTry = inCatch = inFinally = guarded = false;
                body(n.body());
                inTry = saved[0];
                inCatch = saved[1];
                inFinally = saved[2];
                guarded = saved[3];
            }
            case Program.HelperCall h -> {
                add("call into a helper body");
                if (awaits(h.arg())) {
                    add("await as method argument");
                }
                expr(h.arg());
            }
        }
    }
}
