package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.Implementation
import dev.awaitable.workloads.Params
import dev.awaitable.workloads.Verifier
import dev.awaitable.workloads.WorkloadCatalog
import java.util.concurrent.TimeUnit
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
            // await-chain: 1000 / depth chains, chain c reads c and each level adds one
            "await-chain    | depth=1    | 500500",
            "await-chain    | depth=7    | 11005",
            "await-chain    | depth=200  | 1010",
            "await-chain    | depth=1000 | 1000",
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

    @Test
    fun aRunRunsAgainWithTheSameChecksum() {
        val w = WorkloadCatalog.byId("await-chain")
        w.open(Implementation.KOTLIN_COROUTINES, Params.parse(w, "depth=10")).use { run ->
            val first = run.run()
            repeat(100) { assertThat(run.run()).isEqualTo(first) }
        }
    }

    @Test
    fun onlyTheImplementedWorkloadsListIt() {
        val listing = WorkloadCatalog.all()
            .filter { Implementation.KOTLIN_COROUTINES in it.implementations() }
            .map { it.id() }
        assertThat(listing).containsExactlyInAnyOrder("suspend-resume", "await-chain", "ping-pong", "fan-out")
    }

    /** The expected checksums above, recomputed by loops (a typo in the table fails here). */
    private fun expectedAwaitChainOrSum(workload: String, params: String): Long {
        val p = params.split(',').associate { it.substringBefore('=') to it.substringAfter('=') }
        return when (workload) {
            "suspend-resume" -> (0 until p.int("count")).sumOf { it.toLong() }
            "await-chain" -> p.int("depth").let { d -> (0 until 1000 / d).sumOf { it.toLong() + d } }
            "ping-pong" -> (0 until p.int("messages")).sumOf { it + 1L }
            "fan-out" -> p.int("children").let { n -> maxOf(1, 1000 / n) * (0 until n).sumOf { 2L * it + 1 } }
            else -> throw IllegalArgumentException("no expected checksum for $workload")
        }
    }

    private fun Map<String, String>.int(name: String): Int = getValue(name).toInt()
}
