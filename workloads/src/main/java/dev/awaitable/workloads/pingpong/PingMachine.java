package dev.awaitable.workloads.pingpong;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.channels.Channel;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;

/**
 * The pinging side of {@code ping-pong}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> ping(int messages) {
 *     long sum = 0;
 *     for (long i = 0; i < messages; i++) {
 *         await toPong.writer().writeAsync(i);       // state 1
 *         sum += await toPing.reader().readAsync();  // state 2
 *     }
 *     return sum;
 * }
 * }</pre>
 */
final class PingMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int messages;
    final Channel<Long> toPong;
    final Channel<Long> toPing;
    int state;
    long i;
    long sum;
    Awaiter<Boolean> written;
    Awaiter<Long> read;

    private PingMachine(int messages, Channel<Long> toPong, Channel<Long> toPing) {
        this.messages = messages;
        this.toPong = toPong;
        this.toPing = toPing;
    }

    static Awaitable<Long> start(int messages, Channel<Long> toPong, Channel<Long> toPing) {
        PingMachine m = new PingMachine(messages, toPong, toPing);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        try {
            for (; ; ) {
                switch (state) {
                    case 0 -> {
                        if (i == messages) {
                            state = -1;
                            builder.setResult(sum);
                            return;
                        }
                        Awaiter<Boolean> w = toPong.writer().writeAsync(i).getAwaiter();
                        state = 1;
                        written = w;
                        if (!w.isCompleted()) {
                            builder.awaitOnCompleted(w, this);
                            return;
                        }
                    }
                    case 1 -> {
                        written.getResult();
                        written = null;
                        Awaiter<Long> r = toPing.reader().readAsync().getAwaiter();
                        state = 2;
                        read = r;
                        if (!r.isCompleted()) {
                            builder.awaitOnCompleted(r, this);
                            return;
                        }
                    }
                    case 2 -> {
                        sum += read.getResult();
                        read = null;
                        i++;
                        state = 0;
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
