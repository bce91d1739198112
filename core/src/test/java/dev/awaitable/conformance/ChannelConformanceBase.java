package dev.awaitable.conformance;

import static dev.awaitable.conformance.Conformance.assertCanceled;
import static dev.awaitable.conformance.Conformance.assertSynchronousSuccess;
import static dev.awaitable.conformance.Conformance.assertSynchronousTrue;
import static dev.awaitable.conformance.Conformance.awaitFailure;
import static dev.awaitable.conformance.Conformance.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.CompletionSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.channels.Channel;
import dev.awaitable.channels.ChannelClosedException;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.streams.AsyncStream;
import dev.awaitable.testkit.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code ChannelTestBase} (ChannelTestBase.cs and ChannelTestBase.netcoreapp.cs), run by
 * each kind of channel: {@link UnboundedChannelConformanceTest} and
 * {@link BoundedChannelConformanceTest}. {@code CreateFullChannel} returns null where a channel
 * cannot be full, as in .NET, and the tests that need one return early.
 *
 * <p>Mapping: {@code ValueTask} is {@link ValueAwaitable} ({@code AsTask()} is
 * {@code asAwaitable()}), {@code TryRead(out x)} is {@code tryRead()} returning null for none,
 * {@code InvalidOperationException} is {@link IllegalStateException} (which
 * {@link ChannelClosedException} extends), {@code ReadAllAsync} is {@code readAll()}. Items
 * cannot be null, so {@code default(int)} is 0.
 */
abstract class ChannelConformanceBase extends Contract {

    abstract Channel<Integer> newChannel();

    /** A channel with no room left, or null if this kind of channel is never full. */
    abstract Channel<Integer> newFullChannel();

    private final List<Channel<Integer>> channels = new ArrayList<>();

    Channel<Integer> createChannel() {
        return track(newChannel());
    }

    Channel<Integer> createFullChannel() {
        return track(newFullChannel());
    }

    private Channel<Integer> track(Channel<Integer> c) {
        if (c != null) {
            channels.add(c);
        }
        return c;
    }

    /** A channel completed with an error faults its completion; observe it, as .NET's tests need not. */
    @AfterEach
    void observeCompletions() {
        for (Channel<Integer> c : channels) {
            c.reader().completion().exception();
        }
    }

    private final List<ExecutorService> pools = new ArrayList<>();

