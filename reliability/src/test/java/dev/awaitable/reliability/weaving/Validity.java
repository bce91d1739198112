package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.Block;
import dev.awaitable.reliability.weaving.Program.Body;
import dev.awaitable.reliability.weaving.Program.Expr;
import dev.awaitable.reliability.weaving.Program.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Whether a program the shrinker made is still valid Java in the ways its edits can break it:
 * every name used where it is declared, every jump inside a loop (or switch) it may leave, every
 * try with a catch, finally or resource, every helper call naming a helper. Cheaper than javac,
 * which remains the final judge.
 */
final class Validity {

    private final List<String> visible = new ArrayList<>();
    /** Per body: the enclosing loops' labels ("" unlabeled) and switches (null). */
    private final Deque<Deque<String>> targets = new ArrayDeque<>();

    private final int helpers;
    private boolean ok = true;

    private Validity(int helpers) {
        this.helpers = helpers;
    }

    static boolean check(Program p) {
        Validity v = new Validity(p.helpers().size());
        for (int h = 0; h < p.helpers().size(); h++) {
            v.visible.add("p" + h);
            v.body(p.helpers().get(h));
            v.visible.clear();
        }
        v.body(p.main());
        return v.ok;
    }

    private void body(Body b) {
        targets.push(new ArrayDeque<>());
        int mark = visible.size();
        for (Stmt s : b.block().stmts()) {
            stmt(s);
        }
        expr(b.result());
        reset(mark);
        targets.pop();
    }

    private void reset(int mark) {
        visible.subList(mark, visible.size()).clear();
    }

    private void block(Block b) {
        if (b == null) {
            return;
        }
        int mark = visible.size();
        for (Stmt s : b.stmts()) {
            stmt(s);
        }
        reset(mark);
    }

    private void use(String name) {
        ok &= visible.contains(name);
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Block b -> block(b);
            case Program.Decl d -> {
                expr(d.init());
                visible.add(d.name());
            }
            case Program.DeclArray a -> {
                a.init().forEach(this::expr);
                visible.add(a.name());
            }
            case Program.Assign a -> {
                expr(a.target());
                expr(a.value());
            }
            case Program.ArrayAssign a -> {
                use(a.array());
                expr(a.index());
                expr(a.value());
            }
            case Program.Log l -> expr(l.value());
            case Program.If i -> {
                expr(i.cond());
                block(i.then());
                block(i.otherwise());
            }
            case Program.Switch w -> {
                expr(w.selector());
                targets.getFirst().push("\0switch");
                w.cases().forEach(this::block);
                block(w.otherwise());
                targets.getFirst().pop();
            }
            case Program.Loop l -> {
                int mark = visible.size();
                visible.add(l.counter());
                expr(l.bound());
                targets.getFirst().push(l.label() == null ? "" : l.label());
                block(l.body());
                targets.getFirst().pop();
                reset(mark);
            }
            case Program.Jump j -> {
                expr(j.cond());
                Deque<String> enclosing = targets.getFirst();
                if (j.label() != null) {
                    ok &= enclosing.contains(j.label());
                } else if (j.kind() == Program.JumpKind.BREAK) {
                    ok &= !enclosing.isEmpty();
                } else {
                    ok &= enclosing.stream().anyMatch(t -> !t.equals("\0switch"));
                }
            }
            case Program.Return r -> {
                expr(r.cond());
                expr(r.value());
            }
            case Program.Throw t -> {
                expr(t.cond());
                expr(t.message());
            }
            case Program.Try t -> {
                ok &= t.resource() != null || !t.catches().isEmpty() || t.finallyBlock() != null;
                if (t.resource() != null) {
                    expr(t.resource());
                }
                block(t.body());
                for (Program.Catch c : t.catches()) {
                    int mark = visible.size();
                    visible.add(c.var());
                    block(c.body());
                    reset(mark);
                }
                block(t.finallyBlock());
            }
        }
    }

    private void expr(Expr e) {
        switch (e) {
            case Program.Lit l -> {}
            case Program.Var v -> {
                if (v.kind() != Program.VarKind.FIELD) {
                    use(v.name());
                }
            }
            case Program.Message m -> use(m.exception());
            case Program.ArrayRead a -> {
                use(a.array());
                expr(a.index());
            }
            case Program.Bin b -> {
                expr(b.left());
                expr(b.right());
            }
            case Program.Unary u -> expr(u.operand());
            case Program.Cond c -> {
                expr(c.cond());
                expr(c.then());
                expr(c.otherwise());
            }
            case Program.Await a -> expr(a.value());
            case Program.Call c -> c.args().forEach(this::expr);
            case Program.Nested n -> body(n.body());
            case Program.HelperCall h -> {
                ok &= h.helper() < helpers;
                expr(h.arg());
            }
        }
    }
}
