package dev.awaitable.reliability.differential;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.internal.ReusableSource;
import dev.awaitable.reliability.differential.Spec.Body;
import dev.awaitable.reliability.differential.Spec.Item;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.streams.Emitter;
import dev.awaitable.testkit.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Spec} into the core test kit's {@link Program} form, which each backend runs its
 * own way: the statemachine backend as a {@link dev.awaitable.testkit.ProgramMachine} driven by an
 * AsyncMethodBuilder, the loom backend as a direct-style body ({@link dev.awaitable.testkit.DirectInterpreter}
 * inside {@code Async.run}). One body becomes one program; calls, whenAll/whenAny branches, timed
 * bodies and stream producers start further programs through the same {@link Starter}, so every
 * async method in the tree is a real async method of the backend under test.
 *
 * <p>Every step is logged to the {@link Run} under its body's path; the frame local {@code sum}
 * accumulates item values as they complete (so a catch handler adds to what the try block had
 * added before it threw, as Java code would).
 */
final class ProgramCompiler {

    /** Starts a program as an async method of the backend under test. */
    interface Starter {
        <T> Awaitable<T> start(Program<T> program);
    }

    private final Run run;
    private final Starter starter;

    ProgramCompiler(Run run, Starter starter) {
        this.run = run;
        this.starter = starter;
    }

    Program<Integer> compile(Body body, String path) {
        Program.Builder<Integer> b = Program.builder(path);
        b.run(f -> f.set("sum", 0));
        items(b, body.items(), "", path);
        b.run(f -> run.log(path, "return " + f.getInt("sum")));
        return b.returns(f -> f.getInt("sum"));
    }

    private Awaitable<Integer> start(Body body, String path) {
        return starter.start(compile(body, path));
    }

    private void items(Program.Block blk, List<Item> items, String prefix, String path) {
        for (int i = 0; i < items.size(); i++) {
            item(blk, items.get(i), prefix + i, path);
        }
    }

    private void item(Program.Block blk, Item item, String label, String path) {
        switch (item) {
            case Spec.Throw t -> blk.raise(f -> new IllegalStateException(t.message()));
            case Spec.Try t -> tryItem(blk, t, label, path);
            case Spec.Stream s -> streamItem(blk, s, label, path);
            case Spec.Pipe p -> pipeItem(blk, p, label, path);
            case Spec.Any a ->
                blk.await(f -> anyOf(a, label, path), "winner")
                        .await(f -> f.<Awaitable<Integer>>get("winner"))
                        .run(f -> count(f, path, label, "any", (Integer) f.last()));
            default ->
                blk.await(f -> target(item, label, path))
                        .run(f -> count(f, path, label, kind(item), valueOf(item, f.last())));
        }
    }

    private void count(dev.awaitable.testkit.Frame f, String path, String label, String kind, int value) {
        f.add("sum", value);
        run.log(path, label + ":" + kind + "=" + value);
    }

    static String kind(Item item) {
        return switch (item) {
            case Spec.Const c -> "value";
            case Spec.Later l -> "later";
            case Spec.ValueLater l -> "valueLater";
            case Spec.Delay d -> "delay";
            case Spec.Yield y -> "yield";
            case Spec.Call c -> "call";
            case Spec.All a -> "all";
            case Spec.Timeout t -> "timeout";
            default -> item.getClass().getSimpleName();
        };
    }

    /** The value an awaited item counts: fixed for delays and yields, else what the await returned. */
    @SuppressWarnings("unchecked")
    private static int valueOf(Item item, Object awaited) {
        return switch (item) {
            case Spec.Delay d -> d.value();
            case Spec.Yield y -> y.value();
            case Spec.All a ->
                ((List<Integer>) awaited).stream().mapToInt(Integer::intValue).sum();
            default -> (Integer) awaited;
        };
    }

    private AwaitableLike<?> target(Item item, String label, String path) {
        return switch (item) {
            case Spec.Const c -> Awaitable.completed(c.value());
            case Spec.Later l -> {
                CompletionSource<Integer> s = new CompletionSource<>();
                Run.later(l.micros(), () -> s.setResult(l.value()));
                yield s.awaitable();
            }
            case Spec.ValueLater l -> {
                ReusableSource<Integer> s = new ReusableSource<>();
                dev.awaitable.ValueAwaitable<Integer> v = s.next();
                Run.later(l.micros(), () -> s.setResult(l.value()));
                yield v;
            }
            case Spec.FailNow fn -> Awaitable.failed(new IllegalStateException(fn.message()));
            case Spec.FailLater fl -> {
                CompletionSource<Integer> s = new CompletionSource<>();
                Run.later(fl.micros(), () -> s.setException(new IllegalStateException(fl.message())));
                yield s.awaitable();
            }
            case Spec.CancelNow c -> Awaitable.cancelled();
            case Spec.CancelLater cl -> {
                CancellationTokenSource cts = new CancellationTokenSource();
                Awaitable<Void> d = Awaitables.delay(Duration.ofMinutes(10), cts.token());
                Run.later(cl.micros(), cts::cancel);
                yield d;
            }
            case Spec.Delay d -> Awaitables.delay(Duration.ofMillis(d.millis()));
            case Spec.Yield y -> Awaitables.yieldNow();
            case Spec.Call c -> start(c.body(), path + "/" + label);
            case Spec.All a -> {
                List<Awaitable<Integer>> started = new ArrayList<>();
                for (int j = 0; j < a.bodies().size(); j++) {
                    started.add(start(a.bodies().get(j), path + "/" + label + "#" + j));
                }
                yield Awaitables.whenAll(started);
            }
            case Spec.Timeout t ->
                t.body() == null
                        ? new CompletionSource<Integer>().awaitable().withTimeout(Duration.ofMillis(t.millis()))
                        : start(t.body(), path + "/" + label).withTimeout(Duration.ofMillis(t.millis()));
            default -> throw new IllegalArgumentException("not an awaited item: " + item);
        };
    }

