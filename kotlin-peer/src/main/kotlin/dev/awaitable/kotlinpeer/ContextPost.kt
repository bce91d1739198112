package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.RunLoop
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Runnable
import kotlinx.coroutines.withContext

/**
 * `context-post`: a suspend function started on a UI dispatcher reads [awaits] values in
 * sequence, each delivered later by the run's loop, outside the UI dispatcher.
 *
 * `capture`: the coroutine stays on the UI dispatcher ([UiDispatcher], which, as
 * `Dispatchers.Main` rather than `Dispatchers.Main.immediate`, always dispatches), so each read's
 * completion resumes it by a post to the loop: one more trip through the loop's queue per read,
 * and no thread switch. `no-capture`: the reads run in `withContext(Dispatchers.Unconfined)`, the
 * Kotlin for `configureAwait(false)`: each resumes inline where the read completed; only leaving
 * the block returns to the UI dispatcher, by one post.
 *
 * Checksum: `awaits * (awaits - 1) / 2`.
 */
internal object ContextPost {

    fun open(capture: Boolean, awaits: Int): WorkloadRun =
        LoopRun("context-post", ::UiDispatcher) { io ->
            if (capture) {
                sumReads(awaits, io)
            } else {
                withContext(Dispatchers.Unconfined) { sumReads(awaits, io) }
            }
        }

    private suspend fun sumReads(awaits: Int, io: RunLoop): Long {
        var sum = 0L
        for (i in 0L until awaits) {
            sum += io.readValue(i)
        }
        return sum
    }

    /** The application's UI dispatcher on the run's loop thread: every resumption is a post to the loop. */
    private class UiDispatcher(private val loop: RunLoop) : CoroutineDispatcher() {
        override fun dispatch(context: CoroutineContext, block: Runnable) {
            loop.post(block)
        }

        override fun toString(): String = "UiDispatcher(${loop.name()})"
    }
}
