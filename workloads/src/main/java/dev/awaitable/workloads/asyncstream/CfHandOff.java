package dev.awaitable.workloads.asyncstream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The CompletableFuture peer's async iteration: an unbuffered hand-off between a producer loop
 * and a consumer loop, as {@code AsyncStream.generate} is, with a fresh future per step (a
 * {@code CompletableFuture} cannot be reset, as the stream's reusable sources are).
 *
 * <p>Protocol: the consumer's {@link #moveNext()} leaves a pending {@code next} and lets the
 * producer go on (starting it the first time); the producer's {@link #emit} publishes
 * {@code current}, completes {@code next} with true and returns its own pending {@code resume},
 * which the consumer's following {@code moveNext} completes. When the producer's future
 * completes, {@code next} completes with false (or its failure). The two sides alternate, so
 * at most one of {@code next} and {@code resume} is pending; the lock orders the hand-over of
 * the fields, and futures are completed after unlocking because completing runs the other side.
 *
 * @param <T> the item type
 */
final class CfHandOff<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Function<CfHandOff<T>, CompletableFuture<?>> producer;
    private CompletableFuture<Boolean> next;
    private CompletableFuture<Void> resume;
    private boolean started;
    private T current;

    CfHandOff(Function<CfHandOff<T>, CompletableFuture<?>> producer) {
        this.producer = producer;
    }

    /** Consumer: completes with true and the next item in {@link #current()}, or false at the end. */
    CompletableFuture<Boolean> moveNext() {
        CompletableFuture<Boolean> n = new CompletableFuture<>();
        CompletableFuture<Void> r;
        boolean first;
        lock.lock();
        try {
            next = n;
            r = resume;
            resume = null;
            first = !started;
            started = true;
        } finally {
            lock.unlock();
        }
        if (first) {
            producer.apply(this).whenComplete((v, failure) -> finished(failure));
        } else {
            r.complete(null);
        }
        return n;
    }

    T current() {
        lock.lock();
        try {
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** Producer: hands {@code item} over; completes when the consumer asks for the next one. */
    CompletableFuture<Void> emit(T item) {
        CompletableFuture<Void> r = new CompletableFuture<>();
        CompletableFuture<Boolean> n;
        lock.lock();
        try {
            current = item;
            resume = r;
            n = next;
            next = null;
        } finally {
            lock.unlock();
        }
        n.complete(Boolean.TRUE);
        return r;
    }

    private void finished(Throwable failure) {
        CompletableFuture<Boolean> n;
        lock.lock();
        try {
            n = next;
            next = null;
            current = null;
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            n.completeExceptionally(failure);
        } else {
            n.complete(Boolean.FALSE);
        }
    }

    /**
     * Consumer loop: the sum of {@code weigh} over every item. Items that arrive synchronously are
     * taken in a {@code while}; a pending {@code moveNext} continues the loop when it completes.
     */
    CompletableFuture<Long> sum(ToLongFunction<? super T> weigh) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        new Object() {
            long sum;

            void loop() {
                for (; ; ) {
                    CompletableFuture<Boolean> moved = moveNext();
                    if (!moved.isDone()) {
                        moved.whenComplete((more, failure) -> {
                            if (step(more, failure)) {
                                loop();
                            }
                        });
                        return;
                    }
                    Throwable failure = moved.isCompletedExceptionally() ? moved.exceptionNow() : null;
                    if (!step(failure == null ? moved.getNow(null) : null, failure)) {
                        return;
                    }
                }
            }

            /* Takes one moveNext outcome; true to go on. */
            boolean step(Boolean more, Throwable failure) {
                if (failure != null) {
                    result.completeExceptionally(failure);
                    return false;
                }
                if (!more) {
                    result.complete(sum);
                    return false;
                }
                sum += weigh.applyAsLong(current());
                return true;
            }
        }.loop();
        return result;
    }
}
