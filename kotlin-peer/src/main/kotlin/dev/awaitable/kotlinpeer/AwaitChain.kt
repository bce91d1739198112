package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.awaitchain.AwaitChainWorkload
import dev.awaitable.workloads.support.RunLoop

/**
 * `await-chain`: suspend functions nested [depth] deep, each calling the next, the innermost a read
 * the run's loop delivers later; [AwaitChainWorkload.LEVELS] / `depth` chains in sequence. Each
 * level that suspends allocates its own continuation object, as each level of the statemachine
 * backend is a machine on the heap; a resumed level returns to its caller's continuation directly,
 * without a dispatch.
 */
internal object AwaitChain {
    fun open(depth: Int): WorkloadRun = LoopRun("await-chain") { io ->
        var sum = 0L
        for (c in 0 until AwaitChainWorkload.LEVELS / depth) {
            sum += level(depth, c.toLong(), io)
        }
        sum
    }

    private suspend fun level(d: Int, chain: Long, io: RunLoop): Long {
        val inner = if (d == 1) io.readValue(chain) else level(d - 1, chain, io)
        return inner + 1
    }
}
