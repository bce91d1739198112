package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.SuspendedTasks
import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.Suspended
import java.util.concurrent.Callable
import kotlin.time.Duration.Companion.hours
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

/**
 * `sleepers`: one operation starts [tasks] coroutines that each `delay` [delayMs] and return
 * their index, all pending at once, and waits for all of them with `awaitAll`. The coroutines run
 * on `Dispatchers.Default`; `delay` there is kotlinx.coroutines' own timer (its `DefaultExecutor`
 * thread), which resumes each sleeper by dispatching it to a worker: cross-thread delivery, as
 * the workload's timers are in every implementation.
 *
 * [suspend] leaves `count` sleepers pending for the memory probe: each waits for a wake-up signal
 * with a timeout of an hour (`withTimeoutOrNull(1.hours) { wake.await() }`: a timer entry and a
 * waiter per sleeper, as the Awaitable sleepers hold a timer and a token registration), and
 * `resumeAll` completes the signal. The representative is the
 * continuation frames and coroutine of the first sleeper to wait ([ContinuationFrames]).
 *
 * Checksum: `tasks * (tasks - 1) / 2`.
 */
internal object Sleepers {

    fun open(tasks: Int, delayMs: Long): WorkloadRun = WorkloadRun {
        runBlocking(Dispatchers.Default) {
            List(tasks) { i -> async { sleeper(i.toLong(), delayMs) } }.awaitAll().sum()
        }
    }

    private suspend fun sleeper(index: Long, delayMs: Long): Long {
        delay(delayMs)
        return index
    }

    /** [count] sleepers held until `resumeAll` (see the class comment). */
    fun suspend(count: Int): SuspendedTasks {
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        val wake = CompletableDeferred<Unit>()
        val all = List(count) { i -> scope.async(start = CoroutineStart.UNDISPATCHED) { held(i.toLong(), wake) } }
        return Suspended(
            count,
            if (count == 0) null else ContinuationFrames.firstWaiter(wake),
            { wake.complete(Unit) },
            Callable { runBlocking { all.awaitAll().sum() } },
            { scope.cancel() },
        )
    }

    private suspend fun held(index: Long, wake: CompletableDeferred<Unit>): Long {
        withTimeoutOrNull(1.hours) { wake.await() }
        return index
    }
}