    /** Platform threads for the producer/consumer tests, shut down after the test. */
    ExecutorService threads(int n) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void shutDownThreads() throws InterruptedException {
        for (ExecutorService p : pools) {
            p.shutdownNow();
            assertThat(p.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    static void join(List<? extends Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /* ---------------- ChannelTestBase.cs ---------------- */

    // .NET: ChannelTestBase.ValidateDebuggerAttributes
    // Not ported: no Java counterpart: debugger display attributes

    // .NET: ChannelTestBase.Cast_MatchesInOut
    // Not ported: no Java counterpart: Channel has no implicit conversion to its reader and writer

    // .NET: ChannelTestBase.Completion_Idempotent
    @Test
    void completionIdempotent() {
        Channel<Integer> c = createChannel();
        Awaitable<Void> completion = c.reader().completion();
        assertThat(completion.status()).isEqualTo(AwaitableStatus.PENDING);
        assertThat(c.reader().completion()).isSameAs(completion);
        c.writer().complete();
        assertThat(c.reader().completion()).isSameAs(completion);
        assertThat(completion.status()).isEqualTo(AwaitableStatus.SUCCEEDED);
    }

    // .NET: ChannelTestBase.Complete_AfterEmpty_NoWaiters_TriggersCompletion
    @Test
    void completeAfterEmptyNoWaitersTriggersCompletion() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        await(c.reader().completion());
    }

    // .NET: ChannelTestBase.Complete_AfterEmpty_WaitingReader_TriggersCompletion
    @Test
    void completeAfterEmptyWaitingReaderTriggersCompletion() {
        Channel<Integer> c = createChannel();
        Awaitable<Integer> r = c.reader().readAsync().asAwaitable();
        c.writer().complete();
        await(c.reader().completion());
        assertThat(awaitFailure(r)).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ChannelTestBase.Complete_BeforeEmpty_WaitingReaders_TriggersCompletion
    @Test
    void completeBeforeEmptyWaitingReadersTriggersCompletion() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Integer> read = c.reader().readAsync();
        c.writer().complete();
        await(c.reader().completion());
        assertThat(awaitFailure(read)).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ChannelTestBase.Complete_Twice_ThrowsInvalidOperationException
    @Test
    void completeTwiceThrows() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        assertThatThrownBy(() -> c.writer().complete()).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ChannelTestBase.TryComplete_Twice_ReturnsTrueThenFalse
    @Test
    void tryCompleteTwiceReturnsTrueThenFalse() {
        Channel<Integer> c = createChannel();
        assertThat(c.writer().tryComplete()).isTrue();
        assertThat(c.writer().tryComplete()).isFalse();
        assertThat(c.writer().tryComplete()).isFalse();
    }

    // .NET: ChannelTestBase.TryComplete_ErrorsPropage
    @Test
    void tryCompleteErrorsPropagate() {
        Channel<Integer> c = createChannel();
        assertThat(c.writer().tryComplete()).isTrue();
        await(c.reader().completion());

        c = createChannel();
        assertThat(c.writer().tryComplete(new NumberFormatException())).isTrue();
        assertThat(awaitFailure(c.reader().completion())).isInstanceOf(NumberFormatException.class);

        c = createChannel();
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        assertThat(c.writer().tryComplete(new OperationCanceledException(cts.token())))
                .isTrue();
        assertCanceled(c.reader().completion(), cts.token());
    }

    // .NET: ChannelTestBase.Count_ThrowsIfUnsupported
    // Not ported: no Java counterpart: every channel here can count (no CanCount)

    // .NET: ChannelTestBase.SingleProducerConsumer_ConcurrentReadWrite_Success
    @Test
    void singleProducerConsumerConcurrentReadWrite() throws Exception {
        Channel<Integer> c = createChannel();
        int items = 10_000; // .NET: 100,000; blocking joins per item here
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

    // .NET: ChannelTestBase.SingleProducerConsumer_PingPong_Success
    @Test
    void singleProducerConsumerPingPong() throws Exception {
        Channel<Integer> c1 = createChannel();
        Channel<Integer> c2 = createChannel();
        int items = 10_000; // .NET: 100,000
        ExecutorService pool = threads(2);
        join(List.of(
                pool.submit(() -> {
                    for (int i = 0; i < items; i++) {
                        assertThat(awaitValue(c1.reader().readAsync())).isEqualTo(i);
                        awaitValue(c2.writer().writeAsync(i));
                    }
                }),
                pool.submit(() -> {
                    for (int i = 0; i < items; i++) {
                        awaitValue(c1.writer().writeAsync(i));
                        assertThat(awaitValue(c2.reader().readAsync())).isEqualTo(i);
                    }
                })));
    }

    // .NET: ChannelTestBase.ManyProducerConsumer_ConcurrentReadWrite_Success
    @ParameterizedTest
    @CsvSource({"1, 1", "1, 10", "10, 1", "10, 10"})
    void manyProducerConsumerConcurrentReadWrite(int readers, int writers) throws Exception {
        Channel<Integer> c = createChannel();
        int items = 10_000;
        AtomicLong readTotal = new AtomicLong();
        AtomicInteger remainingWriters = new AtomicInteger(writers);
        AtomicInteger remainingItems = new AtomicInteger(items);
        ExecutorService pool = threads(readers + writers);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            tasks.add(pool.submit(() -> {
                try {
                    while (awaitValue(c.reader().waitToReadAsync())) {
                        Integer v = c.reader().tryRead();
                        if (v != null) {
                            readTotal.addAndGet(v);
                        }
                    }
                } catch (ChannelClosedException expected) {
                    // as in .NET: a reader may find the channel closed
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

    // .NET: ChannelTestBase.WaitToReadAsync_DataAvailableBefore_CompletesSynchronously
    @Test
    void waitToReadAsyncDataAvailableBeforeCompletesSynchronously() {
        Channel<Integer> c = createChannel();
        c.writer().writeAsync(42);
        assertThat(c.reader().waitToReadAsync().isCompletedSuccessfully()).isTrue();
    }

    // .NET: ChannelTestBase.WaitToReadAsync_DataAvailableAfter_CompletesAsynchronously
    @Test
    void waitToReadAsyncDataAvailableAfterCompletesAsynchronously() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Boolean> read = c.reader().waitToReadAsync();
        assertThat(read.isCompleted()).isFalse();
        c.writer().writeAsync(42);
        assertThat(awaitValue(read)).isTrue();
    }

    // .NET: ChannelTestBase.WaitToReadAsync_AfterComplete_SynchronouslyCompletes
    @Test
    void waitToReadAsyncAfterCompleteSynchronouslyCompletes() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        ValueAwaitable<Boolean> read = c.reader().waitToReadAsync();
        assertThat(read.isCompletedSuccessfully()).isTrue();
        assertThat(read.getResult()).isFalse();
    }

    // .NET: ChannelTestBase.WaitToReadAsync_BeforeComplete_AsynchronouslyCompletes
    @Test
    void waitToReadAsyncBeforeCompleteAsynchronouslyCompletes() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Boolean> read = c.reader().waitToReadAsync();
        assertThat(read.isCompleted()).isFalse();
        c.writer().complete();
        assertThat(awaitValue(read)).isFalse();
    }

    // .NET: ChannelTestBase.WaitToWriteAsync_AfterComplete_SynchronouslyCompletes
    @Test
    void waitToWriteAsyncAfterCompleteSynchronouslyCompletes() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        ValueAwaitable<Boolean> write = c.writer().waitToWriteAsync();
        assertThat(write.isCompletedSuccessfully()).isTrue();
        assertThat(write.getResult()).isFalse();
    }

    // .NET: ChannelTestBase.WaitToWriteAsync_EmptyChannel_SynchronouslyCompletes
    @Test
    void waitToWriteAsyncEmptyChannelSynchronouslyCompletes() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Boolean> write = c.writer().waitToWriteAsync();
        assertThat(write.isCompletedSuccessfully()).isTrue();
        assertThat(write.getResult()).isTrue();
    }

    // .NET: ChannelTestBase.WaitToWriteAsync_ManyConcurrent_SatisifedByReaders
    @Test
    void waitToWriteAsyncManyConcurrentSatisfiedByReaders() {
        Channel<Integer> c = createChannel();
        List<Awaitable<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writers.add(c.writer().waitToWriteAsync().asAwaitable());
        }
        for (int i = 0; i < 100; i++) {
            c.reader().readAsync().asAwaitable();
        }
        await(Awaitables.whenAll(writers));
    }

    // .NET: ChannelTestBase.WaitToWriteAsync_BlockedReader_ReturnsTrue
    @Test
    void waitToWriteAsyncBlockedReaderReturnsTrue() {
        Channel<Integer> c = createChannel();
        c.reader().readAsync();
        assertSynchronousSuccess(c.writer().waitToWriteAsync());
    }

    // .NET: ChannelTestBase.TryRead_DataAvailable_Success
    @Test
    void tryReadDataAvailable() {
        Channel<Integer> c = createChannel();
        assertThat(c.writer().writeAsync(42).isCompletedSuccessfully()).isTrue();
        assertThat(c.reader().tryRead()).isEqualTo(42);
    }

    // .NET: ChannelTestBase.TryRead_AfterComplete_ReturnsFalse
    @Test
    void tryReadAfterCompleteReturnsNothing() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        assertThat(c.reader().tryRead()).isNull();
    }

    // .NET: ChannelTestBase.TryPeek_SucceedsWhenDataAvailable
    @Test
    void tryPeekSucceedsWhenDataAvailable() {
        Channel<Integer> c = createChannel();
        for (int i = 0; i < 3; i++) {
            assertThat(c.writer().writeAsync(42).isCompletedSuccessfully()).isTrue();
            assertThat(c.reader().tryPeek()).isEqualTo(42);
            assertThat(c.reader().tryRead()).isEqualTo(42);
            assertThat(c.reader().tryPeek()).isNull();
        }
        assertThat(c.writer().writeAsync(84).isCompletedSuccessfully()).isTrue();
        c.writer().complete();
        assertThat(c.reader().tryPeek()).isEqualTo(84);
        assertThat(c.reader().tryRead()).isEqualTo(84);
        assertThat(c.reader().tryPeek()).isNull();
    }

    // .NET: ChannelTestBase.TryWrite_AfterComplete_ReturnsFalse
    @Test
    void tryWriteAfterCompleteReturnsFalse() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        assertThat(c.writer().tryWrite(42)).isFalse();
    }

    // .NET: ChannelTestBase.WriteAsync_AfterComplete_ThrowsException
    @Test
    void writeAsyncAfterCompleteThrows() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        assertThat(awaitFailure(c.writer().writeAsync(42))).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ChannelTestBase.Complete_WithException_PropagatesToCompletion
    @Test
    void completeWithExceptionPropagatesToCompletion() {
        Channel<Integer> c = createChannel();
        NumberFormatException exc = new NumberFormatException();
        c.writer().complete(exc);
        assertThat(awaitFailure(c.reader().completion())).isSameAs(exc);
    }

    // .NET: ChannelTestBase.Complete_WithCancellationException_PropagatesToCompletion
    @Test
    void completeWithCancellationExceptionPropagatesToCompletion() {
        Channel<Integer> c = createChannel();
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        Throwable exc = null;
        try {
            cts.token().throwIfCancellationRequested();
        } catch (OperationCanceledException e) {
            exc = e;
        }
        c.writer().complete(exc);
        assertCanceled(c.reader().completion(), cts.token());
    }

    // .NET: ChannelTestBase.Complete_WithException_PropagatesToExistingWriter
    @Test
    void completeWithExceptionPropagatesToExistingWriter() {
        Channel<Integer> c = createFullChannel();
        if (c == null) {
            return;
        }
        ValueAwaitable<Boolean> write = c.writer().writeAsync(42);
        NumberFormatException exc = new NumberFormatException();
        c.writer().complete(exc);
        Throwable t = awaitFailure(write);
        assertThat(t).isInstanceOf(ChannelClosedException.class);
        assertThat(t.getCause()).isSameAs(exc);
    }

    // .NET: ChannelTestBase.Complete_WithException_PropagatesToNewWriter
    @Test
    void completeWithExceptionPropagatesToNewWriter() {
        Channel<Integer> c = createChannel();
        NumberFormatException exc = new NumberFormatException();
        c.writer().complete(exc);
        Throwable t = awaitFailure(c.writer().writeAsync(42));
        assertThat(t).isInstanceOf(ChannelClosedException.class);
        assertThat(t.getCause()).isSameAs(exc);
    }

    // .NET: ChannelTestBase.Complete_WithException_PropagatesToExistingWaitingReader
    @Test
    void completeWithExceptionPropagatesToExistingWaitingReader() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Boolean> read = c.reader().waitToReadAsync();
        c.writer().complete(new NumberFormatException());
        assertThat(awaitFailure(read)).isInstanceOf(NumberFormatException.class);
    }

    // .NET: ChannelTestBase.Complete_WithException_PropagatesToNewWaitingReader
    @Test
    void completeWithExceptionPropagatesToNewWaitingReader() {
        Channel<Integer> c = createChannel();
        c.writer().complete(new NumberFormatException());
        assertThat(awaitFailure(c.reader().waitToReadAsync())).isInstanceOf(NumberFormatException.class);
    }

    // .NET: ChannelTestBase.Complete_WithException_PropagatesToNewWaitingWriter
    @Test
    void completeWithExceptionPropagatesToNewWaitingWriter() {
        Channel<Integer> c = createChannel();
        c.writer().complete(new NumberFormatException());
        assertThat(awaitFailure(c.writer().waitToWriteAsync())).isInstanceOf(NumberFormatException.class);
    }

    // .NET: ChannelTestBase.ManyWriteAsync_ThenManyTryRead_Success
    @Test
    void manyWriteAsyncThenManyTryRead() {
        Channel<Integer> c = createChannel();
        int items = 2000;
        List<ValueAwaitable<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            writers.add(c.writer().writeAsync(i));
        }
        for (int i = 0; i < items; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
        assertThat(writers).allMatch(ValueAwaitable::isCompleted);
    }

    // .NET: ChannelTestBase.Precancellation_Writing_ReturnsImmediately
    @Test
    void precancellationWritingReturnsImmediately() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Boolean> write = c.writer().writeAsync(42, CancellationToken.cancelled());
        assertThat(write.status()).isEqualTo(AwaitableStatus.CANCELLED);
        ValueAwaitable<Boolean> wait = c.writer().waitToWriteAsync(CancellationToken.cancelled());
        assertThat(wait.status()).isEqualTo(AwaitableStatus.CANCELLED);
    }

