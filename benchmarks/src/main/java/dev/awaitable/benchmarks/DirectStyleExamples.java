package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The methods of {@link HandWrittenExamples}, written once in direct style as their Javadoc shows
 * them: woven at build time into machines on the statemachine backend, run as written on loom.
 */
final class DirectStyleExamples {
    private DirectStyleExamples() {}

    /** Two sequential awaits; {@code n} lives across the second. */
    static Awaitable<String> greet(Awaitable<String> name, Awaitable<Integer> age) {
        return Async.run(() -> {
            String n = Async.await(name);
            int a = Async.await(age);
            return n + " is " + a;
        });
    }

    /** An await inside a loop; the counter and the running total live across it. */
    static Awaitable<Long> sum(int count, IntFunction<Awaitable<Integer>> fetch) {
        return Async.run(() -> {
            long total = 0;
            for (int i = 0; i < count; i++) {
                total += Async.await(fetch.apply(i));
            }
            return total;
        });
    }

    /** try/catch/finally across an await. */
    static Awaitable<String> read(Awaitable<String> source, List<String> log) {
        return Async.run(() -> {
            log.add("open");
            try {
                return "read " + Async.await(source, IOException.class);
            } catch (IOException e) {
                return "failed: " + e.getMessage();
            } finally {
                log.add("close");
            }
        });
    }

    /** A whenAll fan-out: every child started before the one await. */
    static Awaitable<Integer> total(int n, IntFunction<Awaitable<Integer>> child) {
        return Async.run(() -> {
            List<Awaitable<Integer>> children = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                children.add(child.apply(i));
            }
            int sum = 0;
            for (int v : Async.await(Awaitables.whenAll(children))) {
                sum += v;
            }
            return sum;
        });
    }
}
