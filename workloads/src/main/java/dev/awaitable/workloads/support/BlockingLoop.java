package dev.awaitable.workloads.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The "I/O" of the blocking peers: a thread that completes blocking reads in the order they were
 * made, as a socket's readiness arrives. A read blocks its caller until the loop thread
 * completes it. For the virtual-threads peer the loop is itself a virtual thread, so on a
 * one-carrier scheduler ({@link dev.awaitable.workloads.Implementation#jvmArgs}) the readers and
 * the loop share one OS thread, the same-thread delivery of the blocking world; for the
 * platform-thread peer it is a platform thread, and every read is an OS wake-up.
 */
public final class BlockingLoop implements AutoCloseable {

    private final LinkedBlockingQueue<Runnable> requests = new LinkedBlockingQueue<>();
    private final Thread thread;

    private BlockingLoop(Thread.Builder builder) {
        this.thread = builder.start(this::loop);
    }

    /** A loop on a virtual thread named {@code name}. */
    public static BlockingLoop virtual(String name) {
        return new BlockingLoop(Thread.ofVirtual().name(name));
    }

    /** A loop on a daemon platform thread named {@code name}. */
    public static BlockingLoop platform(String name) {
        return new BlockingLoop(Thread.ofPlatform().name(name).daemon(true));
    }

    /** Blocks until the loop delivers {@code value}, after every read made before this one. */
    public <T> T read(T value) {
        CompletableFuture<T> f = new CompletableFuture<>();
        requests.add(() -> f.complete(value));
        return f.join();
    }

    private void loop() {
        try {
            for (; ; ) {
                requests.take().run();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Stops the loop thread; never throws. */
    @Override
    public void close() {
        thread.interrupt();
    }
}
