package dev.awaitable.conformance;

import static dev.awaitable.conformance.Conformance.assertSynchronousTrue;
import static dev.awaitable.conformance.Conformance.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.channels.Channel;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .NET's {@code UnboundedChannelTests} (with {@code ChannelTestBase}'s tests inherited). .NET runs
 * them four times: single or multiple readers, synchronous continuations allowed or not. We have
 * one unbounded channel: multiple readers, no options; the single-reader variants' own tests are
 * skipped below.
 */
class UnboundedChannelConformanceTest extends ChannelConformanceBase {

    @Override
    Channel<Integer> newChannel() {
        return Channel.unbounded();
    }

    @Override
    Channel<Integer> newFullChannel() {
        return null;
    }

    // .NET: UnboundedChannelTests.Count_IncrementsDecrementsAsExpected
    @Test
    void countIncrementsDecrementsAsExpected() {
        Channel<Integer> c = createChannel();
        int itemsToAdd = 5;
        for (int iter = 0; iter < 2; iter++) {
            for (int i = 0; i < itemsToAdd; i++) {
                assertThat(c.reader().count()).isEqualTo(i);
                assertThat(c.writer().tryWrite(i)).isTrue();
                assertThat(c.reader().count()).isEqualTo(i + 1);
            }
            if (iter != 0) {
                c.writer().complete();
            }
            for (Integer item; (item = c.reader().tryRead()) != null; ) {
                assertThat(c.reader().count()).isEqualTo(itemsToAdd - (item + 1));
            }
            assertThat(c.reader().count()).isZero();
        }
    }

    // .NET: UnboundedChannelTests.Complete_BeforeEmpty_NoWaiters_TriggersCompletion
    @Test
    void completeBeforeEmptyNoWaitersTriggersCompletion() {
        Channel<Integer> c = createChannel();
        assertThat(c.writer().tryWrite(42)).isTrue();
        c.writer().complete();
        assertThat(c.reader().completion().isCompleted()).isFalse();
        assertThat(awaitValue(c.reader().readAsync())).isEqualTo(42);
        await(c.reader().completion());
    }

    // .NET: UnboundedChannelTests.TryWrite_TryRead_Many
    @Test
    void tryWriteTryReadMany() {
        Channel<Integer> c = createChannel();
        int items = 100_000;
        for (int i = 0; i < items; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
        }
        for (int i = 0; i < items; i++) {
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
    }

    // .NET: UnboundedChannelTests.TryWrite_TryRead_OneAtATime
    @Test
    void tryWriteTryReadOneAtATime() {
        Channel<Integer> c = createChannel();
        for (int i = 0; i < 10; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
            assertThat(c.reader().tryRead()).isEqualTo(i);
        }
    }

    // .NET: UnboundedChannelTests.WaitForReadAsync_DataAvailable_CompletesSynchronously
    @Test
    void waitForReadAsyncDataAvailableCompletesSynchronously() {
        Channel<Integer> c = createChannel();
        assertThat(c.writer().tryWrite(42)).isTrue();
        assertSynchronousTrue(c.reader().waitToReadAsync());
    }

    // .NET: UnboundedChannelTests.WriteMany_ThenComplete_SuccessfullyReadAll
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void writeManyThenCompleteSuccessfullyReadAll(int readMode) {
        Channel<Integer> c = createChannel();
        for (int i = 0; i < 10; i++) {
            assertThat(c.writer().tryWrite(i)).isTrue();
        }
        c.writer().complete();
        assertThat(c.reader().completion().isCompleted()).isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(c.reader().completion().isCompleted()).isFalse();
            Integer item =
                    readMode == 0 ? c.reader().tryRead() : awaitValue(c.reader().readAsync());
            assertThat(item).isEqualTo(i);
        }
        await(c.reader().completion());
    }

