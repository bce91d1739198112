package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.support.RunLoop
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.resume
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Runnable
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * A single-thread dispatcher over the run's own event loop ([RunLoop]): same-thread delivery, as
 * `Dispatchers.Main.immediate` is on a UI loop. A coroutine resumed on the loop's thread (the
 * loop completing its "I/O") continues inline, as the statemachine backend's continuation does on
 * its current context; one resumed anywhere else is posted to the loop, which refuses a post from
 * a foreign platform thread, so a workload that crosses threads fails instead of measuring it.
 */
internal class RunLoopDispatcher(private val loop: RunLoop) : CoroutineDispatcher() {

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !loop.isCurrent

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        loop.post(block)
    }

    override fun toString(): String = "RunLoopDispatcher(${loop.name()})"
}

/**
 * The loop's "I/O" as a Kotlin developer wraps a callback API: suspends until the loop delivers
 * [value], after everything queued before it (as [RunLoop.read] does for an awaitable).
 */
internal suspend fun <T> RunLoop.readValue(value: T): T = suspendCancellableCoroutine { cont ->
    post { cont.resume(value) }
}
