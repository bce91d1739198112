package dev.awaitable.kotlinpeer.micro

import java.util.concurrent.Executor
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.future
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/**
 * The Kotlin side of the micro-benchmarks that have a kotlinx.coroutines counterpart: plain
 * functions a Java JMH method calls, so JMH's annotation processing stays in javac (the
 * benchmarks module) and each function runs its suspend code to completion and returns a value
 * the benchmark consumes. Coroutines are started in [GlobalScope]: a benchmark operation is not
 * a child of anything, and a parent job would add its own bookkeeping to every start.
 */
@OptIn(DelicateCoroutinesApi::class, ExperimentalCoroutinesApi::class)
object KotlinMicro {

    /* ---------------- a chain of N dependent stages (ChainBench) ---------------- */

    /**
     * `async { previous.await() + 1 }` per stage on a pending root, started undispatched and
     * unconfined (so each stage runs inline until it suspends on the previous one, as an async
     * method does), then the root completed and the last stage read: a Deferred per stage, as a
     * Task per stage.
     */
    @JvmStatic
    fun chainAsync(stages: Int): Int {
        val root = CompletableDeferred<Int>()
        var last: Deferred<Int> = root
        repeat(stages) {
            val previous = last
            last = GlobalScope.async(Dispatchers.Unconfined, CoroutineStart.UNDISPATCHED) { previous.await() + 1 }
        }
        root.complete(0)
        return last.getCompleted()
    }

    /**
     * The same chain as Kotlin code usually has it: `stage(n) = stage(n - 1) + 1` down to the
     * root's await, N nested suspend calls in one coroutine. Suspending leaves a continuation
     * object per frame; the root's completion resumes them innermost first, in a loop
     * (`BaseContinuationImpl.resumeWith`), as the statemachine backend resumes a cascade.
     */
    @JvmStatic
    fun chainNested(stages: Int): Int {
        val root = CompletableDeferred<Int>()
        val last = GlobalScope.async(Dispatchers.Unconfined, CoroutineStart.UNDISPATCHED) { stage(root, stages) }
        root.complete(0)
        return last.getCompleted()
    }

    private suspend fun stage(root: Deferred<Int>, n: Int): Int = if (n == 0) root.await() else stage(root, n - 1) + 1

    /* ---------------- a synchronous completion of a suspend function (SyncMethodBench) ---------------- */

    private val COMPLETED: Deferred<Int> = CompletableDeferred(41)

    /** `suspend fun addOne(x: Deferred<Int>) = x.await() + 1`: the suspend function called. */
    suspend fun addOne(x: Deferred<Int>): Int = x.await() + 1

    private val ADD_ONE: suspend Deferred<Int>.() -> Int = ::addOne

    /**
     * A call of [addOne] on a completed Deferred, as a suspend caller makes it: with the caller's
     * continuation (here one that must never be resumed), returning its value directly since it
     * does not suspend. What it costs is the call's own state machine: the function allocates its
     * continuation on entry, whether or not it suspends.
     */
    @JvmStatic
    fun syncCall(): Int {
        val r = ADD_ONE.startCoroutineUninterceptedOrReturn(COMPLETED, NeverResumed)
        if (r === COROUTINE_SUSPENDED) {
            throw AssertionError("addOne suspended on a completed Deferred")
        }
        return r as Int
    }

    /** The caller's continuation of [syncCall]: the call completes synchronously, so it is never resumed. */
    private object NeverResumed : Continuation<Int> {
        override val context: CoroutineContext = EmptyCoroutineContext

        override fun resumeWith(result: Result<Int>) {
            throw AssertionError("a synchronous completion resumed its caller: $result")
        }
    }

    /* ---------------- one million pending delays ---------------- */

    /**
     * [count] coroutines each `delay(1)`, all pending at once on one thread: launched undispatched
     * in `runBlocking`, whose event loop keeps their timers, and run off only when the loop
     * is free, after the last is launched. Returns [count] once every one has finished.
     */
    @JvmStatic
    fun pendingDelaysOnLoop(count: Int): Int = runBlocking {
        repeat(count) { launch(start = CoroutineStart.UNDISPATCHED) { delay(1) } }
        count
    }

    /**
     * The same on `Dispatchers.Default`: each coroutine starts inline, its timer is kept by
     * kotlinx's shared timer thread (`DefaultExecutor`), and it resumes on the Default pool.
     */
    @JvmStatic
    fun pendingDelaysOnDefault(count: Int): Int = runBlocking {
        repeat(count) { launch(Dispatchers.Default, CoroutineStart.UNDISPATCHED) { delay(1) } }
        count
    }
}

/**
 * A dispatcher over a single-thread executor (an event loop's post), for the micro-benchmarks
 * that run on one: each function starts its coroutine there and waits for its result.
 */
@OptIn(DelicateCoroutinesApi::class)
class KotlinLoop(executor: Executor) {

    private val dispatcher: CoroutineDispatcher = executor.asCoroutineDispatcher()

    /**
     * Suspend and resume on one thread (YieldBench): `yield()` [n] times on the loop; each posts
     * the coroutine's continuation to the loop, which runs it.
     */
    fun yields(n: Int): Int = GlobalScope.future(dispatcher) {
        var i = 0
        while (i < n) {
            yield()
            i++
        }
        i
    }.join()

    /**
     * Cross-thread ping-pong over rendezvous channels (PingPongBench): the pinger on this loop, the
     * ponger on [other]'s; [rounds] round trips, each two hops. Returns the sum of the values
     * bounced back.
     */
    fun pingPong(other: KotlinLoop, rounds: Int): Int = pingPong(dispatcher, other.dispatcher, rounds)

    companion object {
        /** The same ping-pong with both sides on `Dispatchers.Default` (the pool's hand-offs). */
        @JvmStatic
        fun pingPongOnDefault(rounds: Int): Int = pingPong(Dispatchers.Default, Dispatchers.Default, rounds)

        private fun pingPong(pinger: CoroutineDispatcher, ponger: CoroutineDispatcher, rounds: Int): Int {
            val ping = Channel<Int>(Channel.RENDEZVOUS)
            val pong = Channel<Int>(Channel.RENDEZVOUS)
            GlobalScope.launch(ponger) { repeat(rounds) { pong.send(ping.receive()) } }
            return GlobalScope.future(pinger) {
                var sum = 0
                repeat(rounds) {
                    ping.send(it)
                    sum += pong.receive()
                }
                sum
            }.join()
        }
    }
}
