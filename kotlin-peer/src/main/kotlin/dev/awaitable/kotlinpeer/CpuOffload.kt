package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext

/**
 * `cpu-offload`: a suspend function makes [calls] sequential calls of a CPU loop of [work]
 * iterations, either directly (`direct`: nothing suspends) or each offloaded with
 * `withContext(Dispatchers.Default)` and so awaited at once (`offload`): a dispatch to a worker
 * and a dispatch back per call. The function runs in `runBlocking` on the measuring thread, the
 * caller's own event loop, as the statemachine method starts on the measuring thread; it cannot
 * run on `Dispatchers.Default` itself, where `withContext(Dispatchers.Default)` would not
 * dispatch at all.
 *
 * Checksum: the sum of [compute] over the calls.
 */
internal object CpuOffload {

    fun open(offload: Boolean, calls: Int, work: Int): WorkloadRun = WorkloadRun {
        runBlocking {
            var sum = 0L
            for (i in 0 until calls) {
                sum += if (offload) withContext(Dispatchers.Default) { compute(i, work) } else compute(i, work)
            }
            sum
        }
    }

    /** The workload's CPU-bound call `i`: [work] rounds of xorshift, as `CpuOffloadWorkload.compute`. */
    fun compute(i: Int, work: Int): Long {
        var x = i * -0x61c8864680b583ebL + 1 // 0x9E3779B97F4A7C15
        repeat(work) {
            x = x xor (x shl 13)
            x = x xor (x ushr 7)
            x = x xor (x shl 17)
        }
        return x
    }
}
