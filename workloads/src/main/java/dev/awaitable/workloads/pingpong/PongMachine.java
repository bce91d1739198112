package dev.awaitable.workloads.pingpong;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.channels.Channel;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;

/**
 * The answering side of {@code ping-pong}, hand-compiled:
 * <pre>{@code
 * async Awaitable<Long> pong(int messages) {
 *     for (int i = 0; i < messages; i++) {
 *         long v = await toPong.reader().readAsync();   // state 1
 *         await toPing.writer().writeAsync(v + 1);      // state 2
 *     }
 *     return messages;
 * }
 * }</pre>
 */
final class PongMachine implements AsyncStateMachine {
    final AsyncMethodBuilder<Long> builder = AsyncMethodBuilder.create();
    final int messages;
    final Channel<Long> toPong;
    final Channel<Long> toPing;
    int state;
    int i;
    Awaiter<Long> read;
    Awaiter<Boolean> written;

    private PongMachine(int messages, Channel<Long> toPong, Channel<Long> toPing) {
        this.messages = messages;
        this.toPong = toPong;
        this.toPing = toPing;
    }

    static Awaitable<Long> start(int messages, Channel<Long> toPong, Channel<Long> toPing) {
        PongMachine m = new PongMachine(messages, toPong, toPing);
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
                            builder.setResult((long) messages);
                            return;
                        }
                        Awaiter<Long> r = toPong.reader().readAsync().getAwaiter();
                        state = 1;
                        read = r;
                        if (!r.isCompleted()) {
                            builder.awaitOnCompleted(r, this);
                            return;
                        }
                    }
                    case 1 -> {
                        long v = read.getResult();
                        read = null;
                        Awaiter<Boolean> w = toPing.writer().writeAsync(v + 1).getAwaiter();
                        state = 2;
                        written = w;
                        if (!w.isCompleted()) {
                            builder.awaitOnCompleted(w, this);
                            return;
                        }
                    }
                    case 2 -> {
                        written.getResult();
                        written = null;
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
