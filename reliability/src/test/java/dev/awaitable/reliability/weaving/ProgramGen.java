package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.Await;
import dev.awaitable.reliability.weaving.Program.Bin;
import dev.awaitable.reliability.weaving.Program.Block;
import dev.awaitable.reliability.weaving.Program.Body;
import dev.awaitable.reliability.weaving.Program.Expr;
import dev.awaitable.reliability.weaving.Program.Lit;
import dev.awaitable.reliability.weaving.Program.Op;
import dev.awaitable.reliability.weaving.Program.Stmt;
import dev.awaitable.reliability.weaving.Program.ValueType;
import dev.awaitable.reliability.weaving.Program.Var;
import dev.awaitable.reliability.weaving.Program.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a random direct-style {@link Program} from a seed, Csmith-style: typed expressions
 * with awaits at any position, statements nested to a bounded depth, every loop bounded, every
 * jump behind an {@code if} (so no code after it is unreachable), every local initialized where
 * it is declared, no division by zero. The same seed gives the same program.
 *
 * <p>Unlike {@code SpecGen}, this does not draw from QuickTheories: its one-example-at-a-time
 * check would compile each program alone, and javac costs far more than a run, so programs are
 * generated from seeds and compiled a hundred at a time; {@link ProgramShrinker} shrinks them by
 * structure instead.
 */
final class ProgramGen {

