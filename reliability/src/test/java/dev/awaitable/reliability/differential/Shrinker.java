package dev.awaitable.reliability.differential;

import dev.awaitable.reliability.differential.Spec.Body;
import dev.awaitable.reliability.differential.Spec.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Structural shrinking after QuickTheories' own: QuickTheories lowers the generator's draws,
 * which simplifies items but rarely removes them; this pass removes items, replaces composites
 * by their parts and pending work by ready values, greedily, while the program still fails.
 * Every candidate keeps the generator's rules (a whenAny's first body stays its winner).
 */
final class Shrinker {

    private static final int MAX_ATTEMPTS = 400;

    private Shrinker() {}

    /** The smallest program reachable from {@code failing} by the steps below that still satisfies {@code fails}. */
    static Body shrink(Body failing, Predicate<Body> fails) {
        Body current = failing;
        int attempts = 0;
        boolean progress = true;
        while (progress && attempts < MAX_ATTEMPTS) {
            progress = false;
            for (Body candidate : candidates(current)) {
                if (++attempts > MAX_ATTEMPTS) {
                    break;
                }
                if (Spec.size(candidate) < Spec.size(current) || simpler(candidate, current)) {
                    boolean stillFails;
                    try {
                        stillFails = fails.test(candidate);
                    } catch (RuntimeException e) {
                        stillFails = false;
                    }
                    if (stillFails) {
                        current = candidate;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return current;
    }

    /** Same size but fewer pending items (later/delay/yield turned into values). */
    private static boolean simpler(Body a, Body b) {
        return a.toString().length() < b.toString().length();
    }

    static List<Body> candidates(Body b) {
        List<Body> out = new ArrayList<>();
        List<Item> items = b.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.size() > 1) {
                List<Item> without = new ArrayList<>(items);
                without.remove(i);
                out.add(new Body(without));
            }
            for (Item replacement : replacements(items.get(i))) {
                List<Item> with = new ArrayList<>(items);
                with.set(i, replacement);
                out.add(new Body(with));
            }
        }
        return out;
    }

    /** Simpler items to try in place of {@code item}, including the item with a shrunk inside. */
    private static List<Item> replacements(Item item) {
        List<Item> out = new ArrayList<>();
        switch (item) {
            case Spec.Later l -> out.add(new Spec.Const(l.value()));
            case Spec.ValueLater l -> out.add(new Spec.Later(l.value(), l.micros()));
            case Spec.FailLater f -> out.add(new Spec.FailNow(f.message()));
            case Spec.CancelLater c -> out.add(new Spec.CancelNow());
            case Spec.Delay d -> out.add(new Spec.Yield(d.value()));
            case Spec.Yield y -> out.add(new Spec.Const(y.value()));
            case Spec.Call c -> {
                out.add(new Spec.Const(0));
                out.addAll(c.body().items()); // the callee's items, inline
                for (Body smaller : candidates(c.body())) {
                    out.add(new Spec.Call(smaller));
                }
            }
            case Spec.All a -> {
                for (int j = 0; a.bodies().size() > 1 && j < a.bodies().size(); j++) {
                    List<Body> fewer = new ArrayList<>(a.bodies());
                    fewer.remove(j);
                    out.add(new Spec.All(fewer));
                }
                for (Body each : a.bodies()) {
                    out.add(new Spec.Call(each));
                }
                for (int j = 0; j < a.bodies().size(); j++) {
                    for (Body smaller : candidates(a.bodies().get(j))) {
                        List<Body> bodies = new ArrayList<>(a.bodies());
                        bodies.set(j, smaller);
                        out.add(new Spec.All(bodies));
                    }
                }
            }
            case Spec.Any a -> {
                out.add(new Spec.Call(a.bodies().get(0)));
                if (a.neversBefore() > 0) {
                    out.add(new Spec.Any(a.neversBefore() - 1, a.bodies(), a.neversAfter()));
                }
                if (a.neversAfter() > 0) {
                    out.add(new Spec.Any(a.neversBefore(), a.bodies(), a.neversAfter() - 1));
                }
                if (a.bodies().size() > 1) {
                    out.add(new Spec.Any(
                            a.neversBefore(), a.bodies().subList(0, a.bodies().size() - 1), a.neversAfter()));
                }
                boolean winnerOnly = a.bodies().size() == 1;
                for (Body smaller : candidates(a.bodies().get(0))) {
                    if (winnerOnly || Spec.isSynchronous(smaller)) {
                        List<Body> bodies = new ArrayList<>(a.bodies());
                        bodies.set(0, smaller);
                        out.add(new Spec.Any(a.neversBefore(), bodies, a.neversAfter()));
                    }
                }
            }
            case Spec.Timeout t -> {
                if (t.body() != null) {
                    out.add(new Spec.Call(t.body()));
                    for (Body smaller : candidates(t.body())) {
                        out.add(new Spec.Timeout(smaller, t.millis()));
                    }
                }
            }
            case Spec.Try t -> {
                out.addAll(t.inner());
                if (t.inner().size() > 1) {
                    for (int j = 0; j < t.inner().size(); j++) {
                        List<Item> inner = new ArrayList<>(t.inner());
                        inner.remove(j);
                        out.add(new Spec.Try(inner, t.catchType(), t.handlerValue(), t.hasFinally()));
                    }
                }
                for (Body smaller : candidates(new Body(t.inner()))) {
                    out.add(new Spec.Try(smaller.items(), t.catchType(), t.handlerValue(), t.hasFinally()));
                }
            }
            case Spec.Stream s -> {
                if (s.n() > 0) {
                    out.add(new Spec.Stream(
                            s.n() - 1, Math.min(s.take(), s.n()), Math.min(s.failAt(), s.n() - 1), s.yields()));
                }
                if (s.yields()) {
                    out.add(new Spec.Stream(s.n(), s.take(), s.failAt(), false));
                }
            }
            case Spec.Pipe p -> {
                if (p.n() > 0) {
                    out.add(new Spec.Pipe(p.n() - 1, p.capacity(), p.yields()));
                }
                if (p.yields()) {
                    out.add(new Spec.Pipe(p.n(), p.capacity(), false));
                }
            }
            case Spec.Const c -> {
                if (c.value() != 0) {
                    out.add(new Spec.Const(0));
                }
            }
            default -> {}
        }
        return out;
    }
}
