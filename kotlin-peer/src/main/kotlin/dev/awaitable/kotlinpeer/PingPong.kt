package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.Delivery
import dev.awaitable.workloads.Threads
import dev.awaitable.workloads.WorkloadRun
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * `ping-pong`: two coroutines make [messages] round trips through a pair of rendezvous
 * [Channel]s: ping sends `i`, pong receives it and sends back `i + 1`, ping receives the answer.
 *
 * Same-thread: both on the run's loop ([RunLoopDispatcher]), so a hand-off resumes the other
 * coroutine on the same thread. Cross-thread: each coroutine on a single-thread dispatcher of its
 * own (`newSingleThreadExecutor().asCoroutineDispatcher()`), as each side of the other
 * implementations is on a thread of its own, so every hand-off wakes the other thread. Not
 * `Dispatchers.Default`: its scheduler puts a coroutine resumed from a worker in that worker's
 * own local slot and runs it there next, so the two sides would mostly share one thread and the
 * hand-off would not cross threads.
 *
 * Checksum: the sum of ping's answers, `messages * (messages + 1) / 2`.
 */
internal object PingPong {

    fun open(messages: Int, delivery: Delivery): WorkloadRun = when (delivery) {
        Delivery.SAME_THREAD -> LoopRun("ping-pong") { _ -> exchange(messages) }
        Delivery.CROSS_THREAD -> CrossThread(messages)
    }

    /** Pong and ping in this scope (on its dispatcher); ping's sum. */
    private suspend fun exchange(messages: Int): Long = coroutineScope {
        val toPong = Channel<Long>()
        val toPing = Channel<Long>()
        launch { pong(messages, toPong, toPing) }
        ping(messages, toPong, toPing)
    }

    private suspend fun pong(messages: Int, toPong: Channel<Long>, toPing: Channel<Long>) {
        repeat(messages) {
            val v = toPong.receive()
            toPing.send(v + 1)
        }
    }

    private suspend fun ping(messages: Int, toPong: Channel<Long>, toPing: Channel<Long>): Long {
        var sum = 0L
        for (i in 0L until messages) {
            toPong.send(i)
            sum += toPing.receive()
        }
        return sum
    }

    /** Each side on a thread of its own; the measuring thread waits in `runBlocking`. */
    private class CrossThread(private val messages: Int) : WorkloadRun {
        private val pongThread = singleThread("ping-pong-pong")
        private val pingThread = singleThread("ping-pong-ping")

        override fun run(): Long = runBlocking {
            val toPong = Channel<Long>()
            val toPing = Channel<Long>()
            val pong = launch(pongThread) { pong(messages, toPong, toPing) }
            val ping = async(pingThread) { ping(messages, toPong, toPing) }
            pong.join()
            ping.await()
        }

        override fun close() {
            pingThread.shutDown()
            pongThread.shutDown()
        }
    }
}

/** A dispatcher over one daemon platform thread named `[name]-1`; [shutDown] it with the run. */
internal fun singleThread(name: String): ExecutorCoroutineDispatcher =
    Executors.newSingleThreadExecutor(Threads.daemon(name)).asCoroutineDispatcher()

/** Stops the dispatcher's thread and waits briefly for it, as the Java runs do; never throws. */
internal fun ExecutorCoroutineDispatcher.shutDown() {
    Threads.shutdown(executor as ExecutorService)
}
