package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.Delivery
import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.Completer
import kotlin.coroutines.resume
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * `fan-out`: `max(1, 1000 / children)` fan-outs in sequence, each reading [children] values
 * (child `i`'s is `2i + 1`) one after the other (`serial`: a suspension per child) or all
 * started as `async` children and awaited with one `awaitAll` (`whenall`), in a
 * `coroutineScope` as structured concurrency has it.
 *
 * Same-thread: the run's loop delivers the children and runs the coroutines
 * ([RunLoopDispatcher]). Cross-thread: another thread ([Completer]) completes every child, and
 * the coroutines run on `Dispatchers.Default`, where each resumed child is dispatched.
 *
 * Checksum: `children^2` per fan-out, times the fan-outs.
 */
internal object FanOut {
    private const val READS = 1000

    fun open(children: Int, whenAll: Boolean, delivery: Delivery): WorkloadRun {
        val rounds = maxOf(1, READS / children)
        return when (delivery) {
            Delivery.SAME_THREAD -> LoopRun("fan-out") { loop ->
                val io = object : Children {
                    override suspend fun read(i: Int): Long = loop.readValue(value(i))
                }
                fanOuts(rounds, children, whenAll, io)
            }
            Delivery.CROSS_THREAD -> object : WorkloadRun {
                val completer = Completer("fan-out-io")
                val io = object : Children {
                    override suspend fun read(i: Int): Long = completer.readValue(value(i))
                }

                override fun run(): Long = runBlocking(Dispatchers.Default) {
                    fanOuts(rounds, children, whenAll, io)
                }

                override fun close() {
                    completer.close()
                }
            }
        }
    }

    /** Where the children get their values: child [i]'s read, completed later. */
    private interface Children {
        suspend fun read(i: Int): Long
    }

    private fun value(i: Int): Long = 2L * i + 1

    private suspend fun fanOuts(rounds: Int, children: Int, whenAll: Boolean, io: Children): Long {
        var sum = 0L
        repeat(rounds) {
            sum += if (whenAll) all(children, io) else serial(children, io)
        }
        return sum
    }

    private suspend fun serial(children: Int, io: Children): Long {
        var sum = 0L
        for (i in 0 until children) {
            sum += io.read(i)
        }
        return sum
    }

    private suspend fun all(children: Int, io: Children): Long = coroutineScope {
        List(children) { i -> async { io.read(i) } }.awaitAll().sum()
    }
}

/** The completer's "I/O" as a Kotlin developer wraps a callback API: suspends until its thread delivers [value]. */
internal suspend fun <T> Completer.readValue(value: T): T = suspendCancellableCoroutine { cont ->
    execute { cont.resume(value) }
}
