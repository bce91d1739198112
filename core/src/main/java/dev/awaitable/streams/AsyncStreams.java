package dev.awaitable.streams;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationToken;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.internal.ReusableSource;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The iterators behind {@link AsyncStream}'s sources and operators. */
final class AsyncStreams {
    private AsyncStreams() {}

    /** Items of a plain iterator: every moveNext completes synchronously. */
    static final class IterableIterator<T> implements AsyncIterator<T> {
        private final Iterator<T> items;
        private final CancellationToken token;
        private T current;
        private boolean closed;

        IterableIterator(Iterator<T> items, CancellationToken token) {
            this.items = items;
            this.token = token;
        }

        @Override
        public ValueAwaitable<Boolean> moveNext() {
            if (token.isCancellationRequested()) {
                return ValueAwaitable.from(Awaitable.cancelled(token));
            }
            if (!closed && items.hasNext()) {
                current = items.next();
                return ValueAwaitable.of(Boolean.TRUE);
            }
            return ValueAwaitable.of(Boolean.FALSE);
        }

        @Override
        public T current() {
            return current;
        }

        @Override
        public Awaitable<Void> closeAsync() {
            closed = true;
            return Awaitable.completedNull();
        }
    }

    static final class MappedIterator<T, R> implements AsyncIterator<R> {
        private final AsyncIterator<T> inner;
        private final Function<? super T, ? extends R> mapper;

        MappedIterator(AsyncIterator<T> inner, Function<? super T, ? extends R> mapper) {
            this.inner = inner;
            this.mapper = mapper;
        }

        @Override
        public ValueAwaitable<Boolean> moveNext() {
            return inner.moveNext();
        }

        @Override
        public R current() {
            return mapper.apply(inner.current());
        }

        @Override
        public Awaitable<Void> closeAsync() {
            return inner.closeAsync();
        }
    }

    /**
     * Skips items the predicate rejects. moveNext pulls from the inner iterator until an item
     * passes; when the inner one suspends, the pull resumes in its continuation and completes
     * the reusable {@code out} source.
     */
    static final class FilteredIterator<T> implements AsyncIterator<T>, Runnable {
        private final AsyncIterator<T> inner;
        private final Predicate<? super T> predicate;
        private final ReusableSource<Boolean> out = new ReusableSource<>();
        private ValueAwaitable<Boolean> pending;
        private T current;

        FilteredIterator(AsyncIterator<T> inner, Predicate<? super T> predicate) {
            this.inner = inner;
            this.predicate = predicate;
        }

        @Override
        public ValueAwaitable<Boolean> moveNext() {
            for (; ; ) {
                ValueAwaitable<Boolean> step = inner.moveNext();
                if (!step.isCompleted()) {
                    ValueAwaitable<Boolean> result = out.next();
                    pending = step;
                    step.unsafeOnCompleted(this);
                    return result;
                }
                if (!step.getResult()) {
                    return ValueAwaitable.of(Boolean.FALSE);
                }
                T item = inner.current();
                if (predicate.test(item)) {
                    current = item;
                    return ValueAwaitable.of(Boolean.TRUE);
                }
            }
        }

        /** The inner moveNext completed while we were suspended. */
        @Override
        public void run() {
            ValueAwaitable<Boolean> step = pending;
            pending = null;
            try {
                for (; ; ) {
                    if (!step.getResult()) {
                        out.setResult(Boolean.FALSE);
                        return;
                    }
                    T item = inner.current();
                    if (predicate.test(item)) {
                        current = item;
                        out.setResult(Boolean.TRUE);
                        return;
                    }
                    step = inner.moveNext();
                    if (!step.isCompleted()) {
                        pending = step;
                        step.unsafeOnCompleted(this);
                        return;
                    }
                }
            } catch (Throwable t) {
                out.setException(t);
            }
        }

        @Override
        public T current() {
            return current;
        }

        @Override
        public Awaitable<Void> closeAsync() {
            return inner.closeAsync();
        }
    }

    /** An iterator that closes a resource (a linked token source) when it is closed. */
    static final class ClosingIterator<T> implements AsyncIterator<T> {
        private final AsyncIterator<T> inner;
        private final AutoCloseable resource;

        ClosingIterator(AsyncIterator<T> inner, AutoCloseable resource) {
            this.inner = inner;
            this.resource = resource;
        }

        @Override
        public ValueAwaitable<Boolean> moveNext() {
            return inner.moveNext();
        }

        @Override
        public T current() {
            return inner.current();
        }

        @Override
        public Awaitable<Void> closeAsync() {
            Awaitable<Void> closed = inner.closeAsync();
            closed.unsafeOnCompleted(() -> {
                try {
                    resource.close();
                } catch (Exception e) {
                    dev.awaitable.internal.Diagnostics.log().warn("closing {} failed", resource, e);
                }
            });
            return closed;
        }
    }

    /** What both for-each loops share: the iterator they close, and how they end after the close. */
    abstract static class LoopDriver<T> extends Awaitable<Void> implements Runnable {
        final AsyncIterator<T> iterator;

        LoopDriver(AsyncIterator<T> iterator) {
            this.iterator = iterator;
        }

