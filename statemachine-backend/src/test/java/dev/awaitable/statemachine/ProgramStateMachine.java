package dev.awaitable.statemachine;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.testkit.Program;
import dev.awaitable.testkit.ProgramMachine;

/**
 * A contract-suite {@link Program} as one hand-written-shaped machine: its state is the
 * program's position (kept by {@link ProgramMachine}), its builder an {@link AsyncMethodBuilder}.
 */
final class ProgramStateMachine<T> implements AsyncStateMachine, ProgramMachine.Host<T> {
    final AsyncMethodBuilder<T> builder = AsyncMethodBuilder.create();
    private final ProgramMachine<T> program;
    private final String name;

    ProgramStateMachine(Program<T> program) {
        this.program = new ProgramMachine<>(program);
        this.name = program.name();
    }

    static <T> Awaitable<T> start(Program<T> program) {
        ProgramStateMachine<T> m = new ProgramStateMachine<>(program);
        m.builder.start(m);
        return m.builder.awaitable();
    }

    @Override
    public void moveNext() {
        program.moveNext(this);
    }

    @Override
    public void awaitOnCompleted(Awaiter<?> awaiter) {
        builder.awaitOnCompleted(awaiter, this);
    }

    @Override
    public void setResult(T value) {
        builder.setResult(value);
    }

    @Override
    public void setException(Throwable exception) {
        builder.setException(exception);
    }

    @Override
    public String toString() {
        return "program '" + name + "'";
    }
}
