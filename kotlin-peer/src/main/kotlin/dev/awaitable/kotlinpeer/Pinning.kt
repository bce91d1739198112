package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.Completer
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

/**
 * `pinning`: a batch of [tasks] coroutines on `Dispatchers.Default`, each holding its own lock
 * while it awaits a value another thread ([Completer]) delivers, and the wait for all of them.
 * What a Kotlin developer can write differs from Java's:
 * - `monitor`: the Kotlin compiler refuses a suspension point inside `synchronized` ("the
 *   suspension point is inside a critical section"), as C# refuses `await` inside `lock`; so the
 *   code before the await and the code after it are two `synchronized` sections, as in the state
 *   machine, and the monitor does not cover the await;
 * - `reentrant-lock`: a `ReentrantLock` is owned by a thread and the coroutine may resume on
 *   another, so Kotlin code holds a coroutine `Mutex` across the suspension instead
 *   (`mutex.withLock { ... await ... }`): the lock really covers the await, without a thread;
 * - `none`: no lock.
 *
 * Checksum: task `i` returns `2i` plus the awaited `i`: `3 * tasks * (tasks - 1) / 2`.
 */
internal object Pinning {

    fun open(tasks: Int, hold: String): WorkloadRun = object : WorkloadRun {
        val io = Completer("pinning-io")
        val monitors = Array(tasks) { Any() }
        val mutexes = Array(tasks) { Mutex() }

        override fun run(): Long = runBlocking(Dispatchers.Default) {
            List(tasks) { i ->
                async {
                    when (hold) {
                        "monitor" -> {
                            val pre = synchronized(monitors[i]) { 2L * i }
                            val value = io.readValue(i.toLong())
                            synchronized(monitors[i]) { pre + value }
                        }
                        "reentrant-lock" -> mutexes[i].withLock { 2L * i + io.readValue(i.toLong()) }
                        "none" -> 2L * i + io.readValue(i.toLong())
                        else -> throw IllegalArgumentException("hold $hold")
                    }
                }
            }.awaitAll().sum()
        }

        override fun close() {
            io.close()
        }
    }
}
