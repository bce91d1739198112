package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.RunLoop
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope

/**
 * `async-lambdas`: [elements] calls of an async `process(i)` (it suspends on a read of `i` from
 * the run's loop, then computes `2v + 1`), all started, then awaited with one `awaitAll`, on the
 * run's loop. A Kotlin async method that its caller runs concurrently is a function returning
 * `Deferred` (`CoroutineScope.process(i) = async { ... }`). `method-ref` maps the elements
 * through it (`map(::process)`: one coroutine per element); `lambda` wraps it in one more async
 * lambda (`map { async { process(it).await() } }`: a second coroutine, its lambda object and a
 * suspension per element), the seed's "async lambda per element".
 *
 * Checksum: `sum(2i + 1) = elements^2`.
 */
internal object AsyncLambdas {

    fun open(elements: Int, lambda: Boolean): WorkloadRun = LoopRun("async-lambdas") { loop ->
        coroutineScope {
            val started: List<Deferred<Long>> = if (lambda) {
                List(elements) { i -> async { process(i, loop).await() } }
            } else {
                List(elements) { i -> process(i, loop) }
            }
            started.awaitAll().sum()
        }
    }

    /** The async method: a coroutine awaiting the read of [i], then the work. */
    private fun CoroutineScope.process(i: Int, io: RunLoop): Deferred<Long> = async {
        2 * io.readValue(i.toLong()) + 1
    }
}
