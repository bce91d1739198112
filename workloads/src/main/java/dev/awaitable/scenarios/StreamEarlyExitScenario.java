package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.Awaiter;
import dev.awaitable.CancellationToken;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.streams.Emitter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code stream-early-exit}: leaving an async stream early closes its producer, and the
 * producer's cleanup ({@code finally}) runs exactly once.
 *
 * <p>Claim (how-csharp-async-await-works-under-the-hood.md, "IAsyncEnumerable"; the internals
 * article's pattern 5, async streams): an {@code IAsyncEnumerable} producer yields items one at a
 * time to a consumer that processes them as they arrive; when the consumer stops early
 * ({@code break} out of {@code await foreach}), the enumerator is disposed, the suspended producer
 * resumes into its {@code finally} blocks, and nothing more is produced. Awaitable's
 * {@link AsyncIterator#closeAsync()} is {@code DisposeAsync}: the producer, suspended at
 * {@code emit}, is resumed with an OperationCanceledException so its cleanup runs, once; closing
 * again is a no-op.
 *
 * <p>The experiment: a producer of up to 1,000 items (a yield, standing for a fetch, before each)
 * with a try/finally that counts its cleanups; a consumer that takes two items, breaks, closes,
 * closes again, and asks for another item.
 *
 * <p>Observed: the items consumed, how many items the producer emitted, how often its
 * cleanup ran, what the producer saw when closed, and what moveNext returned after the close.
 */
final class StreamEarlyExitScenario extends AbstractScenario<StreamEarlyExitScenario.Facts> {

    private static final int AVAILABLE = 1000;
    private static final int TAKE = 2;

    /** What the producer recorded. */
    static final class ProducerLog {
        final AtomicInteger emitted = new AtomicInteger();
        final AtomicInteger cleanups = new AtomicInteger();
        volatile Throwable saw;
    }

    /** What the consumer recorded. */
    static final class ConsumerLog {
        final List<Integer> seen = new CopyOnWriteArrayList<>();
        volatile Boolean moveNextAfterClose;
    }

    record Facts(List<Integer> seen, int emitted, int cleanups, Throwable producerSaw, Boolean moveNextAfterClose) {}

    StreamEarlyExitScenario() {
        super(
                "stream-early-exit",
                "early exit from an async stream closes the producer exactly once",
                "breaking out of await foreach disposes the async enumerator: the producer stops producing and its "
                        + "finally blocks run",
                "how-csharp-async-await-works-under-the-hood.md, IAsyncEnumerable; internals article, pattern 5 (async streams)",
                "the consumer sees [0, 1]; the producer emitted 2 items (no more after the close), its cleanup ran exactly once (it saw "
                        + "OperationCanceledException), and moveNext after the close returns false");
    }

    @Override
    Outcome judge(Facts f) {
        boolean passed = f.seen().equals(List.of(0, 1))
                && f.emitted() == TAKE
                && f.cleanups() == 1
                && f.producerSaw() instanceof java.util.concurrent.CancellationException
                && Boolean.FALSE.equals(f.moveNextAfterClose());
        return Outcome.of(
                passed,
                "consumer saw " + f.seen() + "; producer emitted " + f.emitted() + " of "
                        + AVAILABLE + ", cleanup ran " + f.cleanups() + " time(s), it saw "
                        + Probes.describe(f.producerSaw())
                        + "; moveNext after the close returned " + f.moveNextAfterClose());
    }

    private static Facts facts(ProducerLog p, ConsumerLog c) {
        return new Facts(List.copyOf(c.seen), p.emitted.get(), p.cleanups.get(), p.saw, c.moveNextAfterClose);
    }

    /* ---------------- statemachine ---------------- */

    @Override
    Facts onStatemachine() {
        ProducerLog p = new ProducerLog();
        ConsumerLog c = new ConsumerLog();
        AsyncStream<Integer> numbers = AsyncStream.generate((out, token) -> ProducerMachine.call(out, token, p));
        ConsumerMachine m = new ConsumerMachine(numbers, c);
        m.builder.start(m);
        Probes.join(m.builder.awaitable(), "the consumer");
        return facts(p, c);
    }

    /**
     * The async iterator, as C# would compile it to a machine:
     * <pre>{@code
     * static async IAsyncEnumerable<int> NumbersAsync(ProducerLog log) {
     *     try {
     *         for (int i = 0; i < 1000; i++) {
     *             await Task.Yield();                // fetch the next item
     *             log.emitted++;
     *             yield return i;                    // here: await out.emit(i)
     *         }
     *     } catch (Exception e) { log.saw = e; throw; }
     *     finally { log.cleanups++; }
     * }
     * }</pre>
     * The try spans every await, so it cannot be one Java try statement: the machine's catch is
     * the method's catch and {@link #exit} is its finally, run once on each way out (the end, or
     * an exception such as the close), never at a suspension.
     */
    static final class ProducerMachine implements AsyncStateMachine {
        private static final int TOP = 0;
        private static final int AFTER_FETCH = 1;
        private static final int AFTER_EMIT = 2;

        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final Emitter<Integer> out;
        final ProducerLog log;
        int state;
        int i;
        Awaiter<Void> awaiter;

        ProducerMachine(Emitter<Integer> out, ProducerLog log) {
            this.out = out;
            this.log = log;
        }

        static Awaitable<Void> call(Emitter<Integer> out, CancellationToken token, ProducerLog log) {
            ProducerMachine m = new ProducerMachine(out, log);
            m.builder.start(m);
            return m.builder.awaitable();
        }

        @Override
        public void moveNext() {
            try {
                for (; ; ) {
                    switch (state) {
                        case TOP -> {
                            if (i == AVAILABLE) {
                                exit(null);
                                return;
                            }
                            awaiter = Awaitables.yieldNow().getAwaiter();
                            state = AFTER_FETCH;
                            if (!awaiter.isCompleted()) {
                                builder.awaitOnCompleted(awaiter, this);
                                return;
                            }
                        }
                        case AFTER_FETCH -> {
                            awaiter.getResult();
                            log.emitted.incrementAndGet();
                            awaiter = out.emit(i).getAwaiter();
                            state = AFTER_EMIT;
                            if (!awaiter.isCompleted()) {
                                builder.awaitOnCompleted(awaiter, this);
                                return;
                            }
                        }
                        case AFTER_EMIT -> {
                            awaiter.getResult(); // OperationCanceledException once the consumer closed
                            awaiter = null;
                            i++;
                            state = TOP;
                        }
                        default -> throw new IllegalStateException("state " + state);
                    }
                }
            } catch (Throwable t) {
                log.saw = t;
                exit(t);
            }
        }

        /** The finally block, then completion. */
        private void exit(Throwable failure) {
            state = -1;
            log.cleanups.incrementAndGet();
            if (failure == null) {
                builder.setResult(null);
            } else {
                builder.setException(failure);
            }
        }
    }

    /**
     * <pre>{@code
     * static async Task ConsumeAsync(IAsyncEnumerable<int> numbers, ConsumerLog log) {
     *     IAsyncEnumerator<int> it = numbers.GetAsyncEnumerator();
     *     try {
     *         while (await it.MoveNextAsync()) {
     *             log.seen.Add(it.Current);
     *             if (log.seen.Count == 2) break;     // early exit
     *         }
     *     } finally { await it.DisposeAsync(); }
     *     await it.DisposeAsync();                    // again: a no-op
     *     log.moveNextAfterClose = await it.MoveNextAsync();
     * }
     * }</pre>
     */
    static final class ConsumerMachine implements AsyncStateMachine {
        private static final int LOOP = 0;
        private static final int AFTER_MOVE = 1;
        private static final int CLOSE = 2;
        private static final int AFTER_CLOSE = 3;
        private static final int AFTER_SECOND_CLOSE = 4;
        private static final int AFTER_LAST_MOVE = 5;

        final AsyncMethodBuilder<Void> builder = AsyncMethodBuilder.create();
        final ConsumerLog log;
        final AsyncIterator<Integer> it;
        int state;
        Awaiter<Boolean> moved;
        Awaiter<Void> closed;
        Throwable pending; // an exception leaving the try, rethrown after the finally's await

        ConsumerMachine(AsyncStream<Integer> numbers, ConsumerLog log) {
            this.log = log;
            this.it = numbers.iterator();
        }

        @Override
        public void moveNext() {
            try {
                for (; ; ) {
                    switch (state) {
                        case LOOP -> {
                            try {
                                moved = it.moveNext().getAwaiter();
                            } catch (Throwable t) {
                                pending = t;
                                state = CLOSE;
                                continue;
                            }
                            state = AFTER_MOVE;
                            if (!moved.isCompleted()) {
                                builder.awaitOnCompleted(moved, this);
                                return;
                            }
                        }
                        case AFTER_MOVE -> {
                            try {
                                if (!moved.getResult()) {
                                    state = CLOSE;
                                    continue;
                                }
                                log.seen.add(it.current());
                                state = log.seen.size() == TAKE ? CLOSE : LOOP;
                            } catch (Throwable t) {
                                pending = t;
                                state = CLOSE;
                            }
                        }
                        case CLOSE -> {
                            closed = it.closeAsync().getAwaiter();
                            state = AFTER_CLOSE;
                            if (!closed.isCompleted()) {
                                builder.awaitOnCompleted(closed, this);
                                return;
                            }
                        }
                        case AFTER_CLOSE -> {
                            closed.getResult();
                            if (pending != null) {
                                throw pending;
                            }
                            closed = it.closeAsync().getAwaiter();
                            state = AFTER_SECOND_CLOSE;
                            if (!closed.isCompleted()) {
                                builder.awaitOnCompleted(closed, this);
                                return;
                            }
                        }
                        case AFTER_SECOND_CLOSE -> {
                            closed.getResult();
                            closed = null;
                            moved = it.moveNext().getAwaiter();
                            state = AFTER_LAST_MOVE;
                            if (!moved.isCompleted()) {
                                builder.awaitOnCompleted(moved, this);
                                return;
                            }
                        }
                        case AFTER_LAST_MOVE -> {
                            log.moveNextAfterClose = moved.getResult();
                            moved = null;
                            state = -1;
                            builder.setResult(null);
                            return;
                        }
                        default -> throw new IllegalStateException("state " + state);
                    }
                }
            } catch (Throwable t) {
                state = -1;
                builder.setException(t);
            }
        }
    }

    /* ---------------- loom ---------------- */

    @Override
    Facts onLoom() {
        ProducerLog p = new ProducerLog();
        ConsumerLog c = new ConsumerLog();
        AsyncStream<Integer> numbers = AsyncStream.generate((out, token) -> Async.run(() -> {
            try {
                for (int i = 0; i < AVAILABLE; i++) {
                    Async.await(Awaitables.yieldNow());
                    p.emitted.incrementAndGet();
                    Async.await(out.emit(i));
                }
            } catch (Exception e) {
                p.saw = e;
                throw e;
            } finally {
                p.cleanups.incrementAndGet();
            }
        }));
        Probes.join(
                Async.run(() -> {
                    AsyncIterator<Integer> it = numbers.iterator();
                    try {
                        while (Async.await(it.moveNext())) {
                            c.seen.add(it.current());
                            if (c.seen.size() == TAKE) {
                                break;
                            }
                        }
                    } finally {
                        Async.await(it.closeAsync());
                    }
                    Async.await(it.closeAsync());
                    c.moveNextAfterClose = Async.await(it.moveNext());
                }),
                "the consumer");
        return facts(p, c);
    }
}
