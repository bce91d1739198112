package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.Implementation
import dev.awaitable.workloads.OwnState
import dev.awaitable.workloads.Params
import dev.awaitable.workloads.Verifier
import dev.awaitable.workloads.WorkloadCatalog
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.Deferred
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.CsvSource

/**
 * The kotlin-coroutines implementation computes the checksum its parameters call for, computed
 * here independently, and agrees with every other implementation through [Verifier.verify] (the
 * harness's own gate). No timing assertions; the timeout only turns a hang into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KotlinCoroutinesAgreementTest {

    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource(
        delimiter = '|',
        value = [
            // suspend-resume: the values 0..count-1
            "suspend-resume | count=1    | 0",
            "suspend-resume | count=10   | 45",
            "suspend-resume | count=1000 | 499500",
            // await-chain: 100,000 / depth chains, chain c reads c and each level adds one
            "await-chain    | depth=1    | 5000050000",
            "await-chain    | depth=7    | 102123465",
            "await-chain    | depth=200  | 224750",
            "await-chain    | depth=1000 | 104950",
            // ping-pong: the sum of ping's answers 1..messages
            "ping-pong      | messages=1,delivery=same-thread     | 1",
            "ping-pong      | messages=1000,delivery=same-thread  | 500500",
            "ping-pong      | messages=1,delivery=cross-thread    | 1",
            "ping-pong      | messages=1000,delivery=cross-thread | 500500",
            // fan-out: children^2 per fan-out, max(1, 1000 / children) fan-outs
            "fan-out        | children=1,style=serial,delivery=same-thread       | 1000",
            "fan-out        | children=100,style=serial,delivery=same-thread     | 100000",
            "fan-out        | children=1,style=whenall,delivery=same-thread      | 1000",
            "fan-out        | children=100,style=whenall,delivery=same-thread    | 100000",
            "fan-out        | children=10000,style=whenall,delivery=same-thread  | 100000000",
            "fan-out        | children=100,style=serial,delivery=cross-thread    | 100000",
            "fan-out        | children=100,style=whenall,delivery=cross-thread   | 100000",
            "fan-out        | children=10000,style=whenall,delivery=cross-thread | 100000000",
            // async-stream: the values 0..items-1, one by one or in lists of batch (the last shorter)
            "async-stream   | items=1,style=per-item               | 0",
            "async-stream   | items=1000,style=per-item            | 499500",
            "async-stream   | items=1000,style=batched,batch=100   | 499500",
            "async-stream   | items=1001,style=batched,batch=100   | 500500",
            "async-stream   | items=10000,style=batched,batch=7    | 49995000",
            // sleepers: each sleeper returns its index (cross-thread: timers)
            "sleepers       | tasks=1,delay-ms=1                   | 0",
            "sleepers       | tasks=1000,delay-ms=10               | 499500",
            // cpu-offload: the sum of the xorshift calls (direct: same-thread; offload: cross-thread)
            "cpu-offload    | style=direct,work=1,calls=1          | 1082269761",
            "cpu-offload    | style=direct,work=100,calls=1000     | -3555589470118561174",
            "cpu-offload    | style=offload,work=1,calls=1         | 1082269761",
            "cpu-offload    | style=offload,work=100,calls=1000    | -3555589470118561174",
            "cpu-offload    | style=offload,work=1000,calls=10     | 2434908249407936632",
            // fast-path: sum(7 * (i % 100) + 3) over 50,000 calls, whatever the hit ratio and return type
            "fast-path      | hit-ratio=0,returns=awaitable        | 17475000",
            "fast-path      | hit-ratio=0,returns=value            | 17475000",
            "fast-path      | hit-ratio=50,returns=awaitable       | 17475000",
            "fast-path      | hit-ratio=90,returns=value           | 17475000",
            "fast-path      | hit-ratio=100,returns=awaitable      | 17475000",
            "fast-path      | hit-ratio=100,returns=value          | 17475000",
            // context-post: the values 0..awaits-1, resumed on the UI dispatcher or unconfined
            "context-post   | style=capture,awaits=1               | 0",
            "context-post   | style=capture,awaits=1000            | 499500",
            "context-post   | style=no-capture,awaits=1            | 0",
            "context-post   | style=no-capture,awaits=1000         | 499500",
            // hoisted-locals: 100 tasks, each its buffer's digest plus the gate's 1
            "hoisted-locals | buffer-kb=1,style=held               | 13056100",
            "hoisted-locals | buffer-kb=1,style=released           | 13056100",
            "hoisted-locals | buffer-kb=16,style=held              | 208896100",
            "hoisted-locals | buffer-kb=16,style=released          | 208896100",
            // async-lambdas: sum(2i + 1) = elements^2, by method reference or through a lambda
            "async-lambdas  | elements=1,style=lambda              | 1",
            "async-lambdas  | elements=1000,style=lambda           | 1000000",
            "async-lambdas  | elements=1000,style=method-ref       | 1000000",
            "async-lambdas  | elements=10000,style=method-ref      | 100000000",
            // pinning: task i returns 2i plus the awaited i
            "pinning        | tasks=1,hold=monitor                 | 0",
            "pinning        | tasks=1000,hold=monitor              | 1498500",
            "pinning        | tasks=1000,hold=reentrant-lock       | 1498500",
            "pinning        | tasks=100,hold=none                  | 14850",
        ],
    )
    fun agreesWithEveryOtherImplementation(workload: String, params: String, expected: Long) {
        assertThat(expectedAwaitChainOrSum(workload, params)).isEqualTo(expected)
        val w = WorkloadCatalog.byId(workload)
        assertThat(w.implementations()).contains(Implementation.KOTLIN_COROUTINES)
        val p = Params.parse(w, params)

        assertThat(Verifier.checksum(w, Implementation.KOTLIN_COROUTINES, p)).isEqualTo(expected)
        val sums = Verifier.verify(w, w.implementations(), p)
        assertThat(sums).containsEntry(Implementation.KOTLIN_COROUTINES, expected)
        assertThat(sums.values.toSet()).containsExactly(expected)
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource(
        delimiter = '|',
        value = [
            "await-chain  | depth=10",
            "ping-pong    | messages=100,delivery=same-thread",
            "ping-pong    | messages=100,delivery=cross-thread",
            "fan-out      | children=10,style=whenall,delivery=same-thread",
            "fan-out      | children=10,style=whenall,delivery=cross-thread",
            "async-stream | items=100,style=per-item",
            "cpu-offload  | style=offload,work=10,calls=100",
            "fast-path    | hit-ratio=50,returns=value",
            "context-post | style=capture,awaits=100",
            "context-post | style=no-capture,awaits=100",
            "hoisted-locals | buffer-kb=1,style=held",
            "async-lambdas  | elements=100,style=lambda",
            "pinning        | tasks=100,hold=reentrant-lock",
            "pinning        | tasks=100,hold=monitor",
        ],
    )
    fun aRunRunsAgainWithTheSameChecksum(workload: String, params: String) {
        val w = WorkloadCatalog.byId(workload)
        w.open(Implementation.KOTLIN_COROUTINES, Params.parse(w, params)).use { run ->
            val first = run.run()
            repeat(100) { assertThat(run.run()).isEqualTo(first) }
        }
    }

    @ParameterizedTest
    @CsvSource("held", "released")
    fun hoistedLocalsTasksWaitAtTheGateUntilWoken(style: String) {
        val w = WorkloadCatalog.byId("hoisted-locals")
        w.suspend(Implementation.KOTLIN_COROUTINES, Params.parse(w, "buffer-kb=1,style=$style"), 1000).use { tasks ->
            assertThat(tasks.count()).isEqualTo(1000)
            val frames = (tasks.representative() as OwnState).objects()
            assertThat(frames.first()).isInstanceOf(CancellableContinuation::class.java)
            // the suspend function that awaits the gate, with its spilled locals, is one of the task's own frames
            assertThat(frames.map { it.javaClass.name }).anyMatch { it.contains("HoistedLocals\$$style") }
            assertThat((frames.last() as Deferred<*>).isActive).isTrue()
            assertThat(tasks.resumeAll()).isEqualTo(hoistedLocals(1000, 1))
        }
    }

    @Test
    fun sleepersStaySuspendedUntilWokenAndThenSumTheirIndexes() {
        val w = WorkloadCatalog.byId("sleepers")
        w.suspend(Implementation.KOTLIN_COROUTINES, Params.parse(w, "tasks=1000,delay-ms=10"), 1000).use { tasks ->
            assertThat(tasks.count()).isEqualTo(1000)
            val frames = (tasks.representative() as OwnState).objects()
            assertThat(frames.map { it.javaClass.name }).anyMatch { it.contains("Sleepers\$held") }
            Thread.sleep(100) // far longer than delay-ms: the hour's hold is what keeps them
            assertThat((frames.last() as Deferred<*>).isActive).isTrue()
            assertThat(tasks.resumeAll()).isEqualTo(499500L)
        }
    }

    @Test
    fun everyWorkloadOfTheMatrixListsIt() {
        val listing = WorkloadCatalog.all()
            .filter { Implementation.KOTLIN_COROUTINES in it.implementations() }
            .map { it.id() }
        assertThat(listing).containsExactlyInAnyOrder(
            "suspend-resume", "await-chain", "ping-pong", "fan-out", "async-stream", "sleepers", "cpu-offload",
            "fast-path", "context-post", "hoisted-locals", "async-lambdas", "pinning",
        )
    }

    /** The expected checksums above, recomputed by loops (a typo in the table fails here). */
    private fun expectedAwaitChainOrSum(workload: String, params: String): Long {
        val p = params.split(',').associate { it.substringBefore('=') to it.substringAfter('=') }
        return when (workload) {
            "suspend-resume" -> (0 until p.int("count")).sumOf { it.toLong() }
            "await-chain" -> p.int("depth").let { d -> (0 until 100_000 / d).sumOf { it.toLong() + d } }
            "ping-pong" -> (0 until p.int("messages")).sumOf { it + 1L }
            "fan-out" -> p.int("children").let { n -> maxOf(1, 1000 / n) * (0 until n).sumOf { 2L * it + 1 } }
            "async-stream" -> (0 until p.int("items")).sumOf { it.toLong() }
            "sleepers" -> (0 until p.int("tasks")).sumOf { it.toLong() }
            "cpu-offload" -> (0 until p.int("calls")).sumOf { i ->
                var x = i * 0x9E3779B97F4A7C15uL.toLong() + 1
                repeat(p.int("work")) {
                    x = x xor (x shl 13)
                    x = x xor (x ushr 7)
                    x = x xor (x shl 17)
                }
                x
            }
            "fast-path" -> (0 until 50_000).sumOf { 7L * (it % 100) + 3 }
            "context-post" -> (0 until p.int("awaits")).sumOf { it.toLong() }
            "hoisted-locals" -> hoistedLocals(100, p.int("buffer-kb"))
            "async-lambdas" -> (0 until p.int("elements")).sumOf { 2L * it + 1 }
            "pinning" -> (0 until p.int("tasks")).sumOf { 3L * it }
            else -> throw IllegalArgumentException("no expected checksum for $workload")
        }
    }

    /** [tasks] tasks of hoisted-locals: each its buffer's digest, `sum_j (j + i) mod 256`, plus the gate's 1. */
    private fun hoistedLocals(tasks: Int, kb: Int): Long =
        (0 until tasks).sumOf { i -> (0 until kb * 1024).sumOf { j -> ((j + i) % 256).toLong() } + 1 }

    private fun Map<String, String>.int(name: String): Int = getValue(name).toInt()
}