    private static final int[] INTS = {0, 1, 2, 3, 7, -1, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, -46341};
    private static final long[] LONGS = {0L, 1L, 3L, -5L, 5_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final double[] DOUBLES = {0.0, 0.5, 1.5, -2.25, 0.1, 1.0E10, 3.0, -0.0, 1.0E-300};
    private static final String[] STRINGS = {"", "a", "b", "c", "xy"};
    private static final ValueType[] TYPES = ValueType.values();

    private final SplittableRandom random;
    private final Scope scope = new Scope();
    private int names;
    private int statements;
    private int helperLimit;
    private boolean instance;

    private ProgramGen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The program of {@code seed}, as class {@code className}. */
    static Program generate(long seed, String className) {
        return new ProgramGen(seed).program(className);
    }

    private Program program(String className) {
        int helpers = draw(0, 2);
        List<Body> bodies = new ArrayList<>();
        for (int h = 0; h < helpers; h++) {
            helperLimit = h;
            instance = false;
            scope.enterBody(ValueType.STR);
            scope.add(new Var(ValueType.INT, "p" + h, VarKind.LOCAL), true, false);
            bodies.add(body(ValueType.STR, 8));
            scope.exitBody();
        }
        helperLimit = helpers;
        instance = true;
        scope.enterBody(ValueType.STR);
        Body main = body(ValueType.STR, 20);
        scope.exitBody();
        return new Program(className, bodies, main);
    }

    private int draw(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String name(String prefix) {
        return prefix + names++;
    }

    /* ---------------- Bodies and statements ---------------- */

    /** A body of at most {@code budget} statements ending in a checksum of its top-level locals. */
    private Body body(ValueType result, int budget) {
        statements = 0;
        int mark = scope.mark();
        Block block = new Block(stmts(3, budget, draw(3, 8)));
        Expr checksum = result == ValueType.STR ? checksum(mark) : expr(result, 2);
        scope.reset(mark);
        return new Body(block, checksum);
    }

    private Expr checksum(int mark) {
        Expr sum = new Lit(ValueType.STR, "=");
        for (Var v : scope.since(mark)) {
            sum = new Bin(
                    ValueType.STR, Op.CONCAT, new Bin(ValueType.STR, Op.CONCAT, sum, v), new Lit(ValueType.STR, ","));
        }
        for (String array : scope.arraysSince(mark)) {
            for (int i = 0; i < 4; i++) {
                sum = new Bin(ValueType.STR, Op.CONCAT, sum, new Program.ArrayRead(array, new Lit(ValueType.INT, i)));
            }
        }
        if (instance) {
            sum = new Bin(ValueType.STR, Op.CONCAT, sum, new Var(ValueType.INT, "fld", VarKind.FIELD));
        }
        return sum;
    }

    private Block block(int depth, int budget, int length) {
        int mark = scope.mark();
        Block block = new Block(stmts(depth, budget, length));
        scope.reset(mark);
        return block;
    }

    private List<Stmt> stmts(int depth, int budget, int length) {
        List<Stmt> out = new ArrayList<>();
        for (int i = 0; i < length && statements < budget; i++) {
            statements++;
            out.add(stmt(depth, budget));
        }
        return out;
    }

    private Block inner(int depth, int budget) {
        return block(depth - 1, budget, draw(1, 3));
    }

    private Stmt stmt(int depth, int budget) {
        int k = draw(0, 99);
        if (depth <= 0 && k >= 55) {
            k = draw(0, 54);
        }
        if (k < 18) {
            return decl();
        } else if (k < 30) {
            Stmt s = assign();
            return s != null ? s : log();
        } else if (k < 42) {
            return log();
        } else if (k < 50) {
            Stmt s = jump();
            return s != null ? s : log();
        } else if (k < 53) {
            return new Program.Throw(cond(), expr(ValueType.STR, 2));
        } else if (k < 55) {
            return new Program.Return(cond(), expr(scope.result(), 2));
        } else if (k < 64) {
            Block otherwise = chance(50) ? inner(depth, budget) : null;
            return new Program.If(cond(), inner(depth, budget), otherwise);
        } else if (k < 71) {
            return switchStmt(depth, budget);
        } else if (k < 84) {
            return loop(depth, budget);
        } else {
            return tryStmt(depth, budget);
        }
    }

    private Expr cond() {
        return expr(ValueType.BOOL, 2);
    }

    private Stmt decl() {
        if (chance(18)) {
            String name = name("a");
            List<Expr> init = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                init.add(expr(ValueType.INT, 1));
            }
            scope.addArray(name);
            return new Program.DeclArray(name, init);
        }
        ValueType t = TYPES[draw(0, TYPES.length - 1)];
        boolean boxed = t == ValueType.INT && chance(40);
        boolean isFinal = !boxed && chance(30);
        Expr init = expr(t, 2);
        Var v = new Var(t, name(boxed ? "b" : "v"), boxed ? VarKind.BOXED : VarKind.LOCAL);
        scope.add(v, isFinal, !isFinal);
        return new Program.Decl(t, v.name(), init, isFinal, boxed);
    }

    private Stmt assign() {
        if (!scope.arrays().isEmpty() && chance(25)) {
            String array = pick(scope.arrays());
            return new Program.ArrayAssign(
                    array, index(1), pick(List.of("=", "+=", "-=", "*=")), expr(ValueType.INT, 2));
        }
        List<Var> targets = new ArrayList<>(scope.assignable());
        if (instance) {
            targets.add(new Var(ValueType.INT, "fld", VarKind.FIELD));
        }
        if (targets.isEmpty()) {
            return null;
        }
        Var target = pick(targets);
        String op = switch (target.type()) {
            case BOOL -> "=";
            case STR -> pick(List.of("=", "+="));
            default -> pick(List.of("=", "+=", "-=", "*="));
        };
        ValueType valueType =
                op.equals("+=") && target.type() == ValueType.STR ? TYPES[draw(0, TYPES.length - 1)] : target.type();
        return new Program.Assign(target, op, expr(valueType, 2));
    }

    private Stmt log() {
        return new Program.Log(new Bin(
                ValueType.STR,
                Op.CONCAT,
                new Lit(ValueType.STR, "L" + draw(0, 99) + ":"),
                expr(TYPES[draw(0, TYPES.length - 1)], 2)));
    }

    private Stmt jump() {
        List<String> labels = scope.labels();
        Program.JumpKind kind = chance(50) ? Program.JumpKind.BREAK : Program.JumpKind.CONTINUE;
        if (!labels.isEmpty() && chance(50)) {
            return new Program.Jump(kind, pick(labels), cond());
        } else if (scope.inLoop()) {
            return new Program.Jump(kind, null, cond());
        } else if (scope.breakable()) {
            return new Program.Jump(Program.JumpKind.BREAK, null, cond());
        }
        return null;
    }

    private Stmt switchStmt(int depth, int budget) {
        boolean onString = chance(40);
        Expr selector = onString
                ? (chance(50)
                        ? new Await(ValueType.STR, new Lit(ValueType.STR, pick(List.of(STRINGS))))
                        : expr(ValueType.STR, 1))
                : new Bin(ValueType.INT, Op.AND, expr(ValueType.INT, 2), new Lit(ValueType.INT, 3));
        int n = draw(1, 3);
        List<Object> labels = new ArrayList<>();
        List<Block> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add(onString ? STRINGS[i + 1] : (Object) i);
            scope.enterSwitch();
            cases.add(inner(depth, budget));
            scope.exitSwitch();
        }
        Block otherwise = null;
        if (chance(60)) {
            scope.enterSwitch();
            otherwise = inner(depth, budget);
            scope.exitSwitch();
        }
        return new Program.Switch(selector, labels, cases, otherwise);
    }

