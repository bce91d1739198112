package dev.awaitable.testkit;

import dev.awaitable.Awaitable;

/** Runs programs on the {@link TestBackend}. */
public final class TestProgramRunner implements ProgramRunner {
    @Override
    public String backend() {
        return "test";
    }

    @Override
    public <T> Awaitable<T> start(Program<T> program) {
        MachineBox<T> box = new MachineBox<>(program);
        box.start();
        return box;
    }
}
