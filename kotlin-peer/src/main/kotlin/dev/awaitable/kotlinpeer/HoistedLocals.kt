package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.SuspendedTasks
import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.Suspended
import java.util.concurrent.Callable
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking

/**
 * `hoisted-locals`: coroutines that each fill a buffer of `buffer-kb` KiB and await a gate, still
 * holding the buffer because they use it after the await (`held`: the compiler spills it into
 * the continuation, as a C# machine hoists it), or having digested it before (`released`: only
 * the digest is live across the await, so only it is spilled).
 *
 * [open]: a batch of 100 `async` tasks on the run's loop, the gate a `CompletableDeferred` the
 * loop completes once every task waits at it. [suspend]: `count` tasks started on
 * `Dispatchers.Unconfined`, so each runs on the caller's thread up to the gate, where it stays
 * until `resumeAll` completes the gate; the representative is task 0's
 * continuation frames and coroutine ([ContinuationFrames]).
 *
 * Checksum: the sum over tasks `i` of the digest of task `i`'s buffer (bytes `(j + i) mod 256`,
 * unsigned), plus the gate's value 1 each.
 */
internal object HoistedLocals {
    private const val TASKS = 100
    private const val GATE = 1L

    fun open(size: Int, held: Boolean): WorkloadRun = LoopRun("hoisted-locals") { io ->
        val gate = CompletableDeferred<Long>()
        coroutineScope {
            val all = List(TASKS) { i -> async { task(i, size, held, gate) } }
            io.post { gate.complete(GATE) }
            all.awaitAll().sum()
        }
    }

    fun suspend(size: Int, held: Boolean, count: Int): SuspendedTasks {
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Unconfined)
        val gate = CompletableDeferred<Long>()
        val all = List(count) { i -> scope.async { task(i, size, held, gate) } }
        return Suspended(
            count,
            if (count == 0) null else ContinuationFrames.firstWaiter(gate),
            { gate.complete(GATE) },
            Callable { runBlocking { all.awaitAll().sum() } },
            { scope.cancel() },
        )
    }

    private suspend fun task(index: Int, size: Int, held: Boolean, gate: Deferred<Long>): Long =
        if (held) held(index, size, gate) else released(index, size, gate)

    /** The buffer is used after the await: it is live across it, so it is in the continuation. */
    private suspend fun held(index: Int, size: Int, gate: Deferred<Long>): Long {
        val buffer = filled(size, index)
        val g = gate.await()
        return digest(buffer) + g
    }

    /** Only the digest is live across the await. */
    private suspend fun released(index: Int, size: Int, gate: Deferred<Long>): Long {
        val digest = digest(filled(size, index))
        return digest + gate.await()
    }

    private fun filled(size: Int, index: Int): ByteArray = ByteArray(size) { j -> (j + index).toByte() }

    private fun digest(buffer: ByteArray): Long = buffer.sumOf { it.toLong() and 0xFFL }
}