    private Stmt loop(int depth, int budget) {
        Program.LoopKind kind = pick(List.of(Program.LoopKind.FOR, Program.LoopKind.WHILE, Program.LoopKind.DO));
        String label = chance(50) ? name("L") : null;
        String counter = name(kind == Program.LoopKind.FOR ? "i" : kind == Program.LoopKind.WHILE ? "w" : "d");
        Expr bound = expr(ValueType.INT, 2);
        int mark = scope.mark();
        scope.add(new Var(ValueType.INT, counter, VarKind.LOCAL), false, false);
        scope.enterLoop(label);
        Block body = inner(depth, budget);
        scope.exitLoop();
        scope.reset(mark);
        return new Program.Loop(kind, label, counter, bound, body);
    }

    private Stmt tryStmt(int depth, int budget) {
        String resourceName = null;
        Expr resource = null;
        if (chance(30)) {
            resourceName = name("r");
            resource = expr(ValueType.STR, 2);
        }
        Block body = inner(depth, budget);
        List<Program.Catch> catches = new ArrayList<>();
        for (String type : Program.CATCH_TYPES) {
            if (chance(35)) {
                String var = name("e");
                int mark = scope.mark();
                scope.addException(var);
                List<Stmt> handler = new ArrayList<>();
                handler.add(new Program.Log(new Bin(
                        ValueType.STR, Op.CONCAT, new Lit(ValueType.STR, "caught "), new Program.Message(var))));
                handler.addAll(inner(depth, budget).stmts());
                scope.reset(mark);
                catches.add(new Program.Catch(type, var, new Block(handler)));
            }
        }
        Block finallyBlock = null;
        if ((catches.isEmpty() && resource == null) || chance(40)) {
            List<Stmt> fin = new ArrayList<>();
            fin.add(new Program.Log(new Lit(ValueType.STR, "finally" + draw(0, 9))));
            fin.addAll(inner(depth, budget).stmts());
            finallyBlock = new Block(fin);
        }
        return new Program.Try(resourceName, resource, body, catches, finallyBlock);
    }

    /* ---------------- Expressions ---------------- */

    private Expr expr(ValueType t, int depth) {
        int k = draw(0, 99);
        if (depth <= 0 || k < 30) {
            return leaf(t);
        } else if (k < 50) {
            return new Await(t, expr(t, depth - 1));
        } else if (k < 56) {
            return new Program.Cond(t, expr(ValueType.BOOL, depth - 1), expr(t, depth - 1), expr(t, depth - 1));
        } else if (k < 59 && depth >= 2) {
            return nested(t);
        }
        return switch (t) {
            case INT -> intExpr(depth - 1);
            case LONG -> longExpr(depth - 1);
            case DOUBLE -> doubleExpr(depth - 1);
            case BOOL -> boolExpr(depth - 1);
            case STR -> strExpr(depth - 1);
        };
    }

    private Expr leaf(ValueType t) {
        List<Var> vars = scope.readable(t, instance && chance(30));
        if (!vars.isEmpty() && chance(60)) {
            return pick(vars);
        }
        return literal(t);
    }

    private Lit literal(ValueType t) {
        return new Lit(
                t,
                switch (t) {
                    case INT -> chance(50) ? draw(-9, 9) : INTS[draw(0, INTS.length - 1)];
                    case LONG -> LONGS[draw(0, LONGS.length - 1)];
                    case DOUBLE -> DOUBLES[draw(0, DOUBLES.length - 1)];
                    case BOOL -> chance(50);
                    case STR -> STRINGS[draw(0, STRINGS.length - 1)];
                });
    }

    private Expr intExpr(int d) {
        int k = draw(0, 11);
        return switch (k) {
            case 0, 1 ->
                new Bin(
                        ValueType.INT,
                        pick(List.of(Op.ADD, Op.SUB, Op.MUL, Op.AND, Op.XOR)),
                        expr(ValueType.INT, d),
                        expr(ValueType.INT, d));
            case 2 ->
                new Bin(ValueType.INT, chance(50) ? Op.DIV : Op.REM, expr(ValueType.INT, d), divisor(ValueType.INT, d));
            case 3 -> new Program.Unary(ValueType.INT, Program.UOp.NEG, expr(ValueType.INT, d));
            case 4 ->
                new Program.Unary(
                        ValueType.INT, Program.UOp.CAST, expr(chance(50) ? ValueType.LONG : ValueType.DOUBLE, d));
            case 5 ->
                new Program.Call(
                        ValueType.INT, Program.Fn.MAX, List.of(expr(ValueType.INT, d), expr(ValueType.INT, d)));
            case 6 -> new Program.Call(ValueType.INT, Program.Fn.LENGTH, List.of(expr(ValueType.STR, d)));
            case 7 -> new Program.Call(ValueType.INT, Program.Fn.LONG_HASH, List.of(expr(ValueType.LONG, d)));
            case 8, 9 ->
                scope.arrays().isEmpty()
                        ? expr(ValueType.INT, d)
                        : new Program.ArrayRead(pick(scope.arrays()), index(d));
            default -> new Bin(ValueType.INT, Op.ADD, expr(ValueType.INT, d), expr(ValueType.INT, d));
        };
    }

