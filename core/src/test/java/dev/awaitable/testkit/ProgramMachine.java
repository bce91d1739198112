package dev.awaitable.testkit;

import dev.awaitable.AwaitableLike;
import dev.awaitable.Awaiter;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Runs a {@link Program} as a stackless state machine: its state is a stack of cursors (which
 * block, which step) instead of a single int, because programs nest loops and try blocks; the
 * frame is the hoisted locals. {@link #moveNext} runs until the program suspends at an await
 * that is not complete (asking the {@link Host} to resume it later) or ends (telling the host
 * the result or the exception). Backends wrap it in their own machine type.
 *
 * <p>Exceptions unwind the way Java's do: to the innermost try whose catch type matches, running
 * the finally blocks on the way; an exception thrown by a finally block replaces the pending one.
 *
 * <p>Not thread-safe: the host guarantees at most one thread runs moveNext at a time, with
 * happens-before between runs (the awaiter's completion provides it).
 */
public final class ProgramMachine<T> {

    /** What the backend provides: how to suspend, and where the outcome goes. */
    public interface Host<T> {
        /** Resume this machine (call moveNext again) when {@code awaiter} completes. */
        void awaitOnCompleted(Awaiter<?> awaiter);

        void setResult(T value);

        void setException(Throwable exception);
    }

    private static final int PLAIN = 0;
    private static final int LOOP = 1;
    private static final int TRY_BODY = 2;
    private static final int TRY_HANDLER = 3;
    private static final int TRY_FINALLY = 4;

    private static final class Cursor {
        final List<Step> steps;
        final Step owner;
        final int kind;
        final Throwable pending;
        int pc;

        Cursor(List<Step> steps, Step owner, int kind, Throwable pending) {
            this.steps = steps;
            this.owner = owner;
            this.kind = kind;
            this.pending = pending;
        }
    }

    private final Program<T> program;
    private final Frame frame = new Frame();
    private final ArrayDeque<Cursor> stack = new ArrayDeque<>();
    private Awaiter<?> awaiter;
    private String awaitInto;
    private boolean done;

    public ProgramMachine(Program<T> program) {
        this.program = program;
        stack.push(new Cursor(program.steps(), null, PLAIN, null));
    }

    public Frame frame() {
        return frame;
    }

    public boolean isDone() {
        return done;
    }

    /** Runs until the next suspension or the end. */
    public void moveNext(Host<T> host) {
        if (done) {
            throw new IllegalStateException("moveNext() after the program ended");
        }
        if (awaiter != null) {
            Awaiter<?> a = awaiter;
            awaiter = null;
            try {
                frame.store(awaitInto, a.getResult());
            } catch (Throwable t) {
                if (!raise(t, host)) {
                    return;
                }
            }
        }
        for (; ; ) {
            Cursor c = stack.peek();
            if (c == null) {
                T value;
                try {
                    value = program.result(frame);
                } catch (Throwable t) {
                    done = true;
                    host.setException(t);
                    return;
                }
                done = true;
                host.setResult(value);
                return;
            }
            try {
                if (c.pc >= c.steps.size()) {
                    blockEnded(c);
                    continue;
                }
                Step s = c.steps.get(c.pc++);
                switch (s) {
                    case Step.Compute compute -> compute.action().accept(frame);
                    case Step.Throw t -> throw t.exception().apply(frame);
                    case Step.Await await -> {
                        AwaitableLike<?> target = await.target().apply(frame);
                        Awaiter<?> a = target.getAwaiter();
                        if (!a.isCompleted()) {
                            awaiter = a;
                            awaitInto = await.into();
                            host.awaitOnCompleted(a);
                            return;
                        }
                        frame.store(await.into(), a.getResult());
                    }
                    case Step.Loop loop -> {
                        if (loop.condition().test(frame)) {
                            stack.push(new Cursor(loop.body(), loop, LOOP, null));
                        }
                    }
                    case Step.Try t -> stack.push(new Cursor(t.body(), t, TRY_BODY, null));
                }
            } catch (Throwable t) {
                if (!raise(t, host)) {
                    return;
                }
            }
        }
    }

    /** A block ran to its end: continue the loop, enter finally, or rethrow after finally. */
    private void blockEnded(Cursor c) throws Throwable {
        stack.pop();
        switch (c.kind) {
            case PLAIN -> {}
            case LOOP -> {
                Step.Loop loop = (Step.Loop) c.owner;
                if (loop.condition().test(frame)) {
                    stack.push(new Cursor(loop.body(), loop, LOOP, null));
                }
            }
            case TRY_BODY, TRY_HANDLER -> {
                Step.Try t = (Step.Try) c.owner;
                if (!t.finallySteps().isEmpty()) {
                    stack.push(new Cursor(t.finallySteps(), t, TRY_FINALLY, null));
                }
            }
            case TRY_FINALLY -> {
                if (c.pending != null) {
                    throw c.pending;
                }
            }
            default -> throw new IllegalStateException("cursor kind " + c.kind);
        }
    }

    /**
     * Unwinds to a handler or a finally block for {@code t}; false (after telling the host) if
     * nothing catches it and the program ends with it.
     */
    private boolean raise(Throwable t, Host<T> host) {
        for (; ; ) {
            Cursor c = stack.poll();
            if (c == null) {
                done = true;
                host.setException(t);
                return false;
            }
            if (c.kind == TRY_BODY || c.kind == TRY_HANDLER) {
                Step.Try tr = (Step.Try) c.owner;
                if (c.kind == TRY_BODY
                        && tr.catchType() != null
                        && tr.catchType().isInstance(t)) {
                    frame.caught(t);
                    stack.push(new Cursor(tr.handler(), tr, TRY_HANDLER, null));
                    return true;
                }
                if (!tr.finallySteps().isEmpty()) {
                    stack.push(new Cursor(tr.finallySteps(), tr, TRY_FINALLY, t));
                    return true;
                }
            }
        }
    }
}
