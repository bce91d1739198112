package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.OperationCanceledException;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.channels.BoundedChannelFullMode;
import dev.awaitable.channels.Channel;
import dev.awaitable.channels.ChannelClosedException;
import dev.awaitable.streams.AsyncIterator;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Program;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Channel}: unbounded and bounded with every full mode; writes say truthfully whether the item was kept. */
class ChannelContract extends Contract {

    /** Items come out in the order they went in. */
    @Test
    void unboundedIsFifo() {
        Channel<Integer> ch = Channel.unbounded();
        for (int i = 0; i < 100; i++) {
            assertThat(ch.writer().tryWrite(i)).isTrue();
        }
        assertThat(ch.reader().count()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(ch.reader().tryRead()).isEqualTo(i);
        }
        assertThat(ch.reader().tryRead()).isNull();
    }

    /** A read waiting on an empty channel gets the next write directly. */
    @Test
    void pendingReadGetsNextWrite() {
        Channel<String> ch = Channel.unbounded();
        Awaitable<String> reader = start(Program.<String>builder("reader")
                .await(f -> ch.reader().readAsync())
                .returnsLast());
        assertThat(reader.isCompleted()).isFalse();
        ch.writer().tryWrite("hello");
        assertThat(await(reader)).isEqualTo("hello");
        assertThat(ch.reader().count()).isZero();
    }

    /** WAIT mode: a full channel refuses tryWrite and makes writeAsync wait until a read makes room. */
    @Test
    void boundedWaitBlocksWritersUntilRoom() {
        Channel<Integer> ch = Channel.bounded(2);
        assertThat(ch.writer().tryWrite(1)).isTrue();
        assertThat(ch.writer().tryWrite(2)).isTrue();
        assertThat(ch.writer().tryWrite(3)).isFalse();
        ValueAwaitable<Boolean> waiting = ch.writer().writeAsync(3);
        assertThat(waiting.isCompleted()).isFalse();
        ValueAwaitable<Boolean> room = ch.writer().waitToWriteAsync();
        assertThat(room.isCompleted()).isFalse();
        assertThat(ch.reader().tryRead()).isEqualTo(1);
        assertThat(waiting.isCompleted()).isTrue();
        assertThat(waiting.getResult()).isTrue();
        assertThat(ch.reader().tryRead()).isEqualTo(2);
        assertThat(ch.reader().tryRead()).isEqualTo(3);
        assertThat(room.isCompleted()).isTrue();
    }

    /** DROP_WRITE: the written item is dropped when full, and the write says so. */
    @Test
    void dropWriteReportsFalse() {
        List<Integer> dropped = new ArrayList<>();
        Channel<Integer> ch = Channel.bounded(1, BoundedChannelFullMode.DROP_WRITE, dropped::add);
        assertThat(ch.writer().tryWrite(1)).isTrue();
        assertThat(ch.writer().tryWrite(2)).isFalse();
        ValueAwaitable<Boolean> w = ch.writer().writeAsync(3);
        assertThat(w.isCompleted()).isTrue();
        assertThat(w.getResult()).isFalse();
        assertThat(dropped).containsExactly(2, 3);
        assertThat(ch.reader().tryRead()).isEqualTo(1);
    }

    /** DROP_NEWEST: the newest buffered item makes room; the written item is kept. */
    @Test
    void dropNewestKeepsWrittenItem() {
        List<Integer> dropped = new ArrayList<>();
        Channel<Integer> ch = Channel.bounded(2, BoundedChannelFullMode.DROP_NEWEST, dropped::add);
        ch.writer().tryWrite(1);
        ch.writer().tryWrite(2);
        assertThat(ch.writer().tryWrite(3)).isTrue();
        assertThat(dropped).containsExactly(2);
        assertThat(ch.reader().tryRead()).isEqualTo(1);
        assertThat(ch.reader().tryRead()).isEqualTo(3);
    }

    /** DROP_OLDEST: the oldest buffered item makes room; the written item is kept. */
    @Test
    void dropOldestKeepsWrittenItem() {
        List<Integer> dropped = new ArrayList<>();
        Channel<Integer> ch = Channel.bounded(2, BoundedChannelFullMode.DROP_OLDEST, dropped::add);
        ch.writer().tryWrite(1);
        ch.writer().tryWrite(2);
        assertThat(ch.writer().writeAsync(3).getResult()).isTrue();
        assertThat(dropped).containsExactly(1);
        assertThat(ch.reader().tryRead()).isEqualTo(2);
        assertThat(ch.reader().tryRead()).isEqualTo(3);
    }

