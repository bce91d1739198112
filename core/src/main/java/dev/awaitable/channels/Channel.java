package dev.awaitable.channels;

import dev.awaitable.Awaitable;
import dev.awaitable.CancellationRegistration;
import dev.awaitable.CancellationToken;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.internal.Diagnostics;
import dev.awaitable.internal.ReusableSource;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A queue you await on both ends (.NET's {@code System.Threading.Channels.Channel<T>}):
 * {@link #unbounded()}, or {@link #bounded(int, BoundedChannelFullMode)} with a full mode. Write
 * through {@link #writer()}, read through {@link #reader()}; any number of each. Items must not
 * be null.
 *
 * <p>Where we differ from .NET: continuations of a channel's operations (a waiting read, a
 * waitToRead, {@link ChannelReader#completion()}) run synchronously on the thread that wrote or
 * completed, which is .NET's behaviour with {@code AllowSynchronousContinuations = true}; .NET's
 * default queues them. The hand-off without a hop through a scheduler is the cheap path; a
 * reader that must not run on the writer's thread awaits with
 * {@code configureAwait(ConfigureAwaitOptions.FORCE_YIELDING)}.
 *
 * @param <T> the item type
 */
public final class Channel<T> {

    /*
     * Implementation notes.
     *
     * One lock guards: `items` (the buffer), four queues of pending operations, and
     * `doneWriting`. Pending operations are Op awaitables completed after the lock is released,
     * because completing one runs its awaiter's continuation inline.
     *
     *   blockedReaders   readAsync() waiting for an item
     *   blockedWriters   writeAsync() waiting for room (WAIT mode), each holding its item
     *   waitingReaders   waitToReadAsync() waiting for an item or completion
     *   waitingWriters   waitToWriteAsync() waiting for room or completion
     *
     * Invariants (under the lock): blockedReaders non-empty => items empty; blockedWriters
     * non-empty => items full and mode WAIT; once doneWriting every queue but `items`
     * is empty and stays empty.
     *
     * States: OPEN (!doneWriting) -> COMPLETING (doneWriting, items left) -> DONE
     * (doneWriting, items empty: `completion` completes). Completion happens exactly once:
     * on tryComplete if the buffer is empty, else on the read that empties it.
     *
     * Race (cancellation vs hand-off): an Op is completed by whoever removes it from its queue
     * under the lock: a writer or reader that polls it, or the token callback that removes it.
     * Only one can remove it, so it is completed once and an item is never lost to a cancelled
     * reader.
     */

    private final int capacity;
    private final BoundedChannelFullMode mode;
    private final Consumer<? super T> itemDropped;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<Op<T>> blockedReaders = new ArrayDeque<>();
    private final ArrayDeque<Op<Boolean>> blockedWriters = new ArrayDeque<>();
    private final ArrayDeque<Op<Boolean>> waitingReaders = new ArrayDeque<>();
    private final ArrayDeque<Op<Boolean>> waitingWriters = new ArrayDeque<>();
    private final CompletionSource<Void> completion = new CompletionSource<>();
    /** Set once by the completion; guarded by the lock. */
    private boolean doneWriting;
    /** The error the writer completed with, or null; guarded by the lock, set with doneWriting. */
    private Throwable completionError;

    private final Reader reader = new Reader();
    private final Writer writer = new Writer();

    private Channel(int capacity, BoundedChannelFullMode mode, Consumer<? super T> itemDropped) {
        this.capacity = capacity;
        this.mode = mode;
        this.itemDropped = itemDropped;
    }

    /** A channel without a capacity limit: writes always succeed at once until completed. */
    public static <T> Channel<T> unbounded() {
        return new Channel<>(Integer.MAX_VALUE, BoundedChannelFullMode.WAIT, null);
    }

    /** A channel holding at most {@code capacity} items; writers wait for room. */
    public static <T> Channel<T> bounded(int capacity) {
        return bounded(capacity, BoundedChannelFullMode.WAIT, null);
    }

    public static <T> Channel<T> bounded(int capacity, BoundedChannelFullMode mode) {
        return bounded(capacity, mode, null);
    }

    /**
     * A channel holding at most {@code capacity} items, full as {@code mode} says.
     *
     * @param itemDropped called (outside the channel's lock) with each item a DROP_* mode drops
     */
    public static <T> Channel<T> bounded(int capacity, BoundedChannelFullMode mode, Consumer<? super T> itemDropped) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        return new Channel<>(capacity, Objects.requireNonNull(mode, "mode"), itemDropped);
    }

    public ChannelReader<T> reader() {
        return reader;
    }

    public ChannelWriter<T> writer() {
        return writer;
    }

    /** The capacity, or {@link Integer#MAX_VALUE} when unbounded. */
    public int capacity() {
        return capacity;
    }

    public BoundedChannelFullMode fullMode() {
        return mode;
    }

    /* ---------------- Writing ---------------- */

    /** @param token null for tryWrite (never waits), else the writeAsync token */
    private Object write(T item, CancellationToken token) {
        Objects.requireNonNull(item, "channel items must not be null");
        Op<T> handTo;
        ArrayDeque<Op<Boolean>> wake = null;
        T dropped = null;
        boolean kept;
        Op<Boolean> blocked = null;
        lock.lock();
        try {
            if (doneWriting) {
                return null;
            }
            handTo = blockedReaders.pollFirst();
            if (handTo != null) {
                kept = true;
            } else if (items.size() < capacity) {
                items.addLast(item);
                wake = takeAll(waitingReaders);
                kept = true;
            } else {
                switch (mode) {
                    case WAIT -> {
                        if (token == null) {
                            return false;
                        }
                        blocked = new Op<>(blockedWriters, item, token);
                        blockedWriters.addLast(blocked);
                        kept = true;
                    }
                    case DROP_WRITE -> {
                        dropped = item;
                        kept = false;
                    }
                    case DROP_NEWEST -> {
                        dropped = items.pollLast();
                        items.addLast(item);
                        kept = true;
                    }
                    case DROP_OLDEST -> {
                        dropped = items.pollFirst();
                        items.addLast(item);
                        kept = true;
                    }
                    default -> throw new IllegalStateException("mode " + mode);
                }
            }
        } finally {
            lock.unlock();
        }
        if (blocked != null) {
            blocked.arm();
            return blocked;
        }
        if (handTo != null) {
            handTo.complete(item);
        }
        completeAll(wake, Boolean.TRUE);
        if (dropped != null) {
            drop(dropped);
        }
        return kept;
    }

    private void drop(T item) {
        if (itemDropped != null) {
            try {
                itemDropped.accept(item);
            } catch (Throwable t) {
                Diagnostics.error("channel itemDropped callback threw", t);
            }
        }
    }

    private boolean tryComplete(Throwable error) {
        ArrayDeque<Op<T>> readers;
        ArrayDeque<Op<Boolean>> writers;
        ArrayDeque<Op<Boolean>> readWaiters;
        ArrayDeque<Op<Boolean>> writeWaiters;
        boolean empty;
        lock.lock();
        try {
            if (doneWriting) {
                return false;
            }
            doneWriting = true;
            completionError = error;
            readers = takeAll(blockedReaders);
            writers = takeAll(blockedWriters);
            readWaiters = takeAll(waitingReaders);
            writeWaiters = takeAll(waitingWriters);
            empty = items.isEmpty();
        } finally {
            lock.unlock();
        }
        if (readers != null) {
            for (Op<T> r : readers) {
                r.fail(invalidCompletion(error, "the channel is completed and empty"));
            }
        }
        if (writers != null) {
            for (Op<Boolean> w : writers) {
                w.fail(invalidCompletion(error, "the channel was completed before the item was written"));
            }
        }
        wakeWaiters(readWaiters, error);
        wakeWaiters(writeWaiters, error);
        if (empty) {
            finishCompletion();
        }
        return true;
    }

    /** The completion error, or null; read after this thread saw doneWriting. */
    private Throwable completionError() {
        lock.lock();
        try {
            return completionError;
        } finally {
            lock.unlock();
        }
    }

    private void finishCompletion() {
        Throwable e = completionError();
        if (e == null) {
            completion.trySetResult(null);
        } else if (e instanceof CancellationException c) {
            completion.trySetCancelled(c);
        } else {
            completion.trySetException(e);
        }
    }

    /**
     * What a read of a completed, empty channel and a write to a completed one fail with (.NET's
     * {@code CreateInvalidCompletionException}): a {@link ChannelClosedException} with the
     * completion error as cause, or the cancellation itself when the channel was completed with
     * one, so that the operation ends cancelled.
     */
    private static Throwable invalidCompletion(Throwable error, String message) {
        if (error instanceof CancellationException) {
            return error;
        }
        return error == null ? new ChannelClosedException(message) : new ChannelClosedException(message, error);
    }

    /** Fails as {@code error} says: cancelled for a cancellation, faulted otherwise. */
    private static <R> ValueAwaitable<R> failedWith(Throwable error) {
        CompletionSource<R> failed = new CompletionSource<>();
        if (error instanceof CancellationException c) {
            failed.trySetCancelled(c);
        } else {
            failed.trySetException(error);
        }
        return ValueAwaitable.from(failed.awaitable());
    }

    /** waitToReadAsync/waitToWriteAsync waiters at completion: false, or the completion error (.NET's WakeUpWaiters). */
    private void wakeWaiters(ArrayDeque<Op<Boolean>> waiters, Throwable error) {
        if (waiters != null) {
            for (Op<Boolean> w : waiters) {
                if (error == null) {
                    w.complete(Boolean.FALSE);
                } else {
                    w.fail(error);
                }
            }
        }
    }

    /* ---------------- Reading ---------------- */

    /** Takes the next item and refills from a blocked writer; null if empty. */
    private T take() {
        T item;
        Op<Boolean> unblocked = null;
        ArrayDeque<Op<Boolean>> wake = null;
        boolean drained = false;
        lock.lock();
        try {
            item = items.pollFirst();
            if (item == null) {
                return null;
            }
            unblocked = blockedWriters.pollFirst();
            if (unblocked != null) {
                items.addLast(unblocked.item);
            } else {
                wake = takeAll(waitingWriters);
            }
            drained = doneWriting && items.isEmpty();
        } finally {
            lock.unlock();
        }
        if (unblocked != null) {
            unblocked.complete(Boolean.TRUE);
        }
        completeAll(wake, Boolean.TRUE);
        if (drained) {
            finishCompletion();
        }
        return item;
    }

    private ValueAwaitable<T> read(CancellationToken token) {
        if (token.isCancellationRequested()) {
            return ValueAwaitable.from(Awaitable.cancelled(token));
        }
        T item = take();
        if (item != null) {
            return ValueAwaitable.of(item);
        }
        Op<T> op;
        lock.lock();
        try {
            if (!items.isEmpty()) {
                op = null; // an item arrived since take(): retry outside the lock
            } else if (doneWriting) {
                return failedWith(invalidCompletion(completionError, "the channel is completed and empty"));
            } else {
                op = new Op<>(blockedReaders, null, token);
                blockedReaders.addLast(op);
            }
        } finally {
            lock.unlock();
        }
        if (op == null) {
            return read(token);
        }
        op.arm();
        return ValueAwaitable.from(op);
    }

    private ValueAwaitable<Boolean> waitToRead(CancellationToken token) {
        if (token.isCancellationRequested()) {
            return ValueAwaitable.from(Awaitable.cancelled(token));
        }
        Op<Boolean> op;
        lock.lock();
        try {
            if (!items.isEmpty()) {
                return ValueAwaitable.of(Boolean.TRUE);
            }
            if (doneWriting) {
                return completionError == null ? ValueAwaitable.of(Boolean.FALSE) : failedWith(completionError);
            }
            op = new Op<>(waitingReaders, null, token);
            waitingReaders.addLast(op);
        } finally {
            lock.unlock();
        }
        op.arm();
        return ValueAwaitable.from(op);
    }

    private ValueAwaitable<Boolean> waitToWrite(CancellationToken token) {
        if (token.isCancellationRequested()) {
            return ValueAwaitable.from(Awaitable.cancelled(token));
        }
        Op<Boolean> op;
        lock.lock();
        try {
            if (doneWriting) {
                return completionError == null ? ValueAwaitable.of(Boolean.FALSE) : failedWith(completionError);
            }
            if (items.size() < capacity || mode != BoundedChannelFullMode.WAIT) {
                return ValueAwaitable.of(Boolean.TRUE);
            }
            op = new Op<>(waitingWriters, null, token);
            waitingWriters.addLast(op);
        } finally {
            lock.unlock();
        }
        op.arm();
        return ValueAwaitable.from(op);
    }

    /* ---------------- Pending operations ---------------- */

    private static <X> ArrayDeque<X> takeAll(ArrayDeque<X> queue) {
        if (queue.isEmpty()) {
            return null;
        }
        ArrayDeque<X> all = new ArrayDeque<>(queue);
        queue.clear();
        return all;
    }

    private void completeAll(ArrayDeque<Op<Boolean>> ops, Boolean value) {
        if (ops != null) {
            for (Op<Boolean> op : ops) {
                op.complete(value);
            }
        }
    }

    /**
     * A pending read, write or wait. Completed only by whoever removed it from its queue (see
     * the race note above); the token callback is one of them.
     */
    private final class Op<R> extends Awaitable<R> implements Runnable {
        final ArrayDeque<? extends Op<?>> queue;
        final T item;
        final CancellationToken token;
        private volatile CancellationRegistration registration;

        Op(ArrayDeque<? extends Op<?>> queue, T item, CancellationToken token) {
            this.queue = queue;
            this.item = item;
            this.token = token;
        }

        /** Registers for cancellation; call after enqueueing, outside the lock. */
        void arm() {
            if (token.canBeCancelled()) {
                registration = token.register(this);
                if (isCompleted()) {
                    registration.unregister();
                }
            }
        }

        /** Token cancelled. */
        @Override
        public void run() {
            boolean removed;
            lock.lock();
            try {
                removed = queue.remove(this);
            } finally {
                lock.unlock();
            }
            if (removed) {
                trySetCancelled(new OperationCanceledException(token));
            }
        }

        void complete(R value) {
            if (trySetResult(value)) {
                unregister();
            }
        }

        /** Faults with {@code t}, or cancels when {@code t} is a cancellation (a channel completed with one). */
        void fail(Throwable t) {
            if (t instanceof CancellationException c ? trySetCancelled(c) : trySetException(t)) {
                unregister();
            }
        }

        private void unregister() {
            CancellationRegistration r = registration;
            if (r != null) {
                r.unregister();
            }
        }

        @Override
        protected String describe() {
            return "channel-op@" + Integer.toHexString(System.identityHashCode(this));
        }
    }

    /* ---------------- Halves ---------------- */

    private final class Writer implements ChannelWriter<T> {
        @Override
        public boolean tryWrite(T item) {
            Object r = write(item, null);
            return Boolean.TRUE.equals(r);
        }

        @Override
        public ValueAwaitable<Boolean> writeAsync(T item) {
            return writeAsync(item, CancellationToken.NONE);
        }

        @Override
        @SuppressWarnings("unchecked")
        public ValueAwaitable<Boolean> writeAsync(T item, CancellationToken token) {
            if (token.isCancellationRequested()) {
                return ValueAwaitable.from(Awaitable.cancelled(token));
            }
            Object r = write(item, token);
            if (r == null) {
                return failedWith(invalidCompletion(completionError(), "the channel is completed"));
            }
            if (r instanceof Boolean b) {
                return ValueAwaitable.of(b);
            }
            return ValueAwaitable.from((Awaitable<Boolean>) r);
        }

        @Override
        public ValueAwaitable<Boolean> waitToWriteAsync() {
            return waitToWrite(CancellationToken.NONE);
        }

        @Override
        public ValueAwaitable<Boolean> waitToWriteAsync(CancellationToken token) {
            return waitToWrite(token);
        }

        @Override
        public boolean tryComplete() {
            return Channel.this.tryComplete(null);
        }

        @Override
        public boolean tryComplete(Throwable error) {
            return Channel.this.tryComplete(Objects.requireNonNull(error, "error"));
        }

        @Override
        public void complete() {
            if (!tryComplete()) {
                throw new ChannelClosedException("the channel is already completed");
            }
        }

        @Override
        public void complete(Throwable error) {
            if (!tryComplete(error)) {
                throw new ChannelClosedException("the channel is already completed");
            }
        }
    }

    private final class Reader implements ChannelReader<T> {
        @Override
        public T tryRead() {
            return take();
        }

        @Override
        public T tryPeek() {
            lock.lock();
            try {
                return items.peekFirst();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public ValueAwaitable<T> readAsync() {
            return read(CancellationToken.NONE);
        }

        @Override
        public ValueAwaitable<T> readAsync(CancellationToken token) {
            return read(token);
        }

        @Override
        public ValueAwaitable<Boolean> waitToReadAsync() {
            return waitToRead(CancellationToken.NONE);
        }

        @Override
        public ValueAwaitable<Boolean> waitToReadAsync(CancellationToken token) {
            return waitToRead(token);
        }

        @Override
        public Awaitable<Void> completion() {
            return completion.awaitable();
        }

        @Override
        public int count() {
            lock.lock();
            try {
                return items.size();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public AsyncStream<T> readAll() {
            return token -> new ReadAllIterator(token);
        }
    }

    /**
     * {@link ChannelReader#readAll()}, as .NET's {@code ReadAllAsync} is written:
     * {@code while (await WaitToReadAsync(token)) while (TryRead(out item)) yield return item;}.
     *
     * <p>States: WAITING (the next moveNext asks waitToRead, which checks the token first),
     * DRAINING (waitToRead said true: items are taken without asking again, until the buffer is
     * empty), FINISHED (waitToRead said false, or failed or was cancelled: every later moveNext is
     * false). A cancelled token therefore ends the iteration at the next WAITING step, before an
     * item is taken, with a cancelled moveNext, never a synchronous throw.
     */
    private final class ReadAllIterator implements AsyncIterator<T>, Runnable {
        private final CancellationToken token;
        private final ReusableSource<Boolean> out = new ReusableSource<>();
        private ValueAwaitable<Boolean> pending;
        private T current;
        private boolean draining;
        private boolean finished;

        ReadAllIterator(CancellationToken token) {
            this.token = token;
        }

        @Override
        public ValueAwaitable<Boolean> moveNext() {
            if (finished) {
                return ValueAwaitable.of(Boolean.FALSE);
            }
            try {
                for (; ; ) {
                    if (draining) {
                        T item = take();
                        if (item != null) {
                            current = item;
                            return ValueAwaitable.of(Boolean.TRUE);
                        }
                        draining = false;
                    }
                    ValueAwaitable<Boolean> ready = waitToRead(token);
                    if (!ready.isCompleted()) {
                        ValueAwaitable<Boolean> result = out.next();
                        pending = ready;
                        ready.unsafeOnCompleted(this);
                        return result;
                    }
                    if (!ready.getResult()) {
                        finished = true;
                        return ValueAwaitable.of(Boolean.FALSE);
                    }
                    draining = true;
                }
            } catch (Throwable t) {
                finished = true;
                return failedWith(t);
            }
        }

        /** The pending waitToRead completed. */
        @Override
        public void run() {
            ValueAwaitable<Boolean> ready = pending;
            pending = null;
            try {
                for (; ; ) {
                    if (!ready.getResult()) {
                        finished = true;
                        out.setResult(Boolean.FALSE);
                        return;
                    }
                    T item = take();
                    if (item != null) {
                        draining = true;
                        current = item;
                        out.setResult(Boolean.TRUE);
                        return;
                    }
                    ready = waitToRead(token);
                    if (!ready.isCompleted()) {
                        pending = ready;
                        ready.unsafeOnCompleted(this);
                        return;
                    }
                }
            } catch (Throwable t) {
                finished = true;
                out.setException(t);
            }
        }

        @Override
        public T current() {
            return current;
        }

        @Override
        public Awaitable<Void> closeAsync() {
            return Awaitable.completedNull();
        }
    }

    @Override
    public String toString() {
        return "Channel[" + (capacity == Integer.MAX_VALUE ? "unbounded" : "bounded " + capacity + ", " + mode)
                + ", count=" + reader.count() + ']';
    }
}
