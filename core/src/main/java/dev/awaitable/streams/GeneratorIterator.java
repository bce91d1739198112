package dev.awaitable.streams;

import dev.awaitable.Awaitable;
import dev.awaitable.CancellationToken;
import dev.awaitable.CompletionSource;
import dev.awaitable.ManualResetSourceCore;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.internal.ReusableSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The iterator of {@link AsyncStream#generate}: a hand-off between one consumer and one
 * producer, with no buffer, as a C# async iterator behaves.
 *
 * <p>States (guarded by {@code lock}):
 * <pre>
 *   NEW ──moveNext──▶ RUNNING ──emit──▶ YIELDED ──moveNext──▶ RUNNING ... ──producer returns──▶ DONE
 *   YIELDED ──closeAsync──▶ CLOSING (producer resumed with cancellation) ──producer returns──▶ DONE
 *   NEW ──closeAsync──▶ DONE (the producer never starts)
 * </pre>
 * In RUNNING the producer runs and the consumer's {@code moveNext} is pending; in YIELDED the
 * producer is suspended at {@code emit} and the consumer holds {@code current}. Each side's
 * pending operation is a reusable source ({@code next} for the consumer, {@code resume} for
 * the producer), so an item costs no allocation for the hand-off.
 *
 * <p>Transitions happen under the lock; completing the other side's source happens after
 * unlocking, because it may run the other side inline.
 *
 * <p>Race (a reset while the completer returns): once the producer's {@code next.setResult} is
 * visible, the consumer may take the item, call {@code moveNext} again and so {@code reset()}
 * {@code next} and register on its next operation, while the producer is still returning from
 * {@code setResult}. Safe because a {@link ManualResetSourceCore} completion is one atomic step
 * after which the completer never touches the source; the same holds for {@code resume}. Invariant: at most one of the two sides
 * runs at a time (they alternate), except that {@code closeAsync} may be called while RUNNING
 * (the producer then sees the close at its next {@code emit}). The producer's cleanup runs
 * exactly once: it is started at most once and ends once.
 */
final class GeneratorIterator<T> implements AsyncIterator<T>, Emitter<T> {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int YIELDED = 2;
    private static final int CLOSING = 3;
    private static final int DONE = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final AsyncGenerator<T> generator;
    private final CancellationToken token;
    private final ReusableSource<Boolean> next = new ReusableSource<>();
    private final ReusableSource<Void> resume = new ReusableSource<>();
    private final CompletionSource<Void> closed = new CompletionSource<>();
    private int state = NEW;
    private boolean closeRequested;
    private T current;
    private Awaitable<Void> producer;

    GeneratorIterator(AsyncGenerator<T> generator, CancellationToken token) {
        this.generator = generator;
        this.token = token;
    }

    @Override
    public ValueAwaitable<Boolean> moveNext() {
        ValueAwaitable<Boolean> result;
        int was;
        lock.lock();
        try {
            was = state;
            switch (was) {
                case DONE, CLOSING -> {
                    return ValueAwaitable.of(false);
                }
                case NEW, YIELDED -> {
                    result = next.next();
                    state = RUNNING;
                }
                case RUNNING ->
                    throw new IllegalStateException("moveNext() while the previous moveNext() is still pending");
                default -> throw new IllegalStateException("state " + was);
            }
        } finally {
            lock.unlock();
        }
        if (was == NEW) {
            start();
        } else {
            resume.setResult(null);
        }
        return result;
    }

    private void start() {
        Awaitable<Void> p;
        try {
            p = generator.produce(this, token);
            if (p == null) {
                p = Awaitable.failed(new NullPointerException("AsyncGenerator.produce returned null"));
            }
        } catch (Throwable t) {
            p = Awaitable.failed(t);
        }
        producer = p;
        p.unsafeOnCompleted(this::producerDone);
    }

    @Override
    public ValueAwaitable<Void> emit(T item) {
        ValueAwaitable<Void> resumed;
        lock.lock();
        try {
            if (closeRequested) {
                // The consumer closed the iterator: unwind the producer. Its token need not be
                // cancelled (a close is not a cancellation of the token), and cancelled(token)
                // accepts only a cancelled one.
                return ValueAwaitable.from(
                        token.isCancellationRequested() ? Awaitable.cancelled(token) : Awaitable.cancelled());
            }
            if (state != RUNNING) {
                throw new IllegalStateException("emit() before the previous emit() was awaited to completion");
            }
            current = item;
            state = YIELDED;
            resumed = resume.next();
        } finally {
            lock.unlock();
        }
        next.setResult(Boolean.TRUE);
        return resumed;
    }

    private void producerDone() {
        int was;
        lock.lock();
        try {
            was = state;
            state = DONE;
            current = null;
        } finally {
            lock.unlock();
        }
        Awaitable<Void> p = producer;
        Throwable failure = p.isFaulted() ? p.exception() : null;
        if (was == RUNNING) {
            if (failure != null) {
                next.setException(failure);
            } else {
                next.setResult(Boolean.FALSE);
            }
        }
        if (failure != null && was == CLOSING) {
            closed.trySetException(failure);
        } else {
            closed.trySetResult(null);
        }
    }

    /**
     * No lock: {@code current} is written before {@code next} completes and read after the
     * consumer saw that completion (the source's atomic swap and its read), so it is visible.
     */
    @Override
    public T current() {
        return current;
    }

    @Override
    public Awaitable<Void> closeAsync() {
        int was;
        lock.lock();
        try {
            if (closeRequested) {
                return closed.awaitable();
            }
            closeRequested = true;
            was = state;
            if (was == NEW || was == DONE) {
                state = DONE;
            } else if (was == YIELDED) {
                state = CLOSING;
            }
        } finally {
            lock.unlock();
        }
        switch (was) {
            case NEW, DONE -> closed.trySetResult(null);
            case YIELDED ->
                resume.setException(new OperationCanceledException("async stream closed by its consumer", token));
            case RUNNING -> {} // the producer sees closeRequested at its next emit, or finishes
            default -> throw new IllegalStateException("state " + was);
        }
        return closed.awaitable();
    }
}
