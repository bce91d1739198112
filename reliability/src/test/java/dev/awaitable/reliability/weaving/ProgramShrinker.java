package dev.awaitable.reliability.weaving;

import dev.awaitable.reliability.weaving.Program.Block;
import dev.awaitable.reliability.weaving.Program.Expr;
import dev.awaitable.reliability.weaving.Program.Lit;
import dev.awaitable.reliability.weaving.Program.Stmt;
import dev.awaitable.reliability.weaving.Program.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Shrinks a diverging program greedily, as the Spec differential's {@code Shrinker} does: delete
 * a statement, unwrap a compound statement into its parts, drop a catch, finally, else, case or
 * resource, replace an expression by a constant or by one of its operands, drop an unused
 * helper. Candidates are tried in batches (one javac call each), each batch re-checking the
 * divergence; the first that still diverges becomes the program, until none does.
 */
final class ProgramShrinker {

    private static final int MAX_CANDIDATES = 6_000;
    /** A divergence that hangs costs a timeout per candidate: stop with the smallest so far. */
    private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(3);
    /** The first batch of a round is small (an early candidate usually succeeds); later ones grow. */
    private static final int FIRST_BATCH = 8;

    private static final int MAX_BATCH = 64;

    private ProgramShrinker() {}

    /**
     * The smallest program reachable from {@code failing} that still diverges.
     *
     * @param firstDiverging the index of the first candidate of a batch that still diverges, or -1
     */
    static Program shrink(Program failing, ToIntFunction<List<Program>> firstDiverging) {
        Program current = failing;
        int tried = 0;
        boolean progress = true;
        long deadline = System.nanoTime() + MAX_NANOS;
        while (progress && tried < MAX_CANDIDATES && System.nanoTime() - deadline < 0) {
            progress = false;
            List<Program> candidates = new ArrayList<>();
            int size = size(current);
            int length = JavaPrinter.print(current).length();
            for (Program c : candidates(current)) {
                int s = size(c);
                if ((s < size || (s == size && JavaPrinter.print(c).length() < length)) && Validity.check(c)) {
                    candidates.add(c);
                }
            }
            int batchSize = FIRST_BATCH;
            for (int from = 0;
                    from < candidates.size() && tried < MAX_CANDIDATES && System.nanoTime() - deadline < 0;
                    from += batchSize, batchSize = Math.min(MAX_BATCH, batchSize * 2)) {
                List<Program> batch = candidates.subList(from, Math.min(candidates.size(), from + batchSize));
                tried += batch.size();
                int hit = firstDiverging.applyAsInt(batch);
                if (hit >= 0) {
                    current = batch.get(hit);
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    /** Statements plus expressions. */
    static int size(Program p) {
        int[] statements = {0};
        Rewriter counter = new Rewriter() {
            @Override
            List<Stmt> onBlock(int index, List<Stmt> stmts) {
                statements[0] += stmts.size();
                return stmts;
            }
        };
        counter.apply(p);
        return counter.exprs() + statements[0];
    }

    static List<Program> candidates(Program p) {
        List<Program> out = new ArrayList<>();
        if (!p.helpers().isEmpty()
                && !JavaPrinter.print(p).contains("h" + (p.helpers().size() - 1) + "(src")) {
            out.add(new Program(
                    p.className(), p.helpers().subList(0, p.helpers().size() - 1), p.main()));
        }
        List<List<Stmt>> blocks = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        new Rewriter() {
            @Override
            List<Stmt> onBlock(int index, List<Stmt> stmts) {
                blocks.add(stmts);
                return stmts;
            }

            @Override
            Expr onExpr(int index, Expr e) {
                exprs.add(e);
                return e;
            }
        }.apply(p);
        for (int b = 0; b < blocks.size(); b++) {
            List<Stmt> stmts = blocks.get(b);
            for (int i = 0; i < stmts.size(); i++) {
                for (List<Stmt> replacement : replacements(stmts.get(i))) {
                    List<Stmt> edited = new ArrayList<>(stmts.subList(0, i));
                    edited.addAll(replacement);
                    edited.addAll(stmts.subList(i + 1, stmts.size()));
                    int target = b;
                    out.add(
                            new Rewriter() {
                                @Override
                                List<Stmt> onBlock(int index, List<Stmt> in) {
                                    return index == target ? edited : in;
                                }
                            }.apply(p));
                }
            }
        }
        for (int x = 0; x < exprs.size(); x++) {
            for (Expr replacement : simpler(exprs.get(x))) {
                int target = x;
                out.add(
                        new Rewriter() {
                            @Override
                            Expr onExpr(int index, Expr e) {
                                return index == target ? replacement : e;
                            }
                        }.apply(p));
            }
        }
        return out;
    }

    /** What may stand in place of {@code s}: nothing, its parts, or itself with a part dropped. */
    private static List<List<Stmt>> replacements(Stmt s) {
        List<List<Stmt>> out = new ArrayList<>();
        out.add(List.of());
        switch (s) {
            case Block b -> out.add(b.stmts());
            case Program.If i -> {
                out.add(i.then().stmts());
                if (i.otherwise() != null) {
                    out.add(i.otherwise().stmts());
                    out.add(List.of(new Program.If(i.cond(), i.then(), null)));
                }
            }
            case Program.Switch w -> {
                w.cases().forEach(c -> out.add(c.stmts()));
                if (w.otherwise() != null) {
                    out.add(w.otherwise().stmts());
                    out.add(List.of(new Program.Switch(w.selector(), w.labels(), w.cases(), null)));
                }
                for (int c = 0; w.cases().size() > 1 && c < w.cases().size(); c++) {
                    List<Object> labels = new ArrayList<>(w.labels());
                    List<Block> cases = new ArrayList<>(w.cases());
                    labels.remove(c);
                    cases.remove(c);
                    out.add(List.of(new Program.Switch(w.selector(), labels, cases, w.otherwise())));
                }
            }
            case Program.Loop l -> out.add(l.body().stmts());
            case Program.Try t -> {
                out.add(t.body().stmts());
                t.catches().forEach(c -> out.add(c.body().stmts()));
                if (t.finallyBlock() != null) {
                    out.add(t.finallyBlock().stmts());
                    out.add(List.of(new Program.Try(t.resourceName(), t.resource(), t.body(), t.catches(), null)));
                }
                for (int c = 0; c < t.catches().size(); c++) {
                    List<Program.Catch> fewer = new ArrayList<>(t.catches());
                    fewer.remove(c);
                    out.add(List.of(
                            new Program.Try(t.resourceName(), t.resource(), t.body(), fewer, t.finallyBlock())));
                }
                if (t.resource() != null) {
                    out.add(List.of(new Program.Try(null, null, t.body(), t.catches(), t.finallyBlock())));
                }
            }
            default -> {}
        }
        return out;
    }

    /** Simpler expressions of the same type: a plain constant, or one of its own operands. */
    private static List<Expr> simpler(Expr e) {
        List<Expr> out = new ArrayList<>();
        Lit zero = zero(e.type());
        if (!e.equals(zero)) {
            out.add(zero);
        }
        switch (e) {
            case Program.Await a -> out.add(a.value());
            case Program.Bin b -> {
                if (b.left().type() == b.type()) {
                    out.add(b.left());
                }
                if (b.right().type() == b.type()) {
                    out.add(b.right());
                }
            }
            case Program.Unary u -> {
                if (u.operand().type() == u.type()) {
                    out.add(u.operand());
                }
            }
            case Program.Cond c -> {
                out.add(c.then());
                out.add(c.otherwise());
            }
            case Program.Call c ->
                c.args().stream().filter(a -> a.type() == e.type()).forEach(out::add);
            case Program.Nested n -> out.add(n.body().result());
            default -> {}
        }
        return out;
    }

    private static Lit zero(ValueType t) {
        return new Lit(
                t,
                switch (t) {
                    case INT -> 0;
                    case LONG -> 0L;
                    case DOUBLE -> 0.0;
                    case BOOL -> false;
                    case STR -> "";
                });
    }
}
