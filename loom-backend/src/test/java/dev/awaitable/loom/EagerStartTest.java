package dev.awaitable.loom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import dev.awaitable.testkit.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Async.run} is an async method call: the body runs before its caller continues, until its first suspension. */
class EagerStartTest extends Contract {

    private final List<String> carriers = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void requireAffinity() {
        assumeTrue(
                LoomBackend.contextAffinity() == ContextAffinity.PER_BODY_SCHEDULER,
                "needs --add-opens java.base/java.lang");
    }

    /** A body that blocks (sleeps) before its first await keeps its caller waiting and stays on the caller's thread, like a synchronous part. */
    @Test
    void blockingSynchronousPartRunsOnTheCallersThread() {
        Order order = new Order();
        CompletionSource<Integer> io = new CompletionSource<>();
        order.expect(1);
        Awaitable<Integer> body = Async.run(() -> {
            carrier();
            Thread.sleep(10);
            carrier();
            order.expect(2);
            return Async.await(io.awaitable());
        });
        order.expect(3);
        io.setResult(5);
        assertThat(await(body)).isEqualTo(5);
        assertThat(carriers).containsOnly(Thread.currentThread().getName()).hasSize(2);
    }

    /** A body started by a body runs on the starter's carrier before the starter continues, which it does right after the child's first suspension. */
    @Test
    void nestedBodyIsHandedTheCarrier() {
        Order order = new Order();
        CompletionSource<Integer> io = new CompletionSource<>();
        order.expect(1);
        Awaitable<Integer> outer = Async.run(() -> {
            carrier();
            Awaitable<Integer> inner = Async.run(() -> {
                order.expect(2);
                carrier();
                int v = Async.await(io.awaitable());
                order.expect(5);
                return v;
            });
            order.expect(3);
            carrier();
            return Async.await(inner) + 1;
        });
        order.expect(4);
        io.setResult(1);
        assertThat(await(outer)).isEqualTo(2);
        order.finish(6);
        order.assertFinished(6);
        assertThat(carriers).containsOnly(Thread.currentThread().getName()).hasSize(3);
    }

    /** A child that parks on a lock before its first await still holds its parent back until that await, then the parent continues. */
    @Test
    void childBlockedBeforeItsFirstAwaitHoldsTheParent() throws Exception {
        Order order = new Order();
        CompletionSource<Integer> io = new CompletionSource<>();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            try {
                locked.countDown();
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        holder.start();
        locked.await();
        order.expect(1);
        Awaitable<Integer> outer = Async.run(() -> {
            Awaitable<Integer> inner = Async.run(() -> {
                lock.lock(); // parks: the inner body leaves its parent's carrier
                try {
                    order.expect(2);
                } finally {
                    lock.unlock();
                }
                return Async.await(io.awaitable());
            });
            order.expect(3);
            return Async.await(inner);
        });
        order.expect(4);
        io.setResult(9);
        assertThat(await(outer)).isEqualTo(9);
        order.finish(5);
        order.assertFinished(5);
        holder.join();
    }

    /** A body started from a virtual thread the backend did not create still runs before its starter continues. */
    @Test
    void foreignVirtualThreadWaitsForTheFirstSuspension() throws Exception {
        Order order = new Order();
        CompletionSource<Integer> io = new CompletionSource<>();
        AtomicReference<Awaitable<Integer>> body = new AtomicReference<>();
        Thread.ofVirtual()
                .start(() -> {
                    order.expect(1);
                    body.set(Async.run(() -> {
                        order.expect(2);
                        int v = Async.await(io.awaitable());
                        order.expect(5);
                        return v;
                    }));
                    order.expect(3);
                })
                .join();
        order.expect(4);
        io.setResult(3);
        assertThat(await(body.get())).isEqualTo(3);
        order.finish(6);
        order.assertFinished(6);
    }

    /** Mounting a body on the caller's thread does not lose the caller's interrupt status. */
    @Test
    void callersInterruptStatusSurvivesTheInlineStart() {
        Thread.currentThread().interrupt();
        try {
            Awaitable<Integer> body = Async.run(() -> 1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(body.resultNow()).isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }

    private void carrier() {
        carriers.add(VirtualThreads.currentCarrier().getName());
    }
}
