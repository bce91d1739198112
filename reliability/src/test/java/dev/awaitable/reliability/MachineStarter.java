package dev.awaitable.reliability;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaiter;
import dev.awaitable.statemachine.AsyncMethodBuilder;
import dev.awaitable.statemachine.AsyncStateMachine;
import dev.awaitable.testkit.DirectInterpreter;
import dev.awaitable.testkit.Program;
import dev.awaitable.testkit.ProgramMachine;

/**
 * A {@link Program} as one statemachine-backend method: a machine whose state is the program's
 * position ({@link ProgramMachine}) and whose builder is an {@link AsyncMethodBuilder}, as the
 * statemachine backend's own contract runner does (that one lives in the backend's tests and is
 * not shared, so this is its twin).
 */
public final class MachineStarter<T> implements AsyncStateMachine, ProgramMachine.Host<T> {
    private final AsyncMethodBuilder<T> builder = AsyncMethodBuilder.create();
    private final ProgramMachine<T> program;
    private final String name;

    private MachineStarter(Program<T> program) {
        this.program = new ProgramMachine<>(program);
        this.name = program.name();
    }

    /** Starts {@code program} as a statemachine-backend method on the calling thread. */
    public static <T> Awaitable<T> start(Program<T> program) {
        MachineStarter<T> m = new MachineStarter<>(program);
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

    /**
     * Starts {@code program} on the named backend the way that backend runs async methods: a
     * machine on {@code statemachine}, a direct-style body ({@code Async.run}) on {@code loom}.
     * Selects the backend first.
     */
    public static <T> Awaitable<T> startOn(String backend, Program<T> program) {
        Async.useBackend(backend);
        return switch (backend) {
            case "statemachine" -> start(program);
            case "loom" -> direct(program);
            default -> throw new IllegalArgumentException("backend " + backend);
        };
    }

    /** A program as a direct-style body on the loom backend (the backend in use), named after the program. */
    public static <T> Awaitable<T> direct(Program<T> program) {
        return Async.run(new AsyncBody<T>() {
            @Override
            public T run() throws Exception {
                return DirectInterpreter.execute(program);
            }

            @Override
            public String toString() {
                return "program '" + program.name() + "'";
            }
        });
    }
}
