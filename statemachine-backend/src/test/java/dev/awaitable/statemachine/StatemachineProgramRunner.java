package dev.awaitable.statemachine;

import dev.awaitable.Awaitable;
import dev.awaitable.testkit.Program;
import dev.awaitable.testkit.ProgramRunner;

/** Runs contract-suite programs as state machines on this backend. */
public final class StatemachineProgramRunner implements ProgramRunner {
    @Override
    public String backend() {
        return StatemachineBackend.NAME;
    }

    @Override
    public <T> Awaitable<T> start(Program<T> program) {
        return ProgramStateMachine.start(program);
    }
}