    private Awaitable<Awaitable<Integer>> anyOf(Spec.Any a, String label, String path) {
        List<Awaitable<Integer>> inputs = new ArrayList<>();
        for (int j = 0; j < a.neversBefore(); j++) {
            inputs.add(new CompletionSource<Integer>().awaitable());
        }
        for (int j = 0; j < a.bodies().size(); j++) {
            inputs.add(start(a.bodies().get(j), path + "/" + label + "#" + j));
        }
        for (int j = 0; j < a.neversAfter(); j++) {
            inputs.add(new CompletionSource<Integer>().awaitable());
        }
        return Awaitables.whenAny(inputs);
    }

    private void tryItem(Program.Block blk, Spec.Try t, String label, String path) {
        blk.run(f -> run.log(path, label + ":try"));
        Program.Block inner = Program.block();
        items(inner, t.inner(), label + ".", path);
        Program.Block handler = Program.block().run(f -> {
            run.log(path, label + ":catch " + f.caught().getClass().getSimpleName());
            f.add("sum", t.handlerValue());
        });
        Program.Block fin = Program.block().run(f -> run.log(path, label + ":finally"));
        if (t.catchType() == null) {
            blk.tryFinally(inner, fin);
        } else if (t.hasFinally()) {
            blk.tryCatchFinally(inner, t.catchType(), handler, fin);
        } else {
            blk.tryCatch(inner, t.catchType(), handler);
        }
    }

    private void streamItem(Program.Block blk, Spec.Stream s, String label, String path) {
        String it = label + ".it";
        String more = label + ".more";
        String taken = label + ".taken";
        String producerPath = path + "/" + label + "~producer";
        blk.run(f -> {
            f.set(it, stream(s, producerPath).iterator());
            f.set(taken, 0);
            f.set(more, true);
        });
        Program.Block step = Program.block()
                .await(
                        f -> f.getInt(taken) < s.take()
                                ? f.<AsyncIterator<Integer>>get(it).moveNext()
                                : Awaitable.completed(Boolean.FALSE),
                        more)
                .run(f -> {
                    if (f.<Boolean>get(more)) {
                        int x = f.<AsyncIterator<Integer>>get(it).current();
                        f.add(taken, 1);
                        f.add("sum", x);
                        run.log(path, label + ":item=" + x);
                    }
                });
        blk.tryFinally(
                Program.block().loop(f -> f.<Boolean>get(more), step),
                Program.block()
                        .await(f -> f.<AsyncIterator<Integer>>get(it).closeAsync())
                        .run(f -> run.log(path, label + ":closed")));
    }

    private void pipeItem(Program.Block blk, Spec.Pipe p, String label, String path) {
        String ch = label + ".ch";
        String writer = label + ".writer";
        String k = label + ".k";
        String writerPath = path + "/" + label + "~writer";
        blk.run(f -> {
            dev.awaitable.channels.Channel<Integer> channel = dev.awaitable.channels.Channel.bounded(p.capacity());
            f.set(ch, channel);
            f.set(k, 0);
            Program.Block each = Program.block();
            if (p.yields()) {
                each.await(w -> Awaitables.yieldNow());
            }
            each.run(w -> w.add("i", 1))
                    .await(w -> channel.writer().writeAsync(w.getInt("i")))
                    .run(w -> run.log(writerPath, "wrote " + w.getInt("i")));
            f.set(
                    writer,
                    starter.start(Program.<Void>builder(writerPath)
                            .run(w -> w.set("i", 0))
                            .loop(w -> w.getInt("i") < p.n(), each)
                            .returnsNothing()));
        });
        blk.loop(
                f -> f.getInt(k) < p.n(),
                Program.block()
                        .await(
                                f -> f.<dev.awaitable.channels.Channel<Integer>>get(ch)
                                        .reader()
                                        .readAsync(),
                                label + ".x")
                        .run(f -> {
                            int x = f.getInt(label + ".x");
                            f.add(k, 1);
                            f.add("sum", x);
                            run.log(path, label + ":read=" + x);
                        }));
        blk.await(f -> f.<Awaitable<Void>>get(writer)).run(f -> run.log(path, label + ":joined"));
    }

    /** 1..n from a producer written as a program: an async iterator method of the backend under test. */
    private AsyncStream<Integer> stream(Spec.Stream s, String producerPath) {
        return AsyncStream.generate((Emitter<Integer> out, dev.awaitable.CancellationToken token) -> {
            Program.Block each = Program.block();
            if (s.yields()) {
                each.await(f -> Awaitables.yieldNow());
            }
            each.run(f -> {
                        int k = f.add("i", 1);
                        if (k == s.failAt()) {
                            throw new IllegalStateException("producer failed before item " + k);
                        }
                        run.log(producerPath, "emit " + k);
                    })
                    .await(f -> out.emit(f.getInt("i")));
            Program<Void> producer = Program.<Void>builder(producerPath)
                    .run(f -> f.set("i", 0))
                    .tryFinally(
                            Program.block().loop(f -> f.getInt("i") < s.n(), each),
                            Program.block().run(f -> run.log(producerPath, "finally")))
                    .returnsNothing();
            return starter.start(producer);
        });
    }
}
