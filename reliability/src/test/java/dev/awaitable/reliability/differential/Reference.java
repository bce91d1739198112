package dev.awaitable.reliability.differential;

import dev.awaitable.CancellationToken;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.reliability.differential.Spec.Body;
import dev.awaitable.reliability.differential.Spec.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reference interpreter: the same {@link Spec} semantics written a second way, with
 * {@link CompletableFuture} composition and none of Awaitable's machinery. A body is a chain of
 * {@code thenCompose} stages; whenAll is {@code allOf} plus the .NET outcome rule (first fault in
 * input order, else a cancellation, else the values); whenAny's winner is the first body (see
 * {@link Spec.Any}); delays use {@link CompletableFuture#delayedExecutor}; yields hop to the common
 * pool; later items complete on the same completer threads the backends' runs use.
 *
 * <p>Exceptions are the ones the Awaitable API would produce (IllegalStateException from the
 * program, OperationCanceledException "the operation was cancelled", TimeoutException "timed out
 * after ... waiting for Awaitable@...") because outcomes are compared by class and message.
 */
final class Reference {

    private final Run run;

    Reference(Run run) {
        this.run = run;
    }

    /** Runs the program; the future completes with its value or fails with its exception (unwrapped by {@link #unwrap}). */
    CompletableFuture<Integer> start(Body body, String path) {
        int[] sum = {0};
        CompletableFuture<Void> done = items(body.items(), "", path, sum);
        return done.thenApply(x -> {
            run.log(path, "return " + sum[0]);
            return sum[0];
        });
    }

    private CompletableFuture<Void> items(List<Item> items, String prefix, String path, int[] sum) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String label = prefix + i;
            chain = chain.thenCompose(x -> item(item, label, path, sum));
        }
        return chain;
    }

    private CompletableFuture<Void> count(
            CompletableFuture<Integer> value, String kind, String label, String path, int[] sum) {
        return value.thenAccept(v -> {
            sum[0] += v;
            run.log(path, label + ":" + kind + "=" + v);
        });
    }

    private CompletableFuture<Void> item(Item item, String label, String path, int[] sum) {
        String kind = ProgramCompiler.kind(item);
        return switch (item) {
            case Spec.Const c -> count(CompletableFuture.completedFuture(c.value()), kind, label, path, sum);
            case Spec.Later l -> {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                Run.later(l.micros(), () -> f.complete(l.value()));
                yield count(f, kind, label, path, sum);
            }
            case Spec.ValueLater l -> {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                Run.later(l.micros(), () -> f.complete(l.value()));
                yield count(f, kind, label, path, sum);
            }
            case Spec.FailNow fn -> CompletableFuture.failedFuture(new IllegalStateException(fn.message()));
            case Spec.FailLater fl -> {
                CompletableFuture<Void> f = new CompletableFuture<>();
                Run.later(fl.micros(), () -> f.completeExceptionally(new IllegalStateException(fl.message())));
                yield f;
            }
            case Spec.CancelNow c -> CompletableFuture.failedFuture(cancelled());
            case Spec.CancelLater cl -> {
                CompletableFuture<Void> f = new CompletableFuture<>();
                Run.later(cl.micros(), () -> f.completeExceptionally(cancelled()));
                yield f;
            }
            case Spec.Delay d ->
                count(
                        CompletableFuture.supplyAsync(
                                d::value, CompletableFuture.delayedExecutor(d.millis(), TimeUnit.MILLISECONDS)),
                        kind,
                        label,
                        path,
                        sum);
            case Spec.Yield y -> count(CompletableFuture.supplyAsync(y::value), kind, label, path, sum);
            case Spec.Throw t -> CompletableFuture.failedFuture(new IllegalStateException(t.message()));
            case Spec.Call c -> count(start(c.body(), path + "/" + label), kind, label, path, sum);
            case Spec.All a -> count(all(a, label, path), kind, label, path, sum);
            case Spec.Any a -> {
                List<CompletableFuture<Integer>> started = new ArrayList<>();
                for (int j = 0; j < a.bodies().size(); j++) {
                    started.add(start(a.bodies().get(j), path + "/" + label + "#" + j));
                }
                yield count(started.get(0), "any", label, path, sum);
            }
            case Spec.Timeout t ->
                t.body() == null
                        ? CompletableFuture.failedFuture(new TimeoutException(
                                "timed out after " + Duration.ofMillis(t.millis()) + " waiting for Awaitable@*"))
                        : count(start(t.body(), path + "/" + label), kind, label, path, sum);
            case Spec.Try t -> attempt(t, label, path, sum);
            case Spec.Stream s -> stream(s, label, path, sum);
            case Spec.Pipe p -> pipe(p, label, path, sum);
        };
    }

    private static OperationCanceledException cancelled() {
        return new OperationCanceledException(CancellationToken.NONE);
    }

    /** whenAll: every body started first; then the first fault in input order, else the first cancellation, else the sum. */
    private CompletableFuture<Integer> all(Spec.All a, String label, String path) {
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        for (int j = 0; j < a.bodies().size(); j++) {
            started.add(start(a.bodies().get(j), path + "/" + label + "#" + j));
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                .handle((x, ignored) -> {
                    Throwable fault = null;
                    Throwable cancel = null;
                    int total = 0;
                    for (CompletableFuture<Integer> f : started) {
                        Throwable e = failure(f);
                        if (e == null) {
                            total += f.join();
                        } else if (e instanceof CancellationException) {
                            cancel = cancel == null ? e : cancel;
                        } else {
                            fault = fault == null ? e : fault;
                        }
                    }
                    if (fault != null) {
                        throw new CompletionException(fault);
                    }
                    if (cancel != null) {
                        throw new CompletionException(cancel);
                    }
                    return total;
                });
    }

    private CompletableFuture<Void> attempt(Spec.Try t, String label, String path, int[] sum) {
        run.log(path, label + ":try");
        CompletableFuture<Void> body = items(t.inner(), label + ".", path, sum);
        CompletableFuture<Void> handled = body.handle((x, e) -> {
            Throwable cause = e == null ? null : unwrap(e);
            if (cause != null && t.catchType() != null && t.catchType().isInstance(cause)) {
                run.log(path, label + ":catch " + cause.getClass().getSimpleName());
                sum[0] += t.handlerValue();
                return null;
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return null;
        });
        if (!t.hasFinally() && t.catchType() != null) {
            return handled;
        }
        return handled.whenComplete((x, e) -> run.log(path, label + ":finally"));
    }

    /**
     * A generated stream of 1..n consumed with early exit, as a model: the consumer asks for item
     * k only while it has taken fewer than {@code take}; the producer logs "emit k" as it offers
     * item k, throws instead before item {@code failAt}, and logs "finally" when it ends or is
     * closed, provided it started at all (a stream closed before the first moveNext never starts).
     */
    private CompletableFuture<Void> stream(Spec.Stream s, String label, String path, int[] sum) {
        String producer = path + "/" + label + "~producer";
        int offered = Math.min(s.take(), s.n());
        boolean fails = s.failAt() > 0 && s.failAt() <= offered;
        int delivered = fails ? s.failAt() - 1 : offered;
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {}); // the hand-offs are asynchronous
        return f.thenCompose(x -> {
            for (int k = 1; k <= delivered; k++) {
                run.log(producer, "emit " + k);
                sum[0] += k;
                run.log(path, label + ":item=" + k);
            }
            if (s.take() > 0) {
                run.log(producer, "finally");
            }
            run.log(path, label + ":closed");
            return fails
                    ? CompletableFuture.failedFuture(
                            new IllegalStateException("producer failed before item " + s.failAt()))
                    : CompletableFuture.completedFuture(null);
        });
    }

    /** A writer and a reader over a channel, as a model: every item arrives once, in order. */
    private CompletableFuture<Void> pipe(Spec.Pipe p, String label, String path, int[] sum) {
        String writer = path + "/" + label + "~writer";
        return CompletableFuture.runAsync(() -> {}).thenRun(() -> {
            for (int k = 1; k <= p.n(); k++) {
                run.log(writer, "wrote " + k);
                sum[0] += k;
                run.log(path, label + ":read=" + k);
            }
            run.log(path, label + ":joined");
        });
    }

    /** The failure of a completed future, unwrapped; null if it succeeded. */
    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return unwrap(e);
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