    // .NET: ChannelTestBase.Write_WaitToReadAsync_CompletesSynchronously
    @Test
    void writeWaitToReadAsyncCompletesSynchronously() {
        Channel<Integer> c = createChannel();
        c.writer().writeAsync(42);
        assertSynchronousTrue(c.reader().waitToReadAsync());
    }

    // .NET: ChannelTestBase.Precancellation_WaitToReadAsync_ReturnsImmediately
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void precancellationWaitToReadAsyncReturnsImmediately(boolean dataAvailable) {
        Channel<Integer> c = createChannel();
        if (dataAvailable) {
            assertThat(c.writer().tryWrite(42)).isTrue();
        }
        assertThat(c.reader().waitToReadAsync(CancellationToken.cancelled()).status())
                .isEqualTo(AwaitableStatus.CANCELLED);
    }

    // .NET: ChannelTestBase.WaitToReadAsync_DataWritten_CompletesSuccessfully
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void waitToReadAsyncDataWrittenCompletesSuccessfully(boolean cancelable) {
        Channel<Integer> c = createChannel();
        CancellationToken token = cancelable ? new CancellationTokenSource().token() : CancellationToken.NONE;
        ValueAwaitable<Boolean> read = c.reader().waitToReadAsync(token);
        assertThat(read.isCompleted()).isFalse();
        c.writer().writeAsync(42, token);
        assertThat(awaitValue(read)).isTrue();
    }

