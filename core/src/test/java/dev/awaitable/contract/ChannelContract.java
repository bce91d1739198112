package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Awaitable;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.ValueAwaitable;
import dev.awaitable.channels.BoundedChannelFullMode;
import dev.awaitable.channels.Channel;
import dev.awaitable.channels.ChannelClosedException;
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
