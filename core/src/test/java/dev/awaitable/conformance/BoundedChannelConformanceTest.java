package dev.awaitable.conformance;

import static dev.awaitable.conformance.Conformance.assertCanceled;
import static dev.awaitable.conformance.Conformance.assertSynchronousSuccess;
import static dev.awaitable.conformance.Conformance.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.channels.BoundedChannelFullMode;
import dev.awaitable.channels.Channel;
import dev.awaitable.channels.ChannelClosedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code BoundedChannelTests} (with {@code ChannelTestBase}'s tests inherited, on a
 * channel of capacity 1 as in .NET).
 *
 * <p>One documented difference runs through the drop modes: in DROP_WRITE mode a write to a full
 * channel reports false, the item not being kept ({@link BoundedChannelFullMode#DROP_WRITE}'s
 * Javadoc); .NET reports true.
 */
class BoundedChannelConformanceTest extends ChannelConformanceBase {

    @Override
    Channel<Integer> newChannel() {
        return Channel.bounded(1);
    }

    @Override
    Channel<Integer> newFullChannel() {
        Channel<Integer> c = Channel.bounded(1);
        await(c.writer().writeAsync(0).asAwaitable());
        return c;
    }

    /** What a write to a full channel in {@code mode} reports. */
    private static boolean keptWhenFull(BoundedChannelFullMode mode) {
        // Differs from .NET: DROP_WRITE reports false for the dropped item (BoundedChannelFullMode.DROP_WRITE Javadoc)
        return mode != BoundedChannelFullMode.DROP_WRITE;
    }

    // .NET: BoundedChannelTests.Count_IncrementsDecrementsAsExpected
    @Test
    void countIncrementsDecrementsAsExpected() {
        int bound = 3;
        Channel<Integer> c = Channel.bounded(bound);
        for (int iter = 0; iter < 2; iter++) {
            for (int i = 0; i < bound; i++) {
                assertThat(c.reader().count()).isEqualTo(i);
                assertThat(c.writer().tryWrite(i)).isTrue();
                assertThat(c.reader().count()).isEqualTo(i + 1);
            }
            assertThat(c.writer().tryWrite(42)).isFalse();
            assertThat(c.reader().count()).isEqualTo(bound);
            if (iter != 0) {
                c.writer().complete();
            }
            for (int i = 0; i < bound; i++) {
                assertThat(c.reader().count()).isEqualTo(bound - i);
                assertThat(c.reader().tryRead()).isEqualTo(i);
                assertThat(c.reader().count()).isEqualTo(bound - (i + 1));
            }
        }
    }

    // .NET: BoundedChannelTests.TryWrite_TryRead_Many_Wait
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void tryWriteTryReadManyWait(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity);
        for (int i = 0; i < capacity; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
        }
        assertThat(c.writer().tryWrite(capacity)).isFalse();
        for (int i = 0; i < capacity; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: BoundedChannelTests.TryWrite_TryRead_Many_DropOldest
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void tryWriteTryReadManyDropOldest(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity, BoundedChannelFullMode.DROP_OLDEST);
        for (int i = 0; i < capacity * 2; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
        }
        for (int i = capacity; i < capacity * 2; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: BoundedChannelTests.WriteAsync_TryRead_Many_DropOldest
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void writeAsyncTryReadManyDropOldest(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity, BoundedChannelFullMode.DROP_OLDEST);
        for (int i = 0; i < capacity * 2; i++) {
            assertSynchronousSuccess(c.writer().writeAsync(i));
        }
        for (int i = capacity; i < capacity * 2; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: BoundedChannelTests.TryWrite_TryRead_Many_DropNewest
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void tryWriteTryReadManyDropNewest(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity, BoundedChannelFullMode.DROP_NEWEST);
        for (int i = 0; i < capacity * 2; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
        }
        for (int i = 0; i < capacity - 1; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(c.reader().tryRead()).isEqualTo(capacity * 2 - 1);
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: BoundedChannelTests.WriteAsync_TryRead_Many_DropNewest
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void writeAsyncTryReadManyDropNewest(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity, BoundedChannelFullMode.DROP_NEWEST);
        for (int i = 0; i < capacity * 2; i++) {
            assertSynchronousSuccess(c.writer().writeAsync(i));
        }
        for (int i = 0; i < capacity - 1; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(c.reader().tryRead()).isEqualTo(capacity * 2 - 1);
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: BoundedChannelTests.TryWrite_DropNewest_WrappedAroundInternalQueue
    @Test
    void tryWriteDropNewestWrappedAroundInternalQueue() {
        Channel<Integer> c = Channel.bounded(3, BoundedChannelFullMode.DROP_NEWEST);
        assertThat(c.writer().tryWrite(1)).isTrue();
        assertThat(c.reader().tryRead()).isEqualTo(1);
        assertThat(c.writer().tryWrite(2)).isTrue();
        assertThat(c.writer().tryWrite(3)).isTrue();
        assertThat(c.writer().tryWrite(4)).isTrue();
        assertThat(c.writer().tryWrite(5)).isTrue();
        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(2);
        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(3);
        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(5);
    }

    // .NET: BoundedChannelTests.TryWrite_TryRead_Many_Ignore
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void tryWriteTryReadManyIgnore(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity, BoundedChannelFullMode.DROP_WRITE);
        for (int i = 0; i < capacity * 2; i++) {
            // Differs from .NET: a dropped write reports false (BoundedChannelFullMode.DROP_WRITE Javadoc)
            assertThat(c.writer().tryWrite(i)).isEqualTo(i < capacity);
        }
        for (int i = 0; i < capacity; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: BoundedChannelTests.WriteAsync_TryRead_Many_Ignore
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void writeAsyncTryReadManyIgnore(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity, BoundedChannelFullMode.DROP_WRITE);
        for (int i = 0; i < capacity * 2; i++) {
            var w = c.writer().writeAsync(i);
            assertSynchronousSuccess(w);
            // Differs from .NET: a dropped write reports false (BoundedChannelFullMode.DROP_WRITE Javadoc)
            assertThat(w.getResult()).isEqualTo(i < capacity);
        }
        for (int i = 0; i < capacity; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: BoundedChannelTests.DroppedDelegateNotCalledOnWaitMode_SyncWrites
    @Test
    void droppedDelegateNotCalledOnWaitModeSyncWrites() {
        AtomicBoolean called = new AtomicBoolean();
        Channel<Integer> c = Channel.bounded(1, BoundedChannelFullMode.WAIT, item -> called.set(true));
        assertThat(c.writer().tryWrite(1)).isTrue();
        assertThat(c.writer().tryWrite(1)).isFalse();
        assertThat(called).isFalse();
    }

    // .NET: BoundedChannelTests.DroppedDelegateNotCalledOnWaitMode_AsyncWrites
    @Test
    void droppedDelegateNotCalledOnWaitModeAsyncWrites() {
        AtomicBoolean called = new AtomicBoolean();
        Channel<Integer> c = Channel.bounded(1, BoundedChannelFullMode.WAIT, item -> called.set(true));
        awaitValue(c.writer().writeAsync(1));
        var second = c.writer().writeAsync(2);
        assertThat(second.isCompleted()).isFalse();
        awaitValue(c.reader().readAsync());
        awaitValue(second);
        assertThat(called).isFalse();
    }

    // .NET: BoundedChannelTests.DroppedDelegateIsNull_SyncWrites
    // Differs from .NET in its DROP_WRITE row: see keptWhenFull
    @ParameterizedTest
    @EnumSource(value = BoundedChannelFullMode.class, names = "WAIT", mode = EnumSource.Mode.EXCLUDE)
    void droppedDelegateIsNullSyncWrites(BoundedChannelFullMode mode) {
        Channel<Integer> c = Channel.bounded(1, mode, null);
        assertThat(c.writer().tryWrite(5)).isTrue();
        assertThat(c.writer().tryWrite(5)).isEqualTo(keptWhenFull(mode));
    }

    // .NET: BoundedChannelTests.DroppedDelegateIsNull_AsyncWrites
    // Differs from .NET in its DROP_WRITE row: see keptWhenFull
    @ParameterizedTest
    @EnumSource(value = BoundedChannelFullMode.class, names = "WAIT", mode = EnumSource.Mode.EXCLUDE)
    void droppedDelegateIsNullAsyncWrites(BoundedChannelFullMode mode) {
        Channel<Integer> c = Channel.bounded(1, mode, null);
        assertThat(awaitValue(c.writer().writeAsync(5))).isTrue();
        assertThat(awaitValue(c.writer().writeAsync(5))).isEqualTo(keptWhenFull(mode));
    }

    // .NET: BoundedChannelTests.DroppedDelegateCalledOnChannelFull_SyncWrites
    // Differs from .NET in its DROP_WRITE row: see keptWhenFull
    @ParameterizedTest
    @EnumSource(value = BoundedChannelFullMode.class, names = "WAIT", mode = EnumSource.Mode.EXCLUDE)
    void droppedDelegateCalledOnChannelFullSyncWrites(BoundedChannelFullMode mode) {
        Set<Integer> dropped = new HashSet<>();
        int capacity = 10;
        Channel<Integer> c = Channel.bounded(
                capacity, mode, item -> assertThat(dropped.add(item)).isTrue());
        for (int i = 0; i < capacity; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
        }
        assertThat(dropped).isEmpty();
        for (int i = capacity; i < capacity + 10; i++) {
            assertThat(c.writer().tryWrite(i)).isEqualTo(keptWhenFull(mode));
        }
        assertThat(dropped).hasSize(10);
    }

    // .NET: BoundedChannelTests.DroppedDelegateCalledOnChannelFull_AsyncWrites
    // Differs from .NET in its DROP_WRITE row: see keptWhenFull
    @ParameterizedTest
    @EnumSource(value = BoundedChannelFullMode.class, names = "WAIT", mode = EnumSource.Mode.EXCLUDE)
    void droppedDelegateCalledOnChannelFullAsyncWrites(BoundedChannelFullMode mode) {
        Set<Integer> dropped = new HashSet<>();
        int capacity = 10;
        Channel<Integer> c = Channel.bounded(
                capacity, mode, item -> assertThat(dropped.add(item)).isTrue());
        for (int i = 0; i < capacity; i++) {
            awaitValue(c.writer().writeAsync(i));
        }
        assertThat(dropped).isEmpty();
        for (int i = capacity; i < capacity + 10; i++) {
            assertThat(awaitValue(c.writer().writeAsync(i))).isEqualTo(keptWhenFull(mode));
        }
        assertThat(dropped).hasSize(10);
    }

    /** The drop callback writes from another thread and waits for it: it must run outside the channel's lock. */
    private void assertDropCallbackOutsideLock(BoundedChannelFullMode mode, boolean async) throws Exception {
        ExecutorService pool = threads(1);
        AtomicBoolean called = new AtomicBoolean();
        AtomicReference<Channel<Integer>> ref = new AtomicReference<>();
        Channel<Integer> c = Channel.bounded(1, mode, dropped -> {
            if (called.getAndSet(true)) {
                return;
            }
            try {
                pool.submit(() -> ref.get().writer().tryWrite(3)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("a write from another thread could not proceed during the callback", e);
            }
        });
        ref.set(c);
        if (async) {
            awaitValue(c.writer().writeAsync(1));
            awaitValue(c.writer().writeAsync(2));
        } else {
            assertThat(c.writer().tryWrite(1)).isTrue();
            assertThat(c.writer().tryWrite(2)).isEqualTo(keptWhenFull(mode));
        }
        assertThat(called).isTrue();
    }

    // .NET: BoundedChannelTests.DroppedDelegateCalledAfterLockReleased_SyncWrites
    // Differs from .NET in its DROP_WRITE row: see keptWhenFull
    @ParameterizedTest
    @EnumSource(value = BoundedChannelFullMode.class, names = "WAIT", mode = EnumSource.Mode.EXCLUDE)
    void droppedDelegateCalledAfterLockReleasedSyncWrites(BoundedChannelFullMode mode) throws Exception {
        assertDropCallbackOutsideLock(mode, false);
    }

    // .NET: BoundedChannelTests.DroppedDelegateCalledAfterLockReleased_AsyncWrites
    @ParameterizedTest
    @EnumSource(value = BoundedChannelFullMode.class, names = "WAIT", mode = EnumSource.Mode.EXCLUDE)
    void droppedDelegateCalledAfterLockReleasedAsyncWrites(BoundedChannelFullMode mode) throws Exception {
        assertDropCallbackOutsideLock(mode, true);
    }

    // .NET: BoundedChannelTests.CancelPendingWrite_Reading_DataTransferredFromCorrectWriter
    @Test
    void cancelPendingWriteReadingDataTransferredFromCorrectWriter() {
        Channel<Integer> c = Channel.bounded(1);
        assertThat(c.writer().writeAsync(42).isCompletedSuccessfully()).isTrue();
        CancellationTokenSource cts = new CancellationTokenSource();
        Awaitable<Boolean> write1 = c.writer().writeAsync(43, cts.token()).asAwaitable();
        assertThat(write1.status()).isEqualTo(AwaitableStatus.PENDING);
        cts.cancel();
        Awaitable<Boolean> write2 = c.writer().writeAsync(44).asAwaitable();
        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(42);
        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(44);
        assertCanceled(write1, cts.token());
        await(write2);
    }

    // .NET: BoundedChannelTests.TryWrite_TryRead_OneAtATime
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void tryWriteTryReadOneAtATime(int capacity) {
        Channel<Integer> c = Channel.bounded(capacity);
        for (int i = 0; i < 100_000; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
    }

    // .NET: BoundedChannelTests.SingleProducerConsumer_ConcurrentReadWrite_WithBufferedCapacity_Success
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void singleProducerConsumerWithBufferedCapacity(int capacity) throws Exception {
        Channel<Integer> c = Channel.bounded(capacity);
        int items = 10_000;
        ExecutorService pool = threads(2);
        join(List.of(
                pool.submit(() -> {
                    for (int i = 0; i < items; i++) {
                        awaitValue(c.writer().writeAsync(i));
                    }
                }),
                pool.submit(() -> {
                    for (int i = 0; i < items; i++) {
                        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(i);
                    }
                })));
    }

    // .NET: BoundedChannelTests.ManyProducerConsumer_ConcurrentReadWrite_WithBufferedCapacity_Success
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 10000})
    void manyProducerConsumerWithBufferedCapacity(int capacity) throws Exception {
        Channel<Integer> c = Channel.bounded(capacity);
        int writers = 10;
        int readers = 10;
        int items = 10_000;
        AtomicLong readTotal = new AtomicLong();
        AtomicInteger remainingWriters = new AtomicInteger(writers);
        AtomicInteger remainingItems = new AtomicInteger(items);
        ExecutorService pool = threads(readers + writers);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            tasks.add(pool.submit(() -> {
                try {
                    while (true) {
                        readTotal.addAndGet(awaitValue(c.reader().readAsync()));
                    }
                } catch (ChannelClosedException expected) {
                    // the end
                }
            }));
        }
        for (int i = 0; i < writers; i++) {
            tasks.add(pool.submit(() -> {
                for (int v; (v = remainingItems.decrementAndGet()) >= 0; ) {
                    awaitValue(c.writer().writeAsync(v + 1));
                }
                if (remainingWriters.decrementAndGet() == 0) {
                    c.writer().complete();
                }
            }));
        }
        join(tasks);
        assertThat(readTotal.get()).isEqualTo(items * (items + 1L) / 2);
    }

    // .NET: BoundedChannelTests.WaitToWriteAsync_AfterFullThenRead_ReturnsTrue
    @Test
    void waitToWriteAsyncAfterFullThenReadReturnsTrue() {
        Channel<Integer> c = Channel.bounded(1);
        assertThat(c.writer().tryWrite(1)).isTrue();
        Awaitable<Boolean> write1 = c.writer().waitToWriteAsync().asAwaitable();
        assertThat(write1.isCompleted()).isFalse();
        Awaitable<Boolean> write2 = c.writer().waitToWriteAsync().asAwaitable();
        assertThat(write2.isCompleted()).isFalse();
        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(1);
        assertThat(await(write1)).isTrue();
        assertThat(await(write2)).isTrue();
    }

    /**
     * .NET's default bounded channel ({@code AllowSynchronousContinuations = false}) never runs a
     * reader's continuation on the writer's thread; ours always does (a documented difference),
     * which is .NET's behaviour with the option set.
     */
    // .NET: BoundedChannelTests.AllowSynchronousContinuations_Reading_ContinuationsInvokedAccordingToSetting
    @ParameterizedTest
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void readingContinuationRunsOnWritersThread(boolean cancelable, boolean waitToReadAsync) {
        Channel<Integer> c = Channel.bounded(1);
        CancellationToken ct = cancelable ? new CancellationTokenSource().token() : CancellationToken.NONE;
        Thread writer = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Awaitable<?> t = waitToReadAsync
                ? c.reader().waitToReadAsync(ct).asAwaitable()
                : c.reader().readAsync(ct).asAwaitable();
        Awaitable<?> r = t.map(v -> {
            ranOn.set(Thread.currentThread());
            return v;
        });
        assertThat(c.writer().writeAsync(42).isCompletedSuccessfully()).isTrue();
        await(r);
        // Differs from .NET: a channel runs its operations' continuations synchronously, on the thread
        // that wrote or completed (.NET's AllowSynchronousContinuations = true; .NET defaults to false).
        // Documented in Channel's Javadoc and README's differences from .NET.
        assertThat(ranOn.get()).isSameAs(writer);
    }

    // .NET: BoundedChannelTests.AllowSynchronousContinuations_CompletionTask_ContinuationsInvokedAccordingToSetting
    @Test
    void completionContinuationRunsOnCompletersThread() {
        Channel<Integer> c = Channel.bounded(1);
        Thread completer = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Awaitable<Void> r = c.reader().completion().map(v -> {
            ranOn.set(Thread.currentThread());
            return null;
        });
        assertThat(c.writer().tryComplete()).isTrue();
        await(r);
        // Differs from .NET: a channel runs its operations' continuations synchronously, on the thread
        // that wrote or completed (.NET's AllowSynchronousContinuations = true; .NET defaults to false).
        // Documented in Channel's Javadoc and README's differences from .NET.
        assertThat(ranOn.get()).isSameAs(completer);
    }

    // .NET: BoundedChannelTests.TryWrite_NoBlockedReaders_WaitingReader_WaiterNotified
    @Test
    void tryWriteNoBlockedReadersWaitingReaderWaiterNotified() {
        Channel<Integer> c = createChannel();
        Awaitable<Boolean> r = c.reader().waitToReadAsync().asAwaitable();
        assertThat(c.writer().tryWrite(42)).isTrue();
        assertThat(await(r)).isTrue();
    }
}