    // .NET: ChannelTestBase.WaitToReadAsync_NoDataWritten_Canceled_CompletesAsCanceled
    @Test
    void waitToReadAsyncNoDataWrittenCanceledCompletesAsCanceled() {
        Channel<Integer> c = createChannel();
        CancellationTokenSource cts = new CancellationTokenSource();
        ValueAwaitable<Boolean> read = c.reader().waitToReadAsync(cts.token());
        assertThat(read.isCompleted()).isFalse();
        cts.cancel();
        assertThat(awaitFailure(read)).isInstanceOf(OperationCanceledException.class);
    }

    // .NET: ChannelTestBase.ReadAsync_ThenWriteAsync_Succeeds
    @Test
    void readAsyncThenWriteAsyncSucceeds() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Integer> r = c.reader().readAsync();
        assertThat(r.isCompleted()).isFalse();
        ValueAwaitable<Boolean> w = c.writer().writeAsync(42);
        assertSynchronousSuccess(w);
        assertThat(awaitValue(r)).isEqualTo(42);
    }

    // .NET: ChannelTestBase.WriteAsync_ReadAsync_Succeeds
    @Test
    void writeAsyncReadAsyncSucceeds() {
        Channel<Integer> c = createChannel();
        Awaitable<Boolean> w = c.writer().writeAsync(42).asAwaitable();
        Awaitable<Integer> r = c.reader().readAsync().asAwaitable();
        await(Awaitables.whenAll(w, r));
        assertThat(await(r)).isEqualTo(42);
    }

    // .NET: ChannelTestBase.Precancellation_ReadAsync_ReturnsImmediately
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void precancellationReadAsyncReturnsImmediately(boolean dataAvailable) {
        Channel<Integer> c = createChannel();
        if (dataAvailable) {
            assertThat(c.writer().tryWrite(42)).isTrue();
        }
        assertThat(c.reader().readAsync(CancellationToken.cancelled()).status()).isEqualTo(AwaitableStatus.CANCELLED);
    }

    // .NET: ChannelTestBase.ReadAsync_Canceled_CanceledAsynchronously
    @Test
    void readAsyncCanceledCanceledAsynchronously() {
        Channel<Integer> c = createChannel();
        CancellationTokenSource cts = new CancellationTokenSource();
        ValueAwaitable<Integer> r = c.reader().readAsync(cts.token());
        assertThat(r.isCompleted()).isFalse();
        cts.cancel();
        assertCanceled(r, cts.token());
        if (c.writer().tryWrite(42)) {
            assertThat(awaitValue(c.reader().readAsync())).isEqualTo(42);
        }
    }

    // .NET: ChannelTestBase.ReadAsync_WriteAsync_ManyConcurrentReaders_SerializedWriters_Success
    @Test
    void readAsyncWriteAsyncManyConcurrentReadersSerializedWriters() {
        Channel<Integer> c = createChannel();
        int items = 100;
        List<Awaitable<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            readers.add(c.reader().readAsync().asAwaitable());
        }
        for (int i = 0; i < items; i++) {
            awaitValue(c.writer().writeAsync(i));
        }
        assertThat(await(Awaitables.whenAll(readers)).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(items * (items - 1) / 2);
    }

    // .NET: ChannelTestBase.ReadAsync_TryWrite_ManyConcurrentReaders_SerializedWriters_Success
    @Test
    void readAsyncTryWriteManyConcurrentReadersSerializedWriters() {
        Channel<Integer> c = createChannel();
        int items = 100;
        List<Awaitable<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            readers.add(c.reader().readAsync().asAwaitable());
        }
        List<Awaitable<Integer>> remaining = new ArrayList<>(readers);
        for (int i = 0; i < items; i++) {
            assertThat(c.writer().tryWrite(i)).as("write %d", i).isTrue();
            Awaitable<Integer> r = await(Awaitables.whenAny(remaining));
            await(r);
            remaining.remove(r);
        }
        assertThat(await(Awaitables.whenAll(readers)).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(items * (items - 1) / 2);
    }

    // .NET: ChannelTestBase.ReadAsync_AlreadyCompleted_Throws
    @Test
    void readAsyncAlreadyCompletedThrows() {
        Channel<Integer> c = createChannel();
        c.writer().complete();
        assertThat(awaitFailure(c.reader().readAsync())).isInstanceOf(ChannelClosedException.class);
    }

    // .NET: ChannelTestBase.ReadAsync_SubsequentlyCompleted_Throws
    @Test
    void readAsyncSubsequentlyCompletedThrows() {
        Channel<Integer> c = createChannel();
        Awaitable<Integer> r = c.reader().readAsync().asAwaitable();
        assertThat(r.isCompleted()).isFalse();
        c.writer().complete();
        assertThat(awaitFailure(r)).isInstanceOf(ChannelClosedException.class);
    }

    // .NET: ChannelTestBase.ReadAsync_AfterFaultedChannel_Throws
    @Test
    void readAsyncAfterFaultedChannelThrows() {
        Channel<Integer> c = createChannel();
        NumberFormatException e = new NumberFormatException();
        c.writer().complete(e);
        assertThat(c.reader().completion().isFaulted()).isTrue();
        Throwable t = awaitFailure(c.reader().readAsync());
        assertThat(t).isInstanceOf(ChannelClosedException.class);
        assertThat(t.getCause()).isSameAs(e);
    }

    // .NET: ChannelTestBase.ReadAsync_AfterCanceledChannel_Throws
    @Test
    void readAsyncAfterCanceledChannelThrows() {
        Channel<Integer> c = createChannel();
        c.writer().complete(new OperationCanceledException(CancellationToken.NONE));
        assertThat(c.reader().completion().isCancelled()).isTrue();
        assertThat(awaitFailure(c.reader().readAsync())).isInstanceOf(OperationCanceledException.class);
    }

    // .NET: ChannelTestBase.ReadAsync_Canceled_WriteAsyncCompletesNextReader
    @Test
    void readAsyncCanceledWriteAsyncCompletesNextReader() {
        Channel<Integer> c = createChannel();
        for (int i = 0; i < 5; i++) {
            CancellationTokenSource cts = new CancellationTokenSource();
            ValueAwaitable<Integer> r = c.reader().readAsync(cts.token());
            cts.cancel();
            assertCanceled(r, cts.token());
        }
        for (int i = 0; i < 7; i++) {
            ValueAwaitable<Integer> r = c.reader().readAsync();
            awaitValue(c.writer().writeAsync(i));
            assertThat(awaitValue(r)).isEqualTo(i);
        }
    }

    // .NET: ChannelTestBase.ReadAsync_ConsecutiveReadsSucceed
    @Test
    void readAsyncConsecutiveReadsSucceed() {
        Channel<Integer> c = createChannel();
        for (int i = 0; i < 5; i++) {
            ValueAwaitable<Integer> r = c.reader().readAsync();
            awaitValue(c.writer().writeAsync(i));
            assertThat(awaitValue(r)).isEqualTo(i);
        }
    }

    // .NET: ChannelTestBase.WaitToReadAsync_ConsecutiveReadsSucceed
    @Test
    void waitToReadAsyncConsecutiveReadsSucceed() {
        Channel<Integer> c = createChannel();
        for (int i = 0; i < 5; i++) {
            ValueAwaitable<Boolean> r = c.reader().waitToReadAsync();
            awaitValue(c.writer().writeAsync(i));
            assertThat(awaitValue(r)).isTrue();
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
    }

    /** Registers twice on {@code v} the way the .NET theory's row says; the second must throw. */
    private static void assertSecondContinuationThrows(
            ValueAwaitable<?> v, boolean onCompleted, Boolean continueOnCapturedContext) {
        Runnable register = () -> {
            dev.awaitable.Awaiter<?> a = continueOnCapturedContext == null
                    ? v.getAwaiter()
                    : v.configureAwait(continueOnCapturedContext).getAwaiter();
            if (onCompleted) {
                a.onCompleted(() -> {});
            } else {
                a.unsafeOnCompleted(() -> {});
            }
        };
        register.run();
        assertThatThrownBy(register::run).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ChannelTestBase.WaitToReadAsync_MultipleContinuations_Throws
    @ParameterizedTest
    @CsvSource({"false,", "false, false", "false, true", "true,", "true, false", "true, true"})
    void waitToReadAsyncMultipleContinuationsThrows(boolean onCompleted, Boolean continueOnCapturedContext) {
        Channel<Integer> c = createChannel();
        assertSecondContinuationThrows(c.reader().waitToReadAsync(), onCompleted, continueOnCapturedContext);
    }

    // .NET: ChannelTestBase.ReadAsync_MultipleContinuations_Throws
    @ParameterizedTest
    @CsvSource({"false,", "false, false", "false, true", "true,", "true, false", "true, true"})
    void readAsyncMultipleContinuationsThrows(boolean onCompleted, Boolean continueOnCapturedContext) {
        Channel<Integer> c = createChannel();
        assertSecondContinuationThrows(c.reader().readAsync(), onCompleted, continueOnCapturedContext);
    }

    /** After the one await, every further use of the ValueAwaitable throws. */
    private static void assertConsumed(ValueAwaitable<?> v) {
        assertThatThrownBy(() -> v.getAwaiter().isCompleted()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> v.getAwaiter().onCompleted(() -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> v.getAwaiter().getResult()).isInstanceOf(IllegalStateException.class);
    }

    // .NET: ChannelTestBase.WaitToReadAsync_AwaitThenGetResult_Throws
    @Test
    void waitToReadAsyncAwaitThenGetResultThrows() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Boolean> read = c.reader().waitToReadAsync();
        assertThat(c.writer().tryWrite(42)).isTrue();
        assertThat(awaitValue(read)).isTrue();
        assertConsumed(read);
    }

    // .NET: ChannelTestBase.ReadAsync_AwaitThenGetResult_Throws
    @Test
    void readAsyncAwaitThenGetResultThrows() {
        Channel<Integer> c = createChannel();
        ValueAwaitable<Integer> read = c.reader().readAsync();
        assertThat(c.writer().tryWrite(42)).isTrue();
        assertThat(awaitValue(read)).isEqualTo(42);
        assertConsumed(read);
    }

    // .NET: ChannelTestBase.WaitToWriteAsync_AwaitThenGetResult_Throws
    @Test
    void waitToWriteAsyncAwaitThenGetResultThrows() {
        Channel<Integer> c = createFullChannel();
        if (c == null) {
            return;
        }
        ValueAwaitable<Boolean> write = c.writer().waitToWriteAsync();
        awaitValue(c.reader().readAsync());
        assertThat(awaitValue(write)).isTrue();
        assertConsumed(write);
    }

    // .NET: ChannelTestBase.WriteAsync_AwaitThenGetResult_Throws
    @Test
    void writeAsyncAwaitThenGetResultThrows() {
        Channel<Integer> c = createFullChannel();
        if (c == null) {
            return;
        }
        ValueAwaitable<Boolean> write = c.writer().writeAsync(42);
        awaitValue(c.reader().readAsync());
        awaitValue(write);
        assertConsumed(write);
    }

    // .NET: ChannelTestBase.WaitToWriteAsync_MultipleContinuations_Throws
    @ParameterizedTest
    @CsvSource({"false,", "false, false", "false, true", "true,", "true, false", "true, true"})
    void waitToWriteAsyncMultipleContinuationsThrows(boolean onCompleted, Boolean continueOnCapturedContext) {
        Channel<Integer> c = createFullChannel();
        if (c == null) {
            return;
        }
        assertSecondContinuationThrows(c.writer().waitToWriteAsync(), onCompleted, continueOnCapturedContext);
    }

    // .NET: ChannelTestBase.WriteAsync_MultipleContinuations_Throws
    @ParameterizedTest
    @CsvSource({"false,", "false, false", "false, true", "true,", "true, false", "true, true"})
    void writeAsyncMultipleContinuationsThrows(boolean onCompleted, Boolean continueOnCapturedContext) {
        Channel<Integer> c = createFullChannel();
        if (c == null) {
            return;
        }
        assertSecondContinuationThrows(c.writer().writeAsync(42), onCompleted, continueOnCapturedContext);
    }

    /**
     * The context half of the .NET theory (its ExecutionContext half has no counterpart): a
     * continuation registered with a context current resumes there unless configured not to.
     */
    // .NET: ChannelTestBase.Reader_ContinuesOnCurrentSynchronizationContextIfDesired
    @ParameterizedTest
    @CsvSource({
        "true, true,", "true, true, false", "true, true, true",
        "true, false,", "true, false, false", "true, false, true",
        "false, true,", "false, true, false", "false, true, true",
        "false, false,", "false, false, false", "false, false, true"
    })
    void readerContinuesOnCurrentContextIfDesired(
            boolean readOrWait, boolean completeBeforeOnCompleted, Boolean continueOnCapturedContext) {
        Channel<Integer> c = createChannel();
        ValueAwaitable<?> vt = readOrWait ? c.reader().readAsync() : c.reader().waitToReadAsync();
        ExecutorService pool = threads(1);
        AsyncContext context = AsyncContext.fromExecutor("conformance-context", pool);
        CompletionSource<AsyncContext> ran = new CompletionSource<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Runnable continuation = () -> {
            ranOn.set(Thread.currentThread());
            ran.trySetResult(AsyncContext.current());
        };
        if (completeBeforeOnCompleted) {
            assertThat(vt.isCompleted()).isFalse();
            c.writer().tryWrite(1);
        }
        AsyncContext.Scope scope = AsyncContext.enter(context);
        try {
            if (continueOnCapturedContext == null) {
                vt.getAwaiter().onCompleted(continuation);
            } else {
                vt.configureAwait(continueOnCapturedContext).getAwaiter().onCompleted(continuation);
            }
        } finally {
            scope.close();
        }
        if (!completeBeforeOnCompleted) {
            assertThat(vt.isCompleted()).isFalse();
            c.writer().tryWrite(1);
        }
        AsyncContext resumedOn = await(ran.awaitable());
        assertThat(vt.isCompletedSuccessfully()).isTrue();
        if (!Boolean.FALSE.equals(continueOnCapturedContext)) {
            assertThat(resumedOn).as("resumed on the captured context").isSameAs(context);
        } else if (!completeBeforeOnCompleted) {
            assertThat(resumedOn).as("resumed without the context").isNull();
        } else {
            // Differs from .NET: a continuation registered after completion runs at once on the
            // registering thread (CompletionSource Javadoc: "Continuations registered after
            // completion run at once"), here still inside the context; .NET queues it to the pool.
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        }
    }

    // .NET: ChannelTestBase.Reader_ContinuesOnCurrentTaskSchedulerIfDesired
    // Not ported: no Java counterpart: no TaskScheduler; contexts are covered by the SynchronizationContext test

    // .NET: ChannelTestBase.ValueTask_GetResultWhenNotCompleted_Throws
    @Test
    void valueTaskGetResultWhenNotCompletedThrows() {
        assertThatThrownBy(
                        () -> createChannel().reader().readAsync().getAwaiter().getResult())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        createChannel().reader().waitToReadAsync().getAwaiter().getResult())
                .isInstanceOf(IllegalStateException.class);
        if (createFullChannel() != null) {
            assertThatThrownBy(() -> createFullChannel()
                            .writer()
                            .writeAsync(42)
                            .getAwaiter()
                            .getResult())
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> createFullChannel()
                            .writer()
                            .waitToWriteAsync()
                            .getAwaiter()
                            .getResult())
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    // .NET: ChannelTestBase.ValueTask_MultipleContinuations_Throws
    @Test
    void valueTaskMultipleContinuationsThrows() {
        List<ValueAwaitable<?>> ops = new ArrayList<>(List.of(
                createChannel().reader().readAsync(), createChannel().reader().waitToReadAsync()));
        if (createFullChannel() != null) {
            ops.add(createFullChannel().writer().writeAsync(42));
            ops.add(createFullChannel().writer().waitToWriteAsync());
        }
        for (ValueAwaitable<?> op : ops) {
            dev.awaitable.Awaiter<?> a = op.getAwaiter();
            a.onCompleted(() -> {});
            assertThatThrownBy(() -> a.onCompleted(() -> {})).isInstanceOf(IllegalStateException.class);
        }
    }

    /* ---------------- ChannelTestBase.netcoreapp.cs: ReadAllAsync ---------------- */

    // .NET: ChannelTestBase.ReadAllAsync_NotIdempotent
    @Test
    void readAllNotIdempotent() {
        Channel<Integer> c = createChannel();
        AsyncStream<Integer> e = c.reader().readAll();
        assertThat(e).isNotNull().isNotSameAs(c.reader().readAll());
    }

    // .NET: ChannelTestBase.ReadAllAsync_UseMoveNextAsyncAfterCompleted_ReturnsFalse
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readAllMoveNextAfterCompletedReturnsFalse(boolean completeWhilePending) {
        Channel<Integer> c = createChannel();
        AsyncIterator<Integer> e = c.reader().readAll().iterator();
        ValueAwaitable<Boolean> vt;
        if (completeWhilePending) {
            c.writer().complete();
            vt = e.moveNext();
            assertThat(vt.isCompletedSuccessfully()).isTrue();
            assertThat(vt.getResult()).isFalse();
        } else {
            vt = e.moveNext();
            assertThat(vt.isCompleted()).isFalse();
            c.writer().complete();
            assertThat(awaitValue(vt)).isFalse();
        }
        vt = e.moveNext();
        assertThat(vt.isCompletedSuccessfully()).isTrue();
        assertThat(vt.getResult()).isFalse();
    }

    // .NET: ChannelTestBase.ReadAllAsync_AvailableDataCompletesSynchronously
    @Test
    void readAllAvailableDataCompletesSynchronously() {
        Channel<Integer> c = createChannel();
        AsyncIterator<Integer> e = c.reader().readAll().iterator();
        try {
            for (int i = 100; i < 110; i++) {
                assertThat(c.writer().tryWrite(i)).isTrue();
                ValueAwaitable<Boolean> vt = e.moveNext();
                assertThat(vt.isCompletedSuccessfully()).isTrue();
                assertThat(vt.getResult()).isTrue();
                assertThat(e.current()).isEqualTo(i);
            }
        } finally {
            Awaitable<Void> closed = e.closeAsync();
            assertThat(closed.isCompletedSuccessfully()).isTrue();
        }
    }

    // .NET: ChannelTestBase.ReadAllAsync_UnavailableDataCompletesAsynchronously
    @Test
    void readAllUnavailableDataCompletesAsynchronously() throws Exception {
        Channel<Integer> c = createChannel();
        AsyncIterator<Integer> e = c.reader().readAll().iterator();
        ExecutorService pool = threads(1);
        try {
            for (int i = 100; i < 110; i++) {
                ValueAwaitable<Boolean> vt = e.moveNext();
                assertThat(vt.isCompleted()).isFalse();
                int item = i;
                Future<Boolean> producer = pool.submit(() -> c.writer().tryWrite(item));
                assertThat(awaitValue(vt)).isTrue();
                assertThat(producer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(e.current()).isEqualTo(i);
            }
        } finally {
            assertThat(e.closeAsync().isCompletedSuccessfully()).isTrue();
        }
    }

    // .NET: ChannelTestBase.ReadAllAsync_ProducerConsumer_ConsumesAllData
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 128})
    void readAllProducerConsumerConsumesAllData(int items) throws Exception {
        Channel<Integer> c = createChannel();
        ExecutorService pool = threads(2);
        Future<Long> producer = pool.submit(() -> {
            long total = 0;
            for (int i = 0; i < items; i++) {
                awaitValue(c.writer().writeAsync(i));
                total += i;
            }
            c.writer().complete();
            return total;
        });
        Future<Long> consumer = pool.submit(() -> {
            AsyncIterator<Integer> e = c.reader().readAll().iterator();
            long total = 0;
            try {
                while (awaitValue(e.moveNext())) {
                    total += e.current();
                }
            } finally {
                await(e.closeAsync());
            }
            return total;
        });
        assertThat(consumer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(producer.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    // .NET: ChannelTestBase.ReadAllAsync_MultipleEnumerationsToEnd
    @Test
    void readAllMultipleEnumerationsToEnd() {
        Channel<Integer> c = createChannel();
        assertThat(c.writer().tryWrite(42)).isTrue();
        c.writer().complete();
        AsyncStream<Integer> enumerable = c.reader().readAll();
        AsyncIterator<Integer> e = enumerable.iterator();
        assertThat(awaitValue(e.moveNext())).isTrue();
        assertThat(e.current()).isEqualTo(42);
        assertThat(awaitValue(e.moveNext())).isFalse();
        assertThat(awaitValue(e.moveNext())).isFalse();
        await(e.closeAsync());
        // .NET also asserts the second enumerator is the enumerable itself (an allocation detail)
        e = enumerable.iterator();
        assertThat(awaitValue(e.moveNext())).isFalse();
        assertThat(awaitValue(e.moveNext())).isFalse();
    }

    // .NET: ChannelTestBase.ReadAllAsync_MultipleSingleElementEnumerations_AllItemsEnumerated
    @ParameterizedTest
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void readAllMultipleSingleElementEnumerations(boolean sameEnumerable, boolean dispose) {
        Channel<Integer> c = createChannel();
        AsyncStream<Integer> enumerable = c.reader().readAll();
        for (int i = 0; i < 10; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
            AsyncIterator<Integer> e = (sameEnumerable ? enumerable : c.reader().readAll()).iterator();
            ValueAwaitable<Boolean> vt = e.moveNext();
            assertThat(vt.isCompletedSuccessfully()).isTrue();
            assertThat(vt.getResult()).isTrue();
            assertThat(e.current()).isEqualTo(i);
            if (dispose) {
                assertThat(e.closeAsync().isCompletedSuccessfully()).isTrue();
            }
        }
    }

    // .NET: ChannelTestBase.ReadAllAsync_DualConcurrentEnumeration_AllItemsEnumerated
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readAllDualConcurrentEnumeration(boolean sameEnumerable) {
        Channel<Integer> c = createChannel();
        AsyncStream<Integer> enumerable = c.reader().readAll();
        AsyncIterator<Integer> e1 = enumerable.iterator();
        AsyncIterator<Integer> e2 = (sameEnumerable ? enumerable : c.reader().readAll()).iterator();
        assertThat(e1).isNotSameAs(e2);
        int producerTotal = 0;
        int consumerTotal = 0;
        for (int i = 0; i < 10; i++) {
            Awaitable<Boolean> vt1 = e1.moveNext().asAwaitable();
            Awaitable<Boolean> vt2 = e2.moveNext().asAwaitable();
            // a bounded channel of capacity 1 needs its readers to make room: write without blocking the test thread
            Awaitable<Boolean> w1 = c.writer().writeAsync(i).asAwaitable();
            producerTotal += i;
            Awaitable<Boolean> w2 = c.writer().writeAsync(i * 2).asAwaitable();
            producerTotal += i * 2;
            assertThat(await(vt1)).isTrue();
            assertThat(await(vt2)).isTrue();
            await(w1);
            await(w2);
            consumerTotal += e1.current();
            consumerTotal += e2.current();
        }
        Awaitable<Boolean> vt1 = e1.moveNext().asAwaitable();
        Awaitable<Boolean> vt2 = e2.moveNext().asAwaitable();
        c.writer().complete();
        assertThat(await(vt1)).isFalse();
        assertThat(await(vt2)).isFalse();
        assertThat(consumerTotal).isEqualTo(producerTotal);
    }

    // .NET: ChannelTestBase.ReadAllAsync_CanceledBeforeMoveNextAsync_Throws
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readAllCanceledBeforeMoveNextThrows(boolean dataAvailable) {
        Channel<Integer> c = createChannel();
        if (dataAvailable) {
            assertThat(c.writer().tryWrite(42)).isTrue();
        }
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        AsyncIterator<Integer> e = c.reader().readAll().iterator(cts.token());
        AtomicReference<ValueAwaitable<Boolean>> vt = new AtomicReference<>();
        assertThatCode(() -> vt.set(e.moveNext()))
                .as("moveNext() itself does not throw")
                .doesNotThrowAnyException();
        assertThat(vt.get().isCompleted()).isTrue();
        assertThat(vt.get().isCompletedSuccessfully()).isFalse();
        assertCanceled(vt.get(), cts.token());
        if (dataAvailable) {
            assertThat(c.reader().tryRead())
                    .as("the cancelled moveNext took no item")
                    .isEqualTo(42);
        }
    }

    // .NET: ChannelTestBase.ReadAllAsync_CanceledAfterMoveNextAsync_Throws
    @Test
    void readAllCanceledAfterMoveNextThrows() {
        Channel<Integer> c = createChannel();
        CancellationTokenSource cts = new CancellationTokenSource();
        AsyncIterator<Integer> e = c.reader().readAll().iterator(cts.token());
        ValueAwaitable<Boolean> vt = e.moveNext();
        assertThat(vt.isCompleted()).isFalse();
        cts.cancel();
        Throwable t = awaitFailure(vt);
        assertThat(t).isInstanceOf(OperationCanceledException.class);
        assertThat(((OperationCanceledException) t).token()).isEqualTo(cts.token());
        AtomicReference<ValueAwaitable<Boolean>> next = new AtomicReference<>();
        assertThatCode(() -> next.set(e.moveNext())).doesNotThrowAnyException();
        assertThat(next.get().isCompletedSuccessfully()).isTrue();
        assertThat(next.get().getResult()).isFalse();
    }
}
