package dev.awaitable.workloads.pingpong;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CompletableFuture peer's channel: an unbounded queue whose reads are futures, the least a
 * Java user would write to exchange messages between two CompletableFuture loops.
 *
 * <p>Under the lock: {@code items} non-empty implies {@code readers} empty. A write hands its
 * item to the oldest pending read if there is one, completing it after unlocking (completion
 * runs the reader's continuation inline), else buffers it.
 *
 * @param <T> the item type
 */
final class CfMailbox<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<T>> readers = new ArrayDeque<>();

    void write(T item) {
        CompletableFuture<T> reader;
        lock.lock();
        try {
            reader = readers.pollFirst();
            if (reader == null) {
                items.addLast(item);
                return;
            }
        } finally {
            lock.unlock();
        }
        reader.complete(item);
    }

    CompletableFuture<T> read() {
        lock.lock();
        try {
            T item = items.pollFirst();
            if (item != null) {
                return CompletableFuture.completedFuture(item);
            }
            CompletableFuture<T> f = new CompletableFuture<>();
            readers.addLast(f);
            return f;
        } finally {
            lock.unlock();
        }
    }
}
