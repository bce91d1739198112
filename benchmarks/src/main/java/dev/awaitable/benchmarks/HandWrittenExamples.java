package dev.awaitable.benchmarks;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The hand-written machines of the statemachine backend's examples (TwoAwaits, LoopWithAwait,
 * TryCatchFinally, FanOut in its tests), copied here so the benchmarks can run them beside the same
 * methods in direct style ({@link DirectStyleExamples}, woven at build time). Each is what the C#
 * compiler would generate for its method.
 */
final class HandWrittenExamples {
    private HandWrittenExamples() {}

    /* ---------------- TwoAwaits ---------------- */

    static Awaitable<String> greet(Awaitable<String> name, Awaitable<Integer> age) {
        TwoAwaitsMachine m = new TwoAwaitsMachine(name, age);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    private static final class TwoAwaitsMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<String> builder = AsyncMethodBuilder.create();
        final Awaitable<String> name;
        final Awaitable<Integer> age;
        int state;
        String n; // hoisted: lives across the second await

        TwoAwaitsMachine(Awaitable<String> name, Awaitable<Integer> age) {
            this.name = name;
            this.age = age;
        }

        @Override
        public void moveNext() {
            try {
                switch (state) {
                    case 0 -> {
                        Awaitable<String> aw = name.getAwaiter(); // C#: TaskAwaiter<T>
                        if (!aw.isCompleted()) {
                            state = 1;
                            builder.awaitOnCompleted(aw, this);
                            return;
                        }
                        afterName();
                    }
                    case 1 -> afterName();
                    case 2 -> afterAge();
                    default -> throw new IllegalStateException("state " + state);
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }

        private void afterName() {
            n = name.getAwaiter().getResult();
            Awaitable<Integer> aw = age.getAwaiter(); // C#: TaskAwaiter<T>
            if (!aw.isCompleted()) {
                state = 2;
                builder.awaitOnCompleted(aw, this);
                return;
            }
            afterAge();
        }

        private void afterAge() {
            int a = age.getAwaiter().getResult();
            state = -1;
            builder.setResult(n + " is " + a);
        }
    }

    /* ---------------- LoopWithAwait ---------------- */

    static Awaitable<Long> sum(int count, IntFunction<Awaitable<Integer>> fetch) {
        LoopWithAwaitMachine m = new LoopWithAwaitMachine(count, fetch);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    private static final class LoopWithAwaitMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
        final int count;
        final IntFunction<Awaitable<Integer>> fetch;
        int state;
        int i; // hoisted
        long total; // hoisted
        Awaiter<Integer> awaiter; // hoisted: the pending await

        LoopWithAwaitMachine(int count, IntFunction<Awaitable<Integer>> fetch) {
            this.count = count;
            this.fetch = fetch;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 1) {
                    total += awaiter.getResult();
                    awaiter = null;
                    i++;
                } else if (state != 0) {
                    throw new IllegalStateException("state " + state);
                }
                for (; i < count; i++) {
                    Awaiter<Integer> aw = fetch.apply(i).getAwaiter();
                    if (!aw.isCompleted()) {
                        awaiter = aw;
                        state = 1;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                    total += aw.getResult();
                }
                state = -1;
                builder.setResult(total);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /* ---------------- TryCatchFinally ---------------- */

    static Awaitable<String> read(Awaitable<String> source, List<String> log) {
        TryCatchFinallyMachine m = new TryCatchFinallyMachine(source, log);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    private static final class TryCatchFinallyMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<String> builder = AsyncMethodBuilder.create();
        final Awaitable<String> source;
        final List<String> log;
        int state;

        TryCatchFinallyMachine(Awaitable<String> source, List<String> log) {
            this.source = source;
            this.log = log;
        }

        @Override
        public void moveNext() {
            String result;
            try {
                if (state == 0) {
                    log.add("open");
                }
                boolean inProtectedRegion = true;
                try {
                    if (state == 0) {
                        Awaitable<String> aw = source.getAwaiter(); // C#: TaskAwaiter<T>
                        if (!aw.isCompleted()) {
                            state = 1;
                            inProtectedRegion = false; // suspending is not leaving the try
                            builder.awaitOnCompleted(aw, this);
                            return;
                        }
                    }
                    result = "read " + source.getAwaiter().getResult();
                } catch (Exception e) {
                    if (!(e instanceof IOException io)) {
                        throw e;
                    }
                    result = "failed: " + io.getMessage();
                } finally {
                    if (inProtectedRegion) {
                        log.add("close");
                    }
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
                return;
            }
            state = -1;
            builder.setResult(result);
        }
    }

    /* ---------------- FanOut ---------------- */

    static Awaitable<Integer> total(int n, IntFunction<Awaitable<Integer>> child) {
        FanOutMachine m = new FanOutMachine(n, child);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    private static final class FanOutMachine implements AsyncStateMachine {
        final AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        final int n;
        final IntFunction<Awaitable<Integer>> child;
        int state;
        Awaitable<List<Integer>> all; // hoisted

        FanOutMachine(int n, IntFunction<Awaitable<Integer>> child) {
            this.n = n;
            this.child = child;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    List<Awaitable<Integer>> children = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        children.add(child.apply(i));
                    }
                    all = Awaitables.whenAll(children);
                    Awaitable<List<Integer>> aw = all.getAwaiter(); // C#: TaskAwaiter<T>
                    if (!aw.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                } else if (state != 1) {
                    throw new IllegalStateException("state " + state);
                }
                int sum = 0;
                for (int v : all.getAwaiter().getResult()) {
                    sum += v;
                }
                state = -1;
                all = null;
                builder.setResult(sum);
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }
}
