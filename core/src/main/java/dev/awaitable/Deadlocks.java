package dev.awaitable;

import dev.awaitable.jfr.DeadlockDetectedEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detects the classic {@code .Result} deadlock before it happens.
 *
 * <p>A join on the thread of a {@link SingleThreadContext} blocks the only thread that can run
 * the context's posted work. If the joined awaitable (transitively, through what it awaits)
 * has a pending step that must resume on that same context, the join can never return. The
 * graph is given by the backends: an async body reports the awaitable it is suspended on
 * ({@link Awaitable#forEachDependency}) and the context it must resume on
 * ({@link Awaitable#resumesOn}). The check runs when the join starts, and again whenever
 * another thread posts to the blocked loop (the moment a resumption needs it).
 *
 * <p>Scope: dependencies the backends know about (awaits in async bodies, combinators). Work
 * posted by hand with {@code context.post(...)} that would complete the awaitable is not an
 * await and is not tracked.
 */
final class Deadlocks {
    /** Bound on the awaitables visited per check, so a huge fan-out cannot stall a join. */
    private static final int MAX_VISITED = 10_000;

    private Deadlocks() {}

    /** The single-thread context whose own (platform) thread is calling, or null. */
    static SingleThreadContext loopOfCurrentThread() {
        return Thread.currentThread() instanceof SingleThreadContext.LoopThread t ? t.context : null;
    }

    static void checkJoin(Awaitable<?> joined, SingleThreadContext context) {
        DeadlockException d = find(joined, context);
        if (d != null) {
            throw d;
        }
    }

    /** A DeadlockException if {@code joined} waits, transitively, on a step that must resume on {@code context}. */
    static DeadlockException find(Awaitable<?> joined, SingleThreadContext context) {
        IdentityHashMap<Awaitable<?>, Awaitable<?>> parent = new IdentityHashMap<>();
        ArrayDeque<Awaitable<?>> work = new ArrayDeque<>();
        parent.put(joined, joined);
        work.add(joined);
        while (!work.isEmpty() && parent.size() < MAX_VISITED) {
            Awaitable<?> x = work.poll();
            if (x.isCompleted()) {
                continue;
            }
            if (x.resumesOn() == context) {
                return report(joined, context, chain(parent, x));
            }
            x.forEachDependency(d -> {
                if (d != null && !parent.containsKey(d)) {
                    parent.put(d, x);
                    work.add(d);
                }
            });
        }
        return null;
    }

    private static String chain(Map<Awaitable<?>, Awaitable<?>> parent, Awaitable<?> end) {
        List<String> steps = new ArrayList<>();
        Awaitable<?> x = end;
        for (; ; ) {
            steps.add(0, x.describe());
            Awaitable<?> p = parent.get(x);
            if (p == x) {
                break;
            }
            x = p;
        }
        return String.join(" -> ", steps);
    }

    private static DeadlockException report(Awaitable<?> joined, SingleThreadContext context, String chain) {
        DeadlockDetectedEvent e = new DeadlockDetectedEvent();
        if (e.isEnabled()) {
            e.context = context.name();
            e.awaitable = joined.describe();
            e.chain = chain;
            e.commit();
        }
        return new DeadlockException(
                "deadlock: join() on the thread of context '" + context.name()
                        + "' waits for work that must resume on that same thread (" + chain
                        + "); await instead of join(), or configureAwait(false) in the awaited code",
                context,
                joined);
    }
}
