package dev.awaitable.loom;

import dev.awaitable.Async;
import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.testkit.DirectInterpreter;
import dev.awaitable.testkit.Program;
import dev.awaitable.testkit.ProgramRunner;

/** Runs contract programs on the loom backend: a direct-style body per program, started with {@link Async#run}. */
public final class LoomProgramRunner implements ProgramRunner {

    @Override
    public String backend() {
        return "loom";
    }

    @Override
    public <T> Awaitable<T> start(Program<T> program) {
        return Async.run(new ProgramBody<>(program));
    }

    /** The carrier of a virtual thread: where a body's step physically ran. */
    @Override
    public String executingThread() {
        Thread carrier = VirtualThreads.currentCarrier();
        return (carrier != null ? carrier : Thread.currentThread()).getName();
    }

    /** A body named after its program, so deadlock reports and diagnostics name it. */
    private record ProgramBody<T>(Program<T> program) implements AsyncBody<T> {
        @Override
        public T run() throws Exception {
            return DirectInterpreter.execute(program);
        }

        @Override
        public String toString() {
            return "program '" + program.name() + "'";
        }
    }
}
