package dev.awaitable.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.OwnState;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.SuspendedTasks;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import org.junit.jupiter.api.Test;

/** JOL's size of one suspended task, as the memory probe takes it, for the representatives that are not one object. */
class MemoryProbeTest {

    /**
     * A Kotlin coroutine suspended at an await is several objects: JOL sizes every frame from
     * the await's continuation out to the coroutine, and the frame that holds the task's spilled
     * buffer reference is one of them.
     */
    @Test
    void aSuspendedCoroutineIsSizedFrameByFrame() throws Exception {
        Workload w = WorkloadCatalog.byId("hoisted-locals");
        try (SuspendedTasks tasks =
                w.suspend(Implementation.KOTLIN_COROUTINES, Params.parse(w, "buffer-kb=1,style=held"), 10)) {
            OwnState own = (OwnState) tasks.representative();
            assertThat(own.objects()).hasSizeGreaterThanOrEqualTo(4);
            long total = 0;
            for (Object o : own.objects()) {
                long one = MemoryProbe.jolSize(new OwnState(java.util.List.of(o)));
                assertThat(one).as("%s", o.getClass()).isPositive();
                total += one;
            }
            assertThat(MemoryProbe.jolSize(own)).isEqualTo(total);
            tasks.resumeAll();
        }
    }

    /** A state machine is its machine object plus its builder: more than the machine alone. */
    @Test
    void aStateMachineIsSizedWithItsBuilder() throws Exception {
        Workload w = WorkloadCatalog.byId("hoisted-locals");
        try (SuspendedTasks tasks =
                w.suspend(Implementation.STATEMACHINE, Params.parse(w, "buffer-kb=1,style=held"), 10)) {
            Object machine = tasks.representative();
            assertThat(MemoryProbe.jolSize(machine))
                    .isGreaterThan(MemoryProbe.jolSize(new OwnState(java.util.List.of(machine))));
            tasks.resumeAll();
        }
    }
}
