package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.Delivery
import dev.awaitable.workloads.ExternalImplementation
import dev.awaitable.workloads.Implementation
import dev.awaitable.workloads.Params
import dev.awaitable.workloads.SuspendedTasks
import dev.awaitable.workloads.Workload
import dev.awaitable.workloads.WorkloadRun
import dev.awaitable.workloads.support.RunLoop
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.cancel
import kotlinx.coroutines.future.future

/**
 * The `kotlin-coroutines` implementation: each workload as a Kotlin developer writes it, with
 * `suspend` functions on kotlinx.coroutines. Found by the workloads module through
 * [java.util.ServiceLoader]; it implements the workloads in [OPENERS] and no others.
 */
class KotlinCoroutines : ExternalImplementation {

    override fun implementation(): Implementation = Implementation.KOTLIN_COROUTINES

    override fun implementsWorkload(workloadId: String): Boolean = workloadId in OPENERS

    override fun open(workload: Workload, params: Params): WorkloadRun =
        OPENERS[workload.id()]?.invoke(params)
            ?: throw UnsupportedOperationException("kotlin-coroutines does not implement ${workload.id()}")

    override fun suspend(workload: Workload, params: Params, count: Int): SuspendedTasks =
        SUSPENDERS[workload.id()]?.invoke(params, count)
            ?: throw UnsupportedOperationException(
                "kotlin-coroutines does not measure memory per suspended task of ${workload.id()}",
            )

    private companion object {
        /** The workloads implemented, by id: each opens a run from its parameters. */
        val OPENERS: Map<String, (Params) -> WorkloadRun> = mapOf(
            "suspend-resume" to { p -> SuspendResume.open(p.getInt("count")) },
            "await-chain" to { p -> AwaitChain.open(p.getInt("depth")) },
            "ping-pong" to { p -> PingPong.open(p.getInt("messages"), Delivery.byId(p.get("delivery"))) },
            "fan-out" to { p ->
                FanOut.open(p.getInt("children"), p.get("style") == "whenall", Delivery.byId(p.get("delivery")))
            },
            "async-stream" to { p ->
                AsyncStream.open(p.getInt("items"), p.getInt("batch"), p.get("style") == "batched")
            },
            "sleepers" to { p -> Sleepers.open(p.getInt("tasks"), p.getLong("delay-ms")) },
            "cpu-offload" to { p ->
                CpuOffload.open(p.get("style") == "offload", p.getInt("calls"), p.getInt("work"))
            },
            "fast-path" to { p -> FastPath.open(p.getInt("hit-ratio")) },
            "context-post" to { p -> ContextPost.open(p.get("style") == "capture", p.getInt("awaits")) },
            "hoisted-locals" to { p -> HoistedLocals.open(p.getInt("buffer-kb") * 1024, p.get("style") == "held") },
            "async-lambdas" to { p -> AsyncLambdas.open(p.getInt("elements"), p.get("style") == "lambda") },
            "pinning" to { p -> Pinning.open(p.getInt("tasks"), p.get("hold")) },
        )

        /** The memory-shaped workloads implemented: each leaves `count` tasks suspended. */
        val SUSPENDERS: Map<String, (Params, Int) -> SuspendedTasks> = mapOf(
            "sleepers" to { _, count -> Sleepers.suspend(count) },
            "hoisted-locals" to { p, count ->
                HoistedLocals.suspend(p.getInt("buffer-kb") * 1024, p.get("style") == "held", count)
            },
        )
    }
}

/**
 * A run on its own [RunLoop]: each [run] starts [operation] as a coroutine on the loop's
 * dispatcher ([RunLoopDispatcher] unless [dispatcher] says otherwise), from the loop's thread and
 * undispatched (it starts inline, as an operation started on its event loop does), and drives the
 * loop until it is done.
 */
internal class LoopRun(
    name: String,
    dispatcher: (RunLoop) -> CoroutineDispatcher = ::RunLoopDispatcher,
    private val operation: suspend (RunLoop) -> Long,
) : WorkloadRun {
    private val loop = RunLoop(name)
    private val scope = CoroutineScope(dispatcher(loop))

    override fun run(): Long = loop.driveFuture { scope.future(start = CoroutineStart.UNDISPATCHED) { operation(loop) } }

    override fun close() {
        scope.cancel()
    }
}
