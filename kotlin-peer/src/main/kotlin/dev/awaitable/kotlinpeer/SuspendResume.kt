package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.RunLoop

/**
 * `suspend-resume`: one suspend function reads [count] values in sequence, each delivered later by
 * the run's loop, so each read suspends and resumes once. The compiler makes the function one
 * continuation (label, `i` and `sum` spilled), the shape the statemachine backend hand-writes.
 */
internal object SuspendResume {
    fun open(count: Int): WorkloadRun = LoopRun("suspend-resume") { io -> sumReads(count, io) }

    private suspend fun sumReads(count: Int, io: RunLoop): Long {
        var sum = 0L
        for (i in 0 until count) {
            sum += io.readValue(i)
        }
        return sum
    }
}