    /** An array index: often an await itself, the index the weaver must keep below the array. */
    private Expr index(int d) {
        return chance(40) ? new Await(ValueType.INT, expr(ValueType.INT, d)) : expr(ValueType.INT, d);
    }

    private Expr divisor(ValueType t, int d) {
        Lit mask = t == ValueType.INT ? new Lit(t, 7) : new Lit(t, 7L);
        Lit one = t == ValueType.INT ? new Lit(t, 1) : new Lit(t, 1L);
        return new Bin(t, Op.ADD, new Bin(t, Op.AND, expr(t, d), mask), one);
    }

    private Expr longExpr(int d) {
        return switch (draw(0, 4)) {
            case 0, 1 ->
                new Bin(
                        ValueType.LONG,
                        pick(List.of(Op.ADD, Op.SUB, Op.MUL)),
                        expr(ValueType.LONG, d),
                        expr(ValueType.LONG, d));
            case 2 -> new Bin(ValueType.LONG, Op.DIV, expr(ValueType.LONG, d), divisor(ValueType.LONG, d));
            case 3 -> new Program.Unary(ValueType.LONG, Program.UOp.NEG, expr(ValueType.LONG, d));
            default ->
                new Program.Unary(
                        ValueType.LONG, Program.UOp.CAST, expr(chance(50) ? ValueType.INT : ValueType.DOUBLE, d));
        };
    }

    private Expr doubleExpr(int d) {
        return switch (draw(0, 3)) {
            case 0, 1 ->
                new Bin(
                        ValueType.DOUBLE,
                        pick(List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV)),
                        expr(ValueType.DOUBLE, d),
                        expr(ValueType.DOUBLE, d));
            case 2 -> new Program.Unary(ValueType.DOUBLE, Program.UOp.NEG, expr(ValueType.DOUBLE, d));
            default ->
                new Program.Unary(
                        ValueType.DOUBLE, Program.UOp.CAST, expr(chance(50) ? ValueType.INT : ValueType.LONG, d));
        };
    }

    private Expr boolExpr(int d) {
        return switch (draw(0, 4)) {
            case 0, 1 -> {
                ValueType operands = pick(List.of(ValueType.INT, ValueType.LONG, ValueType.DOUBLE));
                yield new Bin(
                        ValueType.BOOL,
                        pick(List.of(Op.LT, Op.LE, Op.EQ, Op.NE)),
                        expr(operands, d),
                        expr(operands, d));
            }
            case 2 ->
                new Bin(
                        ValueType.BOOL,
                        chance(50) ? Op.ANDAND : Op.OROR,
                        expr(ValueType.BOOL, d),
                        expr(ValueType.BOOL, d));
            case 3 -> new Program.Unary(ValueType.BOOL, Program.UOp.NOT, expr(ValueType.BOOL, d));
            default ->
                new Program.Call(
                        ValueType.BOOL, Program.Fn.EQUALS, List.of(expr(ValueType.STR, d), expr(ValueType.STR, d)));
        };
    }

    private Expr strExpr(int d) {
        int k = draw(0, 5);
        if (k == 4 && helperLimit > 0) {
            return new Program.HelperCall(draw(0, helperLimit - 1), expr(ValueType.INT, d));
        }
        if (k == 5 && !scope.exceptions().isEmpty()) {
            return new Program.Message(pick(scope.exceptions()));
        }
        if (k == 3) {
            return new Program.Call(
                    ValueType.STR, Program.Fn.PAIR, List.of(expr(ValueType.INT, d), expr(ValueType.STR, d)));
        }
        ValueType other = TYPES[draw(0, TYPES.length - 1)];
        return chance(50)
                ? new Bin(ValueType.STR, Op.CONCAT, expr(ValueType.STR, d), expr(other, d))
                : new Bin(ValueType.STR, Op.CONCAT, expr(other, d), expr(ValueType.STR, d));
    }

    /** {@code Async.await(Async.run(() -> ...))}: a lambda that sees only the final locals around it. */
    private Expr nested(ValueType t) {
        int saved = statements;
        scope.enterBody(t);
        Body body = body(t, 4);
        scope.exitBody();
        statements = saved;
        return new Program.Nested(t, body);
    }

    private <T> T pick(List<T> from) {
        return from.get(draw(0, from.size() - 1));
    }
}
