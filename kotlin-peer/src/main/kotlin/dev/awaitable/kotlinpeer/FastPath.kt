package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.fastpath.FastPathWorkload
import dev.awaitable.workloads.support.RunLoop

/**
 * `fast-path`: [FastPathWorkload.CALLS] calls in sequence of a cache-like suspend function that
 * usually returns at once, on the run's loop. A hit (keys below `hit-ratio`) returns the cached value; a miss reads
 * the raw `7k` from the loop, which delivers it later, and adds 3 after the read.
 *
 * As the other implementations, the front function tests the cache and calls the suspending
 * miss path only on a miss: [get] only tail-calls [load], so the compiler gives it no state
 * machine and a hit allocates no continuation; [load] is the real suspend function. A suspend
 * function returns its value directly when it does not suspend (the `COROUTINE_SUSPENDED`
 * convention), which is what `ValueAwaitable` adds to an Awaitable: Kotlin has no second return
 * type to choose, so `returns` changes nothing here, as for the blocking peers.
 *
 * Checksum: the sum of the values of the keys called, `sum(7 * (i % 100) + 3)`.
 */
internal object FastPath {
    private const val KEYS = 100

    fun open(hitRatio: Int): WorkloadRun {
        val cache = Cache(hitRatio)
        return LoopRun("fast-path") { io ->
            var sum = 0L
            for (i in 0 until FastPathWorkload.CALLS) {
                sum += cache.get(i % KEYS, io)
            }
            sum
        }
    }

    /** Key `k` is cached exactly when `k < hitRatio`; its value is `7k + 3`, boxed once here. */
    private class Cache(private val hitRatio: Int) {
        private val entries: Array<Long> = Array(KEYS) { k -> 7L * k + 3 }

        /** The front function: the cached value, or the miss path. */
        suspend fun get(key: Int, io: RunLoop): Long = if (key < hitRatio) entries[key] else load(key, io)

        /** The miss path: read the raw value, then finish it after the read. */
        private suspend fun load(key: Int, io: RunLoop): Long {
            val raw = io.readValue(7L * key)
            return raw + 3
        }
    }
}