    /** Completion: readers drain what is left, then get ChannelClosedException; completion() completes; writes fail. */
    @Test
    void completionDrainsThenCloses() {
        Channel<Integer> ch = Channel.unbounded();
        ch.writer().tryWrite(1);
        ch.writer().complete();
        assertThat(ch.writer().tryWrite(2)).isFalse();
        assertThat(ch.writer().tryComplete()).isFalse();
        assertThat(ch.reader().completion().isCompleted()).isFalse();
        assertThat(ch.reader().readAsync().getResult()).isEqualTo(1);
        assertThat(ch.reader().completion().isCompletedSuccessfully()).isTrue();
        assertThatThrownBy(() -> ch.reader().readAsync().getResult()).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.reader().waitToReadAsync().getResult()).isFalse();
        assertThatThrownBy(() -> ch.writer().writeAsync(3).getResult()).isInstanceOf(ChannelClosedException.class);
    }

    /** Completing with an error fails pending readers, and completion() faults with it. */
    @Test
    void completionWithError() {
        Channel<Integer> ch = Channel.unbounded();
        ValueAwaitable<Integer> pending = ch.reader().readAsync();
        IOException cause = new IOException("upstream");
        ch.writer().complete(cause);
        assertThatThrownBy(pending::getResult).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.reader().completion().exception()).isSameAs(cause);
    }

    /**
     * A channel completed with a cancellation ends cancelled, as .NET's does: completion() is
     * cancelled, and a read of the drained channel (pending or new) is cancelled with it rather
     * than failing with ChannelClosedException.
     */
    @Test
    void completionWithCancellationEndsCancelled() {
        Channel<Integer> ch = Channel.unbounded();
        ValueAwaitable<Integer> pending = ch.reader().readAsync();
        CancellationTokenSource cts = new CancellationTokenSource();
        cts.cancel();
        OperationCanceledException cancel = new OperationCanceledException(cts.token());
        ch.writer().complete(cancel);
        assertThat(pending.status()).isEqualTo(AwaitableStatus.CANCELLED);
        assertThatThrownBy(pending::getResult).isSameAs(cancel);
        assertThat(ch.reader().completion().status()).isEqualTo(AwaitableStatus.CANCELLED);
        ValueAwaitable<Integer> later = ch.reader().readAsync();
        assertThat(later.status()).isEqualTo(AwaitableStatus.CANCELLED);
        assertThatThrownBy(later::getResult).isInstanceOf(OperationCanceledException.class);
        assertThat(ch.writer().writeAsync(1).status()).isEqualTo(AwaitableStatus.CANCELLED);
    }

    /** After complete(e), a new write and a write already waiting fail with ChannelClosedException caused by e. */
    @Test
    void writesAfterCompletionCarryTheError() {
        Channel<Integer> ch = Channel.bounded(1);
        ch.writer().tryWrite(1);
        ValueAwaitable<Boolean> waiting = ch.writer().writeAsync(2);
        IOException cause = new IOException("upstream");
        ch.writer().complete(cause);
        assertThatThrownBy(waiting::getResult)
                .isInstanceOf(ChannelClosedException.class)
                .hasCause(cause);
        assertThatThrownBy(() -> ch.writer().writeAsync(3).getResult())
                .isInstanceOf(ChannelClosedException.class)
                .hasCause(cause);
    }

    /**
     * waitToWriteAsync after complete(e) faults with e, also for a wait already pending; after a
     * completion without error it is false.
     */
    @Test
    void waitToWriteAfterCompletionFaultsWithTheError() {
        Channel<Integer> ch = Channel.bounded(1);
        ch.writer().tryWrite(1);
        ValueAwaitable<Boolean> waiting = ch.writer().waitToWriteAsync();
        IOException cause = new IOException("upstream");
        ch.writer().complete(cause);
        assertThatThrownBy(waiting::getResult).isSameAs(cause);
        assertThatThrownBy(() -> ch.writer().waitToWriteAsync().getResult()).isSameAs(cause);

        Channel<Integer> clean = Channel.bounded(1);
        clean.writer().tryWrite(1);
        ValueAwaitable<Boolean> cleanWaiting = clean.writer().waitToWriteAsync();
        clean.writer().complete();
        assertThat(cleanWaiting.getResult()).isFalse();
        assertThat(clean.writer().waitToWriteAsync().getResult()).isFalse();
    }

    /**
     * readAll with an already-cancelled token: cancelled before an item is taken (the item stays
     * in the channel), as a cancelled moveNext rather than a synchronous throw, and the iterator
     * is then finished (moveNext false).
     */
    @Test
    void readAllChecksTheTokenBeforeTakingAnItem() {
        CancellationToken cancelled = CancellationToken.cancelled();
        Channel<Integer> withItem = Channel.unbounded();
        withItem.writer().tryWrite(7);
        AsyncIterator<Integer> it = withItem.reader().readAll().iterator(cancelled);
        ValueAwaitable<Boolean> first = it.moveNext();
        assertThat(first.status()).isEqualTo(AwaitableStatus.CANCELLED);
        assertThat(withItem.reader().count()).isEqualTo(1);
        assertThat(it.moveNext().getResult()).isFalse();

        Channel<Integer> empty = Channel.unbounded();
        AsyncIterator<Integer> none = empty.reader().readAll().iterator(cancelled);
        ValueAwaitable<Boolean> next = none.moveNext();
        assertThat(next.status()).isEqualTo(AwaitableStatus.CANCELLED);
        assertThat(none.moveNext().getResult()).isFalse();
    }

    /** readAll with a token cancelled while it waits: the pending moveNext is cancelled, the next one is false. */
    @Test
    void readAllCancelledWhileWaiting() {
        Channel<Integer> ch = Channel.unbounded();
        CancellationTokenSource cts = new CancellationTokenSource();
        AsyncIterator<Integer> it = ch.reader().readAll().iterator(cts.token());
        ValueAwaitable<Boolean> pending = it.moveNext();
        assertThat(pending.isCompleted()).isFalse();
        cts.cancel();
        assertThat(pending.status()).isEqualTo(AwaitableStatus.CANCELLED);
        ch.writer().tryWrite(1);
        assertThat(it.moveNext().getResult()).isFalse();
        assertThat(ch.reader().count()).isEqualTo(1);
    }

    /** A cancelled pending read is removed: the next write is buffered, not lost to it. */
    @Test
    void cancelledReadDoesNotLoseNextItem() {
        Channel<Integer> ch = Channel.unbounded();
        CancellationTokenSource cts = new CancellationTokenSource();
        ValueAwaitable<Integer> read = ch.reader().readAsync(cts.token());
        cts.cancel();
        assertThat(read.isCompleted()).isTrue();
        assertThatThrownBy(read::getResult).isInstanceOf(java.util.concurrent.CancellationException.class);
        ch.writer().tryWrite(5);
        assertThat(ch.reader().tryRead()).isEqualTo(5);
    }

    /** readAll streams every item until completion. */
    @Test
    void readAllStreamsUntilComplete() {
        Channel<Integer> ch = Channel.bounded(4);
        Awaitable<List<Integer>> all = ch.reader().readAll().toList();
        Awaitable<Void> producer = start(Program.<Void>builder("writer")
                .repeat(20, "i", Program.block().await(f -> ch.writer().writeAsync(f.getInt("i"))))
                .run(f -> ch.writer().complete())
                .returnsNothing());
        await(producer);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertThat(await(all)).isEqualTo(expected);
    }

    /** Ping-pong: two bodies exchange messages through two channels. */
    @Test
    void pingPongBetweenBodies() {
        Channel<Integer> ping = Channel.bounded(1);
        Channel<Integer> pong = Channel.bounded(1);
        int rounds = 200;
        Awaitable<Integer> ponger = start(Program.<Integer>builder("ponger")
                .repeat(
                        rounds,
                        "i",
                        Program.block()
                                .await(f -> ping.reader().readAsync(), "v")
                                .await(f -> pong.writer().writeAsync(f.getInt("v") + 1)))
                .returns(f -> f.getInt("i")));
        Awaitable<Integer> pinger = start(Program.<Integer>builder("pinger")
                .repeat(
                        rounds,
                        "i",
                        Program.block()
                                .await(f -> ping.writer().writeAsync(f.getInt("i")))
                                .await(f -> pong.reader().readAsync(), "v")
                                .run(f -> f.add("sum", f.getInt("v"))))
                .returns(f -> f.getInt("sum")));
        assertThat(await(pinger)).isEqualTo(rounds * (rounds + 1) / 2);
        assertThat(await(ponger)).isEqualTo(rounds);
    }

    /** Items must not be null; capacity must be positive. */
    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> Channel.<Integer>unbounded().writer().tryWrite(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Channel.bounded(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