    /**
     * .NET's default channel ({@code AllowSynchronousContinuations = false}) never runs a waiting
     * reader's continuation on the writer's thread; ours does (a documented difference), as .NET's
     * does with the option set.
     */
    // .NET: UnboundedChannelTests.AllowSynchronousContinuations_WaitToReadAsync_ContinuationsInvokedAccordingToSetting
    @Test
    void waitToReadAsyncContinuationRunsOnWritersThread() {
        Channel<Integer> c = createChannel();
        Thread writer = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Awaitable<Boolean> r = c.reader().waitToReadAsync().asAwaitable().map(b -> {
            ranOn.set(Thread.currentThread());
            return b;
        });
        assertThat(c.writer().writeAsync(42).isCompletedSuccessfully()).isTrue();
        await(r);
        // Differs from .NET: a channel runs its operations' continuations synchronously, on the thread
        // that wrote or completed (.NET's AllowSynchronousContinuations = true; .NET defaults to false).
        // Documented in Channel's Javadoc and README's differences from .NET.
        assertThat(ranOn.get()).isSameAs(writer);
    }

    // .NET: UnboundedChannelTests.AllowSynchronousContinuations_CompletionTask_ContinuationsInvokedAccordingToSetting
    @Test
    void completionContinuationRunsOnCompletersThread() {
        Channel<Integer> c = createChannel();
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

    // .NET: UnboundedChannelTests.Completion_CompletesAfterConcurrentTryReadAndTryComplete
    @Test
    void completionCompletesAfterConcurrentTryReadAndTryComplete() throws Exception {
        ExecutorService pool = threads(2);
        for (int iter = 0; iter < 2_000; iter++) { // .NET: 100,000 (an outer-loop test)
            Channel<Integer> channel = createChannel();
            channel.writer().tryWrite(1);
            channel.writer().tryWrite(2);
            channel.reader().tryRead();
            CyclicBarrier barrier = new CyclicBarrier(2);
            Future<?> t1 = pool.submit(() -> {
                barrier.await();
                return channel.reader().tryRead();
            });
            Future<?> t2 = pool.submit(() -> {
                barrier.await();
                return channel.writer().tryComplete();
            });
            t1.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            t2.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            channel.reader().tryRead();
            await(channel.reader().completion());
        }
    }

    // .NET: SingleReaderUnboundedChannelTests.ValidateInternalDebuggerAttributes
    // Not ported: no Java counterpart: debugger attributes

    // .NET: SingleReaderUnboundedChannelTests.MultipleWaiters_CancelsPreviousWaiter
    // Not ported: no Java counterpart: no SingleReader channel option

    // .NET: SingleReaderUnboundedChannelTests.MultipleReaders_CancelsPreviousReader
    // Not ported: no Java counterpart: no SingleReader channel option

    // .NET: SingleReaderUnboundedChannelTests.WaitToReadAsync_ReturnsFalse_WhenReadAsyncWasCancelledAndChannelCompleted
    @Test
    void waitToReadReturnsFalseWhenReadAsyncWasCancelledAndChannelCompleted() {
        // not single-reader specific in meaning: a cancelled read leaves nothing behind
        Channel<Integer> c = createChannel();
        dev.awaitable.CancellationTokenSource cts = new dev.awaitable.CancellationTokenSource();
        var read = c.reader().readAsync(cts.token());
        cts.cancel();
        assertThat(Conformance.awaitFailure(read)).isInstanceOf(dev.awaitable.OperationCanceledException.class);
        var wait = c.reader().waitToReadAsync(dev.awaitable.CancellationToken.NONE);
        c.writer().complete();
        assertThat(awaitValue(wait)).isFalse();
    }

    // .NET: SingleReaderUnboundedChannelTests.Stress_TryWrite_TryRead
    @Test
    void stressTryWriteTryRead() throws Exception {
        int items = 300_000; // .NET: 3,000,000
        Channel<Integer> c = createChannel();
        ExecutorService pool = threads(2);
        Future<Integer> reader = pool.submit(() -> {
            int received = 0;
            while (awaitValue(c.reader().waitToReadAsync())) {
                for (Integer i; (i = c.reader().tryRead()) != null; ) {
                    assertThat(i).isEqualTo(received);
                    received++;
                }
            }
            return received;
        });
        Future<?> writer = pool.submit(() -> {
            for (int i = 0; i < items; i++) {
                assertThat(c.writer().tryWrite(i)).isTrue();
            }
            c.writer().complete();
        });
        writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(reader.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(items);
    }
}