        /** Closes the iterator, then completes: with the loop's failure if any, else the close's. */
        final void finish(Throwable failure) {
            Awaitable<Void> closed;
            try {
                closed = iterator.closeAsync();
            } catch (Throwable t) {
                closed = Awaitable.failed(t);
            }
            Awaitable<Void> c = closed;
            c.unsafeOnCompleted(() -> {
                Throwable closeFailure = c.isFaulted() ? c.exception() : null;
                Throwable f = failure != null ? failure : closeFailure;
                if (f == null) {
                    trySetResult(null);
                } else if (f instanceof java.util.concurrent.CancellationException ce) {
                    trySetCancelled(ce);
                } else {
                    trySetException(f);
                }
            });
        }
    }

    /**
     * {@link AsyncStream#forEach}: a loop on continuations. Pulls items while moveNext completes
     * synchronously; when it suspends, the loop continues in this object's run(). At the end
     * (or on the first failure) the iterator is closed and this completes after the close; the
     * loop's own failure wins over a failure to close.
     */
    static final class ForEachDriver<T> extends LoopDriver<T> {
        private final Consumer<? super T> action;
        private ValueAwaitable<Boolean> pending;

        ForEachDriver(AsyncIterator<T> iterator, Consumer<? super T> action) {
            super(iterator);
            this.action = action;
        }

        Awaitable<Void> start() {
            loop(null);
            return this;
        }

        @Override
        public void run() {
            ValueAwaitable<Boolean> step = pending;
            pending = null;
            loop(step);
        }

        private void loop(ValueAwaitable<Boolean> step) {
            try {
                for (; ; ) {
                    if (step == null) {
                        step = iterator.moveNext();
                        if (!step.isCompleted()) {
                            pending = step;
                            step.unsafeOnCompleted(this);
                            return;
                        }
                    }
                    if (!step.getResult()) {
                        finish(null);
                        return;
                    }
                    action.accept(iterator.current());
                    step = null;
                }
            } catch (Throwable t) {
                finish(t);
            }
        }

        @Override
        protected String describe() {
            return "forEach@" + Integer.toHexString(System.identityHashCode(this));
        }
    }

    /**
     * {@link AsyncStream#forEachAsync}: {@code await foreach} with a body that awaits. Alternates
     * two awaits, the iterator's {@code moveNext()} and the body's awaitable for the item, on
     * continuations: while both complete synchronously it loops without suspending; when one
     * suspends, this object is its continuation and the loop goes on in {@link #run()}, on the
     * context captured at the start (inline if the completing thread is on it, else posted there,
     * once per resumption: {@code dispatched} marks a run that was posted and must not post
     * again). The token is checked before each item is taken, so a producer that ignores it
     * still ends the loop. At the end, on {@link LoopControl#BREAK}, on the first failure and on
     * cancellation the iterator is closed, and this completes after the close; the loop's own failure wins
     * over a failure to close. Fields are plain: each is written before the registration (or
     * post) that hands the loop to the thread that reads it.
     */
    static final class AsyncForEachDriver<T> extends LoopDriver<T> {
        private final Function<? super T, ? extends AwaitableLike<?>> body;
        private final AsyncContext context;
        private final CancellationToken token;
        private Awaiter<?> waiting;
        private boolean waitingForBody;
        private boolean dispatched;

        AsyncForEachDriver(
                AsyncIterator<T> iterator,
                Function<? super T, ? extends AwaitableLike<?>> body,
                CancellationToken token) {
            super(iterator);
            this.body = body;
            this.token = token;
            this.context = AsyncContext.current();
        }

        Awaitable<Void> start() {
            loop(null, false);
            return this;
        }

        @Override
        public void run() {
            AsyncContext c = context;
            if (c != null && !dispatched && !c.isCurrent()) {
                dispatched = true;
                c.post(this);
                return;
            }
            dispatched = false;
            Awaiter<?> w = waiting;
            waiting = null;
            loop(w, waitingForBody);
        }

        private void loop(Awaiter<?> step, boolean isBody) {
            try {
                for (; ; ) {
                    if (step == null) {
                        token.throwIfCancellationRequested(); // whatever the producer does with it
                        step = iterator.moveNext();
                        isBody = false;
                        if (!step.isCompleted()) {
                            suspend(step, false);
                            return;
                        }
                    }
                    if (!isBody) {
                        if (!((Boolean) step.getResult())) {
                            finish(null);
                            return;
                        }
                        AwaitableLike<?> next = body.apply(iterator.current());
                        if (next == null) {
                            throw new NullPointerException("forEachAsync body returned null instead of an awaitable");
                        }
                        step = next.getAwaiter();
                        isBody = true;
                        if (!step.isCompleted()) {
                            suspend(step, true);
                            return;
                        }
                    }
                    if (step.getResult() == LoopControl.BREAK) {
                        finish(null);
                        return;
                    }
                    step = null;
                }
            } catch (Throwable t) {
                finish(t);
            }
        }

        private void suspend(Awaiter<?> step, boolean isBody) {
            waiting = step;
            waitingForBody = isBody;
            step.unsafeOnCompleted(this);
        }

        @Override
        protected void forEachDependency(java.util.function.Consumer<? super Awaitable<?>> sink) {
            Awaiter<?> w = waiting;
            if (w != null) {
                sink.accept(w.dependency());
            }
        }

        @Override
        protected String describe() {
            return "forEachAsync@" + Integer.toHexString(System.identityHashCode(this));
        }
    }
}
