package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.Block;
import dev.awaitable.reliability.weaving.Program.Body;
import dev.awaitable.reliability.weaving.Program.Expr;
import dev.awaitable.reliability.weaving.Program.Stmt;
import dev.awaitable.reliability.weaving.Program.ValueType;

/**
 * Prints a {@link Program} as one Java source file. Every operator is parenthesized, so the
 * printed precedence is the tree's; every await is {@code Async.await(src.nextT(..))} unboxed by
 * a cast, so the value's Java type is the tree's type.
 */
final class JavaPrinter {

    private final StringBuilder out = new StringBuilder();
    private int indent;

    private JavaPrinter() {}

    static String print(Program p) {
        JavaPrinter j = new JavaPrinter();
        j.program(p);
        return j.out.toString();
    }

    private void program(Program p) {
        out.append("package ").append(Program.PACKAGE).append(";\n\n");
        out.append("import dev.awaitable.Async;\n");
        out.append("import dev.awaitable.Awaitable;\n");
        for (String type : new String[] {"GeneratedProgram", "Log", "Pair", "Res", "SourceFault", "Src"}) {
            out.append("import dev.awaitable.reliability.weaving.").append(type).append(";\n");
        }
        out.append("\npublic final class ").append(p.className()).append(" implements GeneratedProgram {\n\n");
        out.append("    private int fld = 3;\n\n");
        out.append("    @Override\n    public Awaitable<String> start(Src src, Log log) {\n");
        out.append("        return Async.run(() -> ");
        indent = 2;
        body(p.main());
        out.append(");\n    }\n");
        for (int h = 0; h < p.helpers().size(); h++) {
            out.append("\n    static Awaitable<String> h")
                    .append(h)
                    .append("(Src src, Log log, int p")
                    .append(h)
                    .append(") {\n");
            out.append("        return Async.run(() -> ");
            indent = 2;
            body(p.helpers().get(h));
            out.append(");\n    }\n");
        }
        out.append("}\n");
    }

    /** A lambda's block, from its opening brace to its closing one. */
    private void body(Body b) {
        out.append("{\n");
        indent++;
        for (Stmt s : b.block().stmts()) {
            stmt(s);
        }
        line().append("return ").append(expr(b.result())).append(";\n");
        indent--;
        line().append("}");
    }

    private StringBuilder line() {
        return out.append("    ".repeat(indent));
    }

