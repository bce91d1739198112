package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.flow

/**
 * `async-stream`: a producer hands [items] values to a consumer through an unbuffered stream, a
 * `Flow` as a Kotlin developer writes one: `flow { emit(..) }` collected with `collect`, the
 * values one by one (`per-item`) or in lists of [batch] (`batched`).
 *
 * `buffer(Channel.RENDEZVOUS)` makes the producer a coroutine of its own that hands each value
 * over a rendezvous channel, waiting for the consumer to take it: the unbuffered hand-off between
 * two tasks that the other implementations make (a generator, a `SynchronousQueue`). A plain
 * `flow { }` would call the collector from `emit` directly, in one coroutine, with no hand-off and
 * no suspension at all: a different workload. Both run on the run's loop ([RunLoopDispatcher]).
 *
 * Checksum: the sum of the values, `items * (items - 1) / 2`; boxed in both styles, as the Java
 * implementations' are.
 */
internal object AsyncStream {

    fun open(items: Int, batch: Int, batched: Boolean): WorkloadRun = LoopRun("async-stream") { _ ->
        var sum = 0L
        if (batched) {
            batches(items, batch).buffer(Channel.RENDEZVOUS).collect { list -> sum += list.sum() }
        } else {
            values(items).buffer(Channel.RENDEZVOUS).collect { v -> sum += v }
        }
        sum
    }

    private fun values(items: Int): Flow<Long> = flow {
        for (v in 0L until items) {
            emit(v)
        }
    }

    private fun batches(items: Int, batch: Int): Flow<List<Long>> = flow {
        for (from in 0 until items step batch) {
            emit(List(minOf(batch, items - from)) { k -> (from + k).toLong() })
        }
    }
}
