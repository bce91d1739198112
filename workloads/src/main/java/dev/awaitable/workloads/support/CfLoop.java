package dev.awaitable.workloads.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;

/**
 * A sequential loop over {@link CompletableFuture}s for the CompletableFuture peers: step
 * {@code i} starts only after step {@code i - 1} completed, and the loop's future completes with
 * the sum of the steps' values (a value that is not a {@link Number}, such as the null of a
 * {@code CompletableFuture<Void>}, counts as 0). Pure composition: nothing blocks.
 *
 * <p>Why not the textbook {@code step(i).thenCompose(v -> loop(i + 1))}: when steps complete
 * synchronously (a cache hit, a buffered item), each {@code thenCompose} runs its function
 * inline and the stack grows by a few frames per step, which overflows at a few thousand
 * steps. This loop runs synchronously completed steps in a {@code while}, and registers a
 * continuation only on a step that is still pending, as an await does. Race (a step completes
 * between {@code isDone()} and {@code whenComplete}): the continuation then runs inline, one
 * level deeper, and goes on looping there: benign, the depth stays bounded by such races.
 */
public final class CfLoop {

    private final int count;
    private final IntFunction<? extends CompletableFuture<?>> step;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private int i;
    private long sum;

    private CfLoop(int count, IntFunction<? extends CompletableFuture<?>> step) {
        this.count = count;
        this.step = step;
    }

    /** Runs {@code step(0)}, then {@code step(1)}, ... {@code step(count - 1)}; completes with the sum of their values. */
    public static CompletableFuture<Long> sum(int count, IntFunction<? extends CompletableFuture<?>> step) {
        CfLoop loop = new CfLoop(count, step);
        loop.loop();
        return loop.result;
    }

    private static long valueOf(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private void loop() {
        try {
            while (i < count) {
                CompletableFuture<?> f = step.apply(i);
                if (!f.isDone()) {
                    f.whenComplete(this::resumed);
                    return;
                }
                sum += valueOf(f.join()); // done: join() returns at once
                i++;
            }
        } catch (CompletionException e) {
            result.completeExceptionally(e.getCause());
            return;
        } catch (Throwable t) {
            result.completeExceptionally(t);
            return;
        }
        result.complete(sum);
    }

    private void resumed(Object value, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(failure);
            return;
        }
        sum += valueOf(value);
        i++;
        loop();
    }
}
