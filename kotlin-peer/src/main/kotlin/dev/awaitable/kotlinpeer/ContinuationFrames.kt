package dev.awaitable.kotlinpeer

import dev.awaitable.workloads.OwnState
import java.lang.reflect.Field
import java.lang.reflect.Method
import kotlin.coroutines.jvm.internal.CoroutineStackFrame
import kotlinx.coroutines.Job

/**
 * One suspended coroutine's own objects, for the memory probe's JOL size: the continuation of
 * the await it is suspended in (a `CancellableContinuationImpl`), then each frame outward along
 * the public `CoroutineStackFrame.callerFrame` chain (the dispatched wrapper, each suspend
 * function's continuation with its spilled locals, each scope's coroutine, the builder's lambda),
 * then the coroutine object that the outermost frame completes (its `Deferred`).
 *
 * A suspended coroutine is reachable only from what it waits on, so the walk starts at the
 * first waiter registered on [awaited] (the `Deferred` its tasks await). That step reads two
 * private fields of kotlinx.coroutines (the job's state list, the waiter node's continuation):
 * it is checked against the version in use by this module's tests, and fails loudly, never
 * silently, if a release renames them.
 */
internal object ContinuationFrames {

    /** The frames of the coroutine that registered first on [awaited], innermost first. */
    fun firstWaiter(awaited: Job): OwnState {
        val frames = ArrayList<Any>()
        var frame: CoroutineStackFrame? = firstWaitingContinuation(awaited)
        var last: Any? = null
        while (frame != null) {
            frames.add(frame)
            last = frame
            frame = frame.callerFrame
        }
        completion(last)?.let { frames.add(it) }
        return OwnState(frames)
    }

    private fun firstWaitingContinuation(job: Job): CoroutineStackFrame {
        val list = field(job.javaClass, "_state\$volatile").get(job)
            ?: throw IllegalStateException("$job has no state")
        var node: Any? = nextNode.invoke(list)
        while (node != null && node !== list) {
            val continuation = node.javaClass.declaredFields.firstOrNull { it.name == "continuation" }
            if (continuation != null) {
                continuation.isAccessible = true
                return continuation.get(node) as CoroutineStackFrame
            }
            node = nextNode.invoke(node)
        }
        throw IllegalStateException("nothing waits on $job")
    }

    /** The coroutine the outermost frame completes (a `BaseContinuationImpl`'s completion), if it is not a frame itself. */
    private fun completion(outermost: Any?): Any? {
        if (outermost == null) return null
        val getter = generateSequence<Class<*>>(outermost.javaClass) { it.superclass }
            .firstNotNullOfOrNull { c -> c.declaredMethods.firstOrNull { it.name == "getCompletion" } }
            ?: return null
        getter.isAccessible = true
        return getter.invoke(outermost)?.takeIf { it !is CoroutineStackFrame }
    }

    private val nextNode: Method =
        Class.forName("kotlinx.coroutines.internal.LockFreeLinkedListNode").getMethod("getNextNode")

    private fun field(type: Class<*>, name: String): Field {
        var c: Class<*>? = type
        while (c != null) {
            c.declaredFields.firstOrNull { it.name == name }?.let {
                it.isAccessible = true
                return it
            }
            c = c.superclass
        }
        throw NoSuchFieldException("$name in ${type.name}")
    }
}
