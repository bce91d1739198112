package dev.awaitable.workloads;

import java.util.List;

/**
 * The objects that make up one suspended task's own state, when that state is several objects
 * no single one of which points to all the others (a Kotlin coroutine's continuation frames, say:
 * each frame points outward to its caller, and the innermost is reachable only from what it
 * waits on). A {@link SuspendedTasks#representative()} of this type is sized as the sum of its
 * objects' shallow sizes.
 *
 * @param objects the task's own objects, innermost first; none shared with other tasks
 */
public record OwnState(List<Object> objects) {

    public OwnState {
        objects = List.copyOf(objects);
    }
}
