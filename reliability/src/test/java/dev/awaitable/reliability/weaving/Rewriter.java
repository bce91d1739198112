package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.Block;
import dev.awaitable.reliability.weaving.Program.Body;
import dev.awaitable.reliability.weaving.Program.Expr;
import dev.awaitable.reliability.weaving.Program.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a {@link Program}, visiting every statement list and every expression in one fixed
 * pre-order and numbering each kind separately; a hook may replace what it is given, and the
 * walk goes on into the replacement. The shrinker counts with the identity hooks, then edits the
 * n-th list or expression.
 */
class Rewriter {

    private int blocks;
    private int exprs;

    /** The statement list numbered {@code index}, or what replaces it. */
    List<Stmt> onBlock(int index, List<Stmt> stmts) {
        return stmts;
    }

    /** The expression numbered {@code index}, or what replaces it (of the same type). */
    Expr onExpr(int index, Expr e) {
        return e;
    }

    final int blocks() {
        return blocks;
    }

    final int exprs() {
        return exprs;
    }

    final Program apply(Program p) {
        List<Body> helpers = new ArrayList<>();
        for (Body h : p.helpers()) {
            helpers.add(body(h));
        }
        Body main = body(p.main());
        return new Program(p.className(), helpers, main);
    }

    private Body body(Body b) {
        Block block = block(b.block());
        return new Body(block, expr(b.result()));
    }

    private Block block(Block b) {
        return b == null ? null : new Block(stmts(b.stmts()));
    }

    private List<Stmt> stmts(List<Stmt> in) {
        List<Stmt> replaced = onBlock(blocks++, in);
        List<Stmt> out = new ArrayList<>(replaced.size());
        for (Stmt s : replaced) {
            out.add(stmt(s));
        }
        return out;
    }

    private Stmt stmt(Stmt s) {
        return switch (s) {
            case Block b -> block(b);
            case Program.Decl d -> new Program.Decl(d.type(), d.name(), expr(d.init()), d.isFinal(), d.boxed());
            case Program.DeclArray a -> new Program.DeclArray(a.name(), exprs(a.init()));
            case Program.Assign a -> new Program.Assign(a.target(), a.op(), expr(a.value()));
            case Program.ArrayAssign a -> {
                Expr index = expr(a.index());
                yield new Program.ArrayAssign(a.array(), index, a.op(), expr(a.value()));
            }
            case Program.Log l -> new Program.Log(expr(l.value()));
            case Program.If i -> {
                Expr cond = expr(i.cond());
                Block then = block(i.then());
                yield new Program.If(cond, then, block(i.otherwise()));
            }
            case Program.Switch w -> {
                Expr selector = expr(w.selector());
                List<Block> cases = new ArrayList<>();
                for (Block c : w.cases()) {
                    cases.add(block(c));
                }
                yield new Program.Switch(selector, w.labels(), cases, block(w.otherwise()));
            }
            case Program.Loop l -> {
                Expr bound = expr(l.bound());
                yield new Program.Loop(l.kind(), l.label(), l.counter(), bound, block(l.body()));
            }
            case Program.Jump j -> new Program.Jump(j.kind(), j.label(), expr(j.cond()));
            case Program.Return r -> {
                Expr cond = expr(r.cond());
                yield new Program.Return(cond, expr(r.value()));
            }
            case Program.Throw t -> {
                Expr cond = expr(t.cond());
                yield new Program.Throw(cond, expr(t.message()));
            }
            case Program.Try t -> {
                Expr resource = t.resource() == null ? null : expr(t.resource());
                Block body = block(t.body());
                List<Program.Catch> catches = new ArrayList<>();
                for (Program.Catch c : t.catches()) {
                    catches.add(new Program.Catch(c.type(), c.var(), block(c.body())));
                }
                yield new Program.Try(t.resourceName(), resource, body, catches, block(t.finallyBlock()));
            }
        };
    }

    private List<Expr> exprs(List<Expr> in) {
        List<Expr> out = new ArrayList<>(in.size());
        for (Expr e : in) {
            out.add(expr(e));
        }
        return out;
    }

    private Expr expr(Expr in) {
        Expr e = onExpr(exprs++, in);
        return switch (e) {
            case Program.Lit l -> l;
            case Program.Var v -> v;
            case Program.Message m -> m;
            case Program.ArrayRead a -> new Program.ArrayRead(a.array(), expr(a.index()));
            case Program.Bin b -> {
                Expr left = expr(b.left());
                yield new Program.Bin(b.type(), b.op(), left, expr(b.right()));
            }
            case Program.Unary u -> new Program.Unary(u.type(), u.op(), expr(u.operand()));
            case Program.Cond c -> {
                Expr cond = expr(c.cond());
                Expr then = expr(c.then());
                yield new Program.Cond(c.type(), cond, then, expr(c.otherwise()));
            }
            case Program.Await a -> new Program.Await(a.type(), expr(a.value()));
            case Program.Call c -> new Program.Call(c.type(), c.fn(), exprs(c.args()));
            case Program.Nested n -> new Program.Nested(n.type(), body(n.body()));
            case Program.HelperCall h -> new Program.HelperCall(h.helper(), expr(h.arg()));
        };
    }
}