    private void block(Block b) {
        out.append("{\n");
        indent++;
        for (Stmt s : b.stmts()) {
            stmt(s);
        }
        indent--;
        line().append("}");
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Block b -> {
                line();
                block(b);
                out.append("\n");
            }
            case Program.Decl d ->
                line().append(d.isFinal() ? "final " : "")
                        .append(d.boxed() ? "Integer" : d.type().java)
                        .append(' ')
                        .append(d.name())
                        .append(" = ")
                        .append(expr(d.init()))
                        .append(";\n");
            case Program.DeclArray a -> {
                line().append("final int[] ").append(a.name()).append(" = {");
                for (int i = 0; i < a.init().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(expr(a.init().get(i)));
                }
                out.append("};\n");
            }
            case Program.Assign a ->
                line().append(a.target().name())
                        .append(' ')
                        .append(a.op())
                        .append(' ')
                        .append(expr(a.value()))
                        .append(";\n");
            case Program.ArrayAssign a ->
                line().append(a.array())
                        .append("[(")
                        .append(expr(a.index()))
                        .append(") & 3] ")
                        .append(a.op())
                        .append(' ')
                        .append(expr(a.value()))
                        .append(";\n");
            case Program.Log l ->
                line().append("log.add(").append(expr(l.value())).append(");\n");
            case Program.If i -> {
                line().append("if (").append(expr(i.cond())).append(") ");
                block(i.then());
                if (i.otherwise() != null) {
                    out.append(" else ");
                    block(i.otherwise());
                }
                out.append("\n");
            }
            case Program.Switch w -> {
                line().append("switch (").append(expr(w.selector())).append(") {\n");
                indent++;
                for (int c = 0; c < w.cases().size(); c++) {
                    Object label = w.labels().get(c);
                    line().append("case ")
                            .append(label instanceof String str ? '"' + str + '"' : label)
                            .append(" -> ");
                    block(w.cases().get(c));
                    out.append("\n");
                }
                if (w.otherwise() != null) {
                    line().append("default -> ");
                    block(w.otherwise());
                    out.append("\n");
                }
                indent--;
                line().append("}\n");
            }
            case Program.Loop l -> loop(l);
            case Program.Jump j ->
                line().append("if (")
                        .append(expr(j.cond()))
                        .append(") { ")
                        .append(j.kind() == Program.JumpKind.BREAK ? "break" : "continue")
                        .append(j.label() == null ? "" : " " + j.label())
                        .append("; }\n");
            case Program.Return r ->
                line().append("if (")
                        .append(expr(r.cond()))
                        .append(") { return ")
                        .append(expr(r.value()))
                        .append("; }\n");
            case Program.Throw t ->
                line().append("if (")
                        .append(expr(t.cond()))
                        .append(") { throw new IllegalStateException(")
                        .append(expr(t.message()))
                        .append("); }\n");
            case Program.Try t -> {
                line().append("try ");
                if (t.resource() != null) {
                    out.append("(Res ")
                            .append(t.resourceName())
                            .append(" = new Res(log, ")
                            .append(expr(t.resource()))
                            .append(")) ");
                }
                block(t.body());
                for (Program.Catch c : t.catches()) {
                    out.append(" catch (")
                            .append(c.type())
                            .append(' ')
                            .append(c.var())
                            .append(") ");
                    block(c.body());
                }
                if (t.finallyBlock() != null) {
                    out.append(" finally ");
                    block(t.finallyBlock());
                }
                out.append("\n");
            }
        }
    }

    private void loop(Program.Loop l) {
        String c = l.counter();
        String bound = "((" + expr(l.bound()) + ") & 3)";
        if (l.kind() != Program.LoopKind.FOR) {
            line().append("int ").append(c).append(" = 0;\n");
        }
        line();
        if (l.label() != null) {
            out.append(l.label()).append(": ");
        }
        switch (l.kind()) {
            case FOR -> {
                out.append("for (int ")
                        .append(c)
                        .append(" = 0; ")
                        .append(c)
                        .append(" < ")
                        .append(bound);
                out.append("; ").append(c).append("++) ");
                block(l.body());
            }
            case WHILE -> {
                out.append("while (").append(c).append("++ < ").append(bound).append(") ");
                block(l.body());
            }
            case DO -> {
                out.append("do ");
                block(l.body());
                out.append(" while (").append(c).append("++ < ").append(bound).append(");");
            }
        }
        out.append("\n");
    }

    static String expr(Expr e) {
        return switch (e) {
            case Program.Lit l -> literal(l);
            case Program.Var v -> v.kind() == Program.VarKind.BOXED ? v.name() + ".intValue()" : v.name();
            case Program.ArrayRead a -> a.array() + "[(" + expr(a.index()) + ") & 3]";
            case Program.Bin b -> "(" + expr(b.left()) + " " + b.op().java + " " + expr(b.right()) + ")";
            case Program.Unary u ->
                switch (u.op()) {
                    case NEG -> "(-" + expr(u.operand()) + ")";
                    case NOT -> "(!" + expr(u.operand()) + ")";
                    case CAST -> "((" + u.type().java + ") " + expr(u.operand()) + ")";
                };
            case Program.Cond c -> "(" + expr(c.cond()) + " ? " + expr(c.then()) + " : " + expr(c.otherwise()) + ")";
            case Program.Await a ->
                unbox(
                        a.type(),
                        "Async.<" + boxed(a.type()) + ">await(src.next" + a.type().source + "(" + expr(a.value())
                                + "))");
            case Program.Call c ->
                switch (c.fn()) {
                    case MAX ->
                        "Math.max(" + expr(c.args().get(0)) + ", "
                                + expr(c.args().get(1)) + ")";
                    case LONG_HASH -> "Long.hashCode(" + expr(c.args().get(0)) + ")";
                    case LENGTH -> expr(c.args().get(0)) + ".length()";
                    case EQUALS ->
                        expr(c.args().get(0)) + ".equals(" + expr(c.args().get(1)) + ")";
                    case PAIR ->
                        "new Pair(" + expr(c.args().get(0)) + ", "
                                + expr(c.args().get(1)) + ").text()";
                };
            case Program.Nested n -> {
                JavaPrinter j = new JavaPrinter();
                j.indent = 3;
                j.body(n.body());
                String t = boxed(n.type());
                yield unbox(n.type(), "Async.<" + t + ">await(Async.<" + t + ">run(() -> " + j.out + "))");
            }
            case Program.HelperCall h -> "Async.<String>await(h" + h.helper() + "(src, log, " + expr(h.arg()) + "))";
            case Program.Message m -> m.exception() + ".getMessage()";
        };
    }

    /**
     * The boxed type of {@code t}, for explicit type arguments: they keep javac from inferring
     * through nested generic calls and lambdas, which made compiling these programs slow.
     */
    private static String boxed(ValueType t) {
        return switch (t) {
            case INT -> "Integer";
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case BOOL -> "Boolean";
            case STR -> "String";
        };
    }

    private static String unbox(ValueType t, String boxed) {
        return t == ValueType.STR ? boxed : "((" + t.java + ") " + boxed + ")";
    }

    private static String literal(Program.Lit l) {
        return switch (l.type()) {
            case INT -> {
                int v = (Integer) l.value();
                yield v < 0 ? "(" + v + ")" : Integer.toString(v);
            }
            case LONG -> {
                long v = (Long) l.value();
                yield v < 0 ? "(" + v + "L)" : v + "L";
            }
            case DOUBLE -> {
                double v = (Double) l.value();
                String s = Double.toString(v);
                yield s.startsWith("-") ? "(" + s + ")" : s;
            }
            case BOOL -> l.value().toString();
            case STR -> '"' + (String) l.value() + '"';
        };
    }
}
